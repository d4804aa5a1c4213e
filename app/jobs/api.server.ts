// Use-cases behind the sync screens and the JSON API (POST /api/sync/<type>, GET /api/jobs/<id>).
// They take their dependencies as one object, know nothing about HTTP, and are always scoped to a shop.
import type { Job } from "@passerelle/prisma-sqlite";
import { z } from "zod";
import { fieldErrorsFromZod } from "../lib/field-errors";
import type { Db } from "../db.server";
import { NotFoundError, ValidationError } from "../lib/errors";
import { type Clock, systemClock } from "./clock";
import { JOB_STATUSES, type JobTrigger, enqueue } from "./queue.server";
import type { Locale } from "../i18n/locale";
import { type JobTypeDefinition, jobType, jobTypeWords, registeredJobTypes } from "./registry.server";
import { canonicalTimeZone } from "./schedule-words";
import { assertValidSchedule, describeSchedule, nextRunAfter, previewNextRuns } from "./schedules.server";
import { type JobDetail, type JobSummary, jobDetail, jobSummary } from "./views.server";
import { mapPage, pageSize, timeKeysetPage, type Page, type PageRequest } from "../lib/keyset.server";

export { describeSchedule, previewNextRuns } from "./schedules.server";
export { listSkipped, skippedToCsv } from "./skipped.server";
export {
  allChanges,
  allRunItems,
  changesToCsv,
  listChanges,
  listRunItems,
  listRunLog,
  type Page,
  type RunChange,
  type RunItem,
  type RunLogLine,
} from "./audit.server";
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

/**
 * Settings are a handful of small fields, or a list of chosen items (up to 250 products taken off the
 * marketplaces, about 9,000 characters); they are stored with the run and shown on its page. Each job
 * type's schema holds its own limits; this one only stops an oversized body before it is parsed.
 */
const MAX_PARAMS_CHARS = 12_000;

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
    // Started with nothing to work on (Run now) a sync made for one item at a time: say so in plain
    // words, not the schema's text.
    if (keys.length === 0)
      throw new ValidationError(
        `"${definition.title}" works on one item at a time and starts by itself when one needs it; it cannot be run on its own.`,
        fieldErrorsOf(error),
      );
    throw refuse(fieldErrorsOf(error));
  }
  // A schema that drops fields it does not know would otherwise let them through into the stored run.
  const known = typeof parsed === "object" && parsed !== null ? parsed : {};
  const unknown = keys.filter((key) => !(key in known));
  if (unknown.length > 0) throw refuse(Object.fromEntries(unknown.map((key) => [key, "not a setting of this sync"])));
  return params;
}

function runsAlone(definition: JobTypeDefinition): boolean {
  if (!definition.parseParams) return true;
  try {
    definition.parseParams({});
    return true;
  } catch {
    return false;
  }
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
  locale: Locale = "en",
): Promise<JobDetail | null> {
  const job = await deps.db.job.findFirst({ where: { id: jobId, shop } });
  if (!job) return null;
  const log = await deps.db.jobLogEntry.findMany({
    where: { jobId },
    orderBy: { at: "asc" },
    take: options.logLines ?? 200,
    select: { level: true, message: true, words: true, at: true },
  });
  return jobDetail(job, log, locale);
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
  /** False for syncs made for one item at a time (an order's export): no "Run now" for them. */
  runsAlone: boolean;
}

/** The sync overview screen: every job type with its schedule, last run and next run. */
export async function listJobTypes(deps: JobDeps, shop: string, locale: Locale = "en"): Promise<JobTypeOverview[]> {
  const schedules = await deps.db.schedule.findMany({ where: { shop } });
  const definitions = listedDefinitions(schedules);
  const runs = await lastAndCurrentRuns(
    deps,
    shop,
    definitions.map((d) => d.type),
  );
  return definitions.map((definition) => overviewOf(deps, definition, schedules, runs, locale));
}

/** One sync's overview (its own screen): only its schedule and runs are read, not every sync's. */
export async function jobTypeOverview(
  deps: JobDeps,
  shop: string,
  type: string,
  locale: Locale = "en",
): Promise<JobTypeOverview | null> {
  if (!jobType(type)) return null;
  const schedules = await deps.db.schedule.findMany({ where: { shop, type } });
  const listed = listedDefinitions(schedules).find((d) => d.type === type);
  return listed ? overviewOf(deps, listed, schedules, await lastAndCurrentRuns(deps, shop, [type]), locale) : null;
}

const FINISHED = ["succeeded", "failed", "cancelled", "skipped"];
const UNDER_WAY = ["running", "queued"];
type JobRow = Parameters<typeof jobSummary>[0];

/**
 * Each type's last finished run and its current one (running, else the next queued), in three
 * statements whatever the number of types: a statement per type and question made the Syncs screen's
 * answer slow (each goes through Prisma's query compiler). The index on (shop, type, status,
 * finishedAt) answers the last runs' ends alone, then finds those runs by equality.
 */
async function lastAndCurrentRuns(
  deps: JobDeps,
  shop: string,
  types: string[],
): Promise<{ last: Map<string, JobRow>; current: Map<string, JobRow> }> {
  const [ends, underWay] = await Promise.all([
    deps.db.job.groupBy({
      by: ["type"],
      where: { shop, type: { in: types }, status: { in: FINISHED } },
      _max: { finishedAt: true },
    }),
    deps.db.job.findMany({
      where: { shop, type: { in: types }, status: { in: UNDER_WAY } },
      orderBy: [{ status: "desc" }, { runAfter: "asc" }],
    }),
  ]);
  const lastEnd = new Map(ends.flatMap((e) => (e._max.finishedAt ? [[e.type, e._max.finishedAt.getTime()]] : [])));
  // Types and ends as two lists (not pairs, which SQLite's planner reads as a scan of the shop's runs).
  const finished = lastEnd.size
    ? await deps.db.job.findMany({
        where: {
          shop,
          type: { in: [...lastEnd.keys()] },
          status: { in: FINISHED },
          finishedAt: { in: [...new Set(lastEnd.values())].map((t) => new Date(t)) },
        },
      })
    : [];
  const last = finished.filter((job) => job.finishedAt?.getTime() === lastEnd.get(job.type));
  return { last: firstOfEachType(last), current: firstOfEachType(underWay) };
}

function firstOfEachType(jobs: JobRow[]): Map<string, JobRow> {
  const byType = new Map<string, JobRow>();
  for (const job of jobs) if (!byType.has(job.type)) byType.set(job.type, job);
  return byType;
}

// A family (one type per account…) is listed once per member that has a schedule, titled by its label.
function listedDefinitions(schedules: { type: string; paramsJson: string }[]): JobTypeDefinition[] {
  return registeredJobTypes().flatMap((definition) =>
    definition.family
      ? schedules
          .filter((s) => s.type.startsWith(`${definition.type}.`) && jobType(s.type) === definition)
          .map((s) => {
            const label = (JSON.parse(s.paramsJson) as { label?: unknown }).label;
            return {
              ...definition,
              type: s.type,
              title: typeof label === "string" ? `${definition.title}: ${label}` : definition.title,
            };
          })
      : [definition],
  );
}

function overviewOf(
  deps: JobDeps,
  definition: JobTypeDefinition,
  schedules: { type: string; cron: string; timezone: string; enabled: boolean }[],
  runs: { last: Map<string, JobRow>; current: Map<string, JobRow> },
  locale: Locale,
): JobTypeOverview {
  const schedule = schedules.find((s) => s.type === definition.type);
  const lastRun = runs.last.get(definition.type);
  const current = runs.current.get(definition.type);
  const words = jobTypeWords(definition, locale);
  return {
    type: definition.type,
    title: definition.family ? definition.title : words.title,
    description: words.description,
    schedule: schedule
      ? {
          cron: schedule.cron,
          timezone: schedule.timezone,
          enabled: schedule.enabled,
          description: describeSchedule(schedule.cron, schedule.timezone, locale),
          nextRun: schedule.enabled ? nextRunAfter(schedule.cron, schedule.timezone, now(deps)).toISOString() : null,
        }
      : null,
    lastRun: lastRun ? jobSummary(lastRun, locale) : null,
    current: current ? jobSummary(current, locale) : null,
    /** False for syncs made for one item at a time (an order's export): no "Run now" for them. */
    runsAlone: runsAlone(definition),
  };
}

/** Failed runs of a shop since a date, newest first (the "what went wrong" panel). */
/** The shop's latest runs, newest first (the Syncs screen). */
const RUNS_PER_PAGE = 20;

export interface RunFilter extends PageRequest {
  type?: string | null;
  status?: string | null;
}

/**
 * A shop's runs, newest first, paged by keyset on (createdAt, id), with the total: every sync or one type,
 * every status or one. Each read and count stays on the Job indexes that start with the shop (and type).
 */
export async function listRuns(
  deps: JobDeps,
  shop: string,
  filter: RunFilter = {},
  locale: Locale = "en",
): Promise<Page<JobSummary>> {
  const status = (JOB_STATUSES as readonly string[]).includes(filter.status ?? "") ? filter.status! : null;
  const where = { shop, ...(filter.type ? { type: filter.type } : {}), ...(status ? { status } : {}) };
  const page = await timeKeysetPage<Job>({
    column: "createdAt",
    order: "desc",
    request: filter,
    limit: pageSize(filter.limit, RUNS_PER_PAGE, 200),
    timeOf: (job) => job.createdAt,
    rows: ({ position, orderBy, take }) =>
      deps.db.job.findMany({ where: position ? { AND: [where, position] } : where, orderBy, take }),
    count: () => deps.db.job.count({ where }),
  });
  return mapPage(page, (job) => jobSummary(job, locale));
}

export async function recentFailures(
  deps: JobDeps,
  shop: string,
  since: Date,
  limit = 50,
  locale: Locale = "en",
): Promise<JobSummary[]> {
  const jobs = await deps.db.job.findMany({
    where: { shop, status: "failed", finishedAt: { gte: since } },
    orderBy: { finishedAt: "desc" },
    take: limit,
  });
  return jobs.map((job) => jobSummary(job, locale));
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
  locale: Locale = "en",
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
    description: describeSchedule(cron, timezone, locale),
    nextRuns: previewNextRuns(cron, timezone, 5, now(deps)).map((d) => d.toISOString()),
  };
}
