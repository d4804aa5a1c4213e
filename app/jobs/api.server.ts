// Use-cases behind the sync screens and the JSON API (POST /api/sync/<type>, GET /api/jobs/<id>).
// They take their dependencies as one object, know nothing about HTTP, and are always scoped to a shop.
import { z } from "zod";
import { fieldErrorsFromZod } from "../lib/field-errors";
import type { Db } from "../db.server";
import { NotFoundError, ValidationError } from "../lib/errors";
import { type Clock, systemClock } from "./clock";
import { type JobTrigger, enqueue } from "./queue.server";
import { type JobTypeDefinition, jobType, registeredJobTypes } from "./registry.server";
import { canonicalTimeZone } from "./schedule-words";
import { assertValidSchedule, describeSchedule, previewNextRuns } from "./schedules.server";
import { type JobDetail, type JobSummary, jobDetail, jobSummary } from "./views.server";

export { describeSchedule, previewNextRuns } from "./schedules.server";
export { listSkipped, skippedToCsv } from "./skipped.server";
export type { JobDetail, JobSummary } from "./views.server";

export interface JobDeps {
  db: Db;
  clock?: Clock;
}

/** The run or schedule does not exist for this shop (a route answers 404). */
export { NotFoundError } from "../lib/errors";

const now = (deps: JobDeps) => (deps.clock ?? systemClock).now();

/** "Run now" and POST /api/sync/<type>: queues a run and returns at once (the caller answers 202). */
export async function enqueueJob(
  deps: JobDeps,
  input: {
    shop: string;
    type: string;
    trigger?: Extract<JobTrigger, "manual" | "api" | "webhook">;
    params?: Record<string, unknown>;
  },
): Promise<{ jobId: string; status: "queued" }> {
  const definition = jobType(input.type);
  if (!definition) throw new ValidationError(`There is no sync called "${input.type}".`, { type: "unknown job type" });
  const params = validParams(definition, input.params ?? {});
  const { job } = await enqueue(
    deps.db,
    { shop: input.shop, type: input.type, trigger: input.trigger ?? "manual", params },
    deps.clock,
  );
  return { jobId: job.id, status: "queued" };
}

/** Settings are a handful of small fields; they are stored with the run and shown on its page. */
const MAX_PARAMS_CHARS = 2_000;

/**
 * Checks a run's settings against its job type: a type without settings takes none, a type with a
 * schema takes only the fields it knows, valid. Refusals name the fields (422 with field errors).
 */
function validParams(definition: JobTypeDefinition, params: Record<string, unknown>): Record<string, unknown> {
  const refuse = (fieldErrors: Record<string, string>) => {
    const details = Object.entries(fieldErrors).map(([field, problem]) => `${field}: ${problem}`);
    return new ValidationError(
      `The settings for "${definition.title}" are not valid (${details.join("; ")}).`,
      fieldErrors,
    );
  };
  if (JSON.stringify(params).length > MAX_PARAMS_CHARS)
    throw refuse({ params: `too large (at most ${MAX_PARAMS_CHARS} characters)` });
  const keys = Object.keys(params);
  if (!definition.parseParams) {
    if (keys.length > 0) throw refuse(Object.fromEntries(keys.map((key) => [key, "this sync takes no settings"])));
    return params;
  }
  let parsed: unknown;
  try {
    parsed = definition.parseParams(params);
  } catch (error) {
    throw refuse(fieldErrorsOf(error));
  }
  // A schema that drops fields it does not know would otherwise let them through into the stored run.
  const known = typeof parsed === "object" && parsed !== null ? parsed : {};
  const unknown = keys.filter((key) => !(key in known));
  if (unknown.length > 0) throw refuse(Object.fromEntries(unknown.map((key) => [key, "not a setting of this sync"])));
  return params;
}

function fieldErrorsOf(error: unknown): Record<string, string> {
  if (error instanceof z.ZodError) return fieldErrorsFromZod(error, "not a setting of this sync", "params");
  return { params: error instanceof Error ? error.message : String(error) };
}

/** GET /api/jobs/<id>: null when the job does not exist for this shop. */
export async function getJob(
  deps: JobDeps,
  shop: string,
  jobId: string,
  options: { logLines?: number } = {},
): Promise<JobDetail | null> {
  const job = await deps.db.job.findFirst({ where: { id: jobId, shop } });
  if (!job) return null;
  const log = await deps.db.jobLogEntry.findMany({
    where: { jobId },
    orderBy: { at: "asc" },
    take: options.logLines ?? 200,
    select: { level: true, message: true, at: true },
  });
  return jobDetail(job, log);
}

async function requireJob(deps: JobDeps, shop: string, jobId: string) {
  const job = await deps.db.job.findFirst({ where: { id: jobId, shop } });
  if (!job) throw new NotFoundError("This sync run does not exist (it may have been cleaned up).");
  return job;
}

/** Stops a run: a queued one at once, a running one at its next checkpoint. */
export async function cancelJob(deps: JobDeps, shop: string, jobId: string): Promise<JobSummary> {
  const job = await requireJob(deps, shop, jobId);
  const at = now(deps);
  const dequeued = await deps.db.job.updateMany({
    where: { id: jobId, status: "queued" },
    data: { status: "cancelled", cancelRequestedAt: at, finishedAt: at },
  });
  if (dequeued.count === 0 && job.status === "running") {
    await deps.db.job.updateMany({
      where: { id: jobId, status: "running", cancelRequestedAt: null },
      data: { cancelRequestedAt: at },
    });
  }
  return jobSummary(await deps.db.job.findUniqueOrThrow({ where: { id: jobId } }));
}

/** Runs a failed or cancelled run again, with the same parameters, as a new run. */
export async function retryJob(
  deps: JobDeps,
  shop: string,
  jobId: string,
): Promise<{ jobId: string; status: "queued" }> {
  const job = await requireJob(deps, shop, jobId);
  if (job.status !== "failed" && job.status !== "cancelled") {
    throw new ValidationError("Only a failed or stopped run can be run again.", { status: job.status });
  }
  const { job: retry } = await enqueue(
    deps.db,
    {
      shop,
      type: job.type,
      trigger: "retry",
      params: JSON.parse(job.paramsJson) as Record<string, unknown>,
      retryOfId: job.id,
    },
    deps.clock,
  );
  return { jobId: retry.id, status: "queued" };
}

export interface JobTypeOverview {
  type: string;
  title: string;
  description: string;
  schedule: {
    cron: string;
    timezone: string;
    enabled: boolean;
    description: string;
    nextRun: string | null;
  } | null;
  lastRun: JobSummary | null;
  /** The run in progress or waiting, if any. */
  current: JobSummary | null;
}

/** The sync overview screen: every job type with its schedule, last run and next run. */
export async function listJobTypes(deps: JobDeps, shop: string): Promise<JobTypeOverview[]> {
  const schedules = await deps.db.schedule.findMany({ where: { shop } });
  const at = now(deps);
  return Promise.all(
    registeredJobTypes().map(async (definition) => {
      const schedule = schedules.find((s) => s.type === definition.type);
      const [lastRun, current] = await Promise.all([
        deps.db.job.findFirst({
          where: { shop, type: definition.type, status: { in: ["succeeded", "failed", "cancelled", "skipped"] } },
          orderBy: { finishedAt: "desc" },
        }),
        deps.db.job.findFirst({
          where: { shop, type: definition.type, status: { in: ["running", "queued"] } },
          orderBy: [{ status: "desc" }, { runAfter: "asc" }],
        }),
      ]);
      return {
        type: definition.type,
        title: definition.title,
        description: definition.description,
        schedule: schedule
          ? {
              cron: schedule.cron,
              timezone: schedule.timezone,
              enabled: schedule.enabled,
              description: describeSchedule(schedule.cron, schedule.timezone),
              nextRun: schedule.enabled
                ? previewNextRuns(schedule.cron, schedule.timezone, 1, at)[0]!.toISOString()
                : null,
            }
          : null,
        lastRun: lastRun ? jobSummary(lastRun) : null,
        current: current ? jobSummary(current) : null,
      };
    }),
  );
}

/** Failed runs of a shop since a date, newest first (the "what went wrong" panel). */
/** The shop's latest runs, newest first (the Syncs screen). */
export async function recentRuns(deps: JobDeps, shop: string, limit = 20): Promise<JobSummary[]> {
  const jobs = await deps.db.job.findMany({ where: { shop }, orderBy: { createdAt: "desc" }, take: limit });
  return jobs.map(jobSummary);
}

export async function recentFailures(deps: JobDeps, shop: string, since: Date, limit = 50): Promise<JobSummary[]> {
  const jobs = await deps.db.job.findMany({
    where: { shop, status: "failed", finishedAt: { gte: since } },
    orderBy: { finishedAt: "desc" },
    take: limit,
  });
  return jobs.map(jobSummary);
}

async function requireSchedule(deps: JobDeps, shop: string, type: string) {
  const schedule = await deps.db.schedule.findUnique({ where: { shop_type: { shop, type } } });
  if (!schedule) throw new NotFoundError(`"${jobType(type)?.title ?? type}" has no schedule for this shop.`);
  return schedule;
}

export async function pauseSchedule(deps: JobDeps, shop: string, type: string): Promise<void> {
  await requireSchedule(deps, shop, type);
  await deps.db.schedule.update({ where: { shop_type: { shop, type } }, data: { enabled: false } });
}

export async function resumeSchedule(deps: JobDeps, shop: string, type: string): Promise<void> {
  await requireSchedule(deps, shop, type);
  await deps.db.schedule.update({ where: { shop_type: { shop, type } }, data: { enabled: true } });
}

/** Changes when a job type runs; refuses an invalid cron or time zone with field errors. */
export async function updateSchedule(
  deps: JobDeps,
  shop: string,
  type: string,
  change: { cron?: string; timezone?: string; params?: Record<string, unknown> },
): Promise<{ cron: string; timezone: string; description: string; nextRuns: string[] }> {
  const schedule = await requireSchedule(deps, shop, type);
  const cron = change.cron?.trim() ?? schedule.cron;
  // Stored as the zone's canonical name ("Europe/Paris" for "europe/paris"); an unknown one is refused below.
  const typed = change.timezone?.trim() ?? schedule.timezone;
  const timezone = canonicalTimeZone(typed) ?? typed;
  assertValidSchedule(cron, timezone);
  await deps.db.schedule.update({
    where: { id: schedule.id },
    data: { cron, timezone, ...(change.params ? { paramsJson: JSON.stringify(change.params) } : {}) },
  });
  return {
    cron,
    timezone,
    description: describeSchedule(cron, timezone),
    nextRuns: previewNextRuns(cron, timezone, 5, now(deps)).map((d) => d.toISOString()),
  };
}
