// Job rows in and out of the queue: enqueue (idempotent with a dedupe key), heartbeat, and the ways a
// run ends. Every write by a worker is fenced on (id, leaseOwner, attempt, running), so a worker that
// lost its lease (paused, partitioned) cannot overwrite the run another worker took over.
import type { Db } from "../db.server";
import { isUniqueViolation } from "../db/errors";
import { type Message, textOf, wordsJson } from "../i18n/stored-words";
import { type Clock, systemClock } from "./clock";
import type { RunState } from "./context.server";
import { DEFAULT_RETRY, concurrencyKeyOf, jobType } from "./registry.server";
import { type Columns, writeRun } from "./run-writes.server";
import { announceQueuedJob } from "./wakeup.server";

export const JOB_TRIGGERS = ["schedule", "manual", "webhook", "api", "retry"] as const;
export type JobTrigger = (typeof JOB_TRIGGERS)[number];
// "skipped": the run did not do its work because something it needs is not set up yet (not a failure).
export const JOB_STATUSES = ["queued", "running", "succeeded", "failed", "cancelled", "skipped"] as const;
export type JobStatus = (typeof JOB_STATUSES)[number];

export interface EnqueueInput {
  shop: string;
  type: string;
  trigger: JobTrigger;
  params?: Record<string, unknown>;
  runAfter?: Date;
  dedupeKey?: string;
  maxAttempts?: number;
  retryOfId?: string;
}

/** Inserts a queued job; with a dedupeKey already used, returns that job instead (`created: false`). */
export async function enqueue(db: Db, input: EnqueueInput, clock: Clock = systemClock) {
  const retry = jobType(input.type)?.retry ?? DEFAULT_RETRY;
  try {
    const job = await db.job.create({
      data: {
        shop: input.shop,
        type: input.type,
        trigger: input.trigger,
        paramsJson: JSON.stringify(input.params ?? {}),
        concurrencyKey: concurrencyKeyOf(input.type, input.params ?? {}),
        runAfter: input.runAfter ?? clock.now(),
        dedupeKey: input.dedupeKey,
        maxAttempts: input.maxAttempts ?? retry.maxAttempts,
        retryOfId: input.retryOfId,
        createdAt: clock.now(),
      },
    });
    announceQueuedJob();
    return { job, created: true };
  } catch (error) {
    if (!input.dedupeKey || !isUniqueViolation(error)) throw error;
    const job = await db.job.findUniqueOrThrow({ where: { dedupeKey: input.dedupeKey } });
    return { job, created: false };
  }
}

export interface Fence {
  id: string;
  workerId: string;
  attempt: number;
}

/** Renews the lease and saves progress. Tells the worker whether to go on, stop (cancel) or drop the run. */
export async function heartbeat(
  db: Db,
  fence: Fence,
  run: RunState,
  leaseMs: number,
  now: Date,
): Promise<"ok" | "cancel" | "lease-lost"> {
  const row = await writeRun(db, fence, run, {
    leaseExpiresAt: new Date(now.getTime() + leaseMs),
    heartbeatAt: now,
    ...run.columns(),
  });
  if (!row) return "lease-lost";
  return row.cancelRequested ? "cancel" : "ok";
}

/** Reads whether a run was cancelled, fenced like every write: "lease-lost" when it is no longer ours. */
export async function stopRequest(db: Db, fence: Fence): Promise<"ok" | "cancel" | "lease-lost"> {
  const row = await db.job.findFirst({
    where: { id: fence.id, leaseOwner: fence.workerId, attempt: fence.attempt, status: "running" },
    select: { cancelRequestedAt: true },
  });
  if (!row) return "lease-lost";
  return row.cancelRequestedAt ? "cancel" : "ok";
}

export type RunOutcome =
  | { kind: "succeeded"; result?: Record<string, unknown> }
  | { kind: "failed"; message: Message; cause?: string; transient?: boolean }
  | { kind: "skipped"; message: Message }
  | { kind: "retry"; runAfter: Date; message: Message; cause?: string }
  | { kind: "cancelled" }
  | { kind: "released" };

/** Writes how a run ended, with its buffered log and skipped items; false when the lease was no longer ours (nothing written). */
export async function finishRun(
  db: Db,
  fence: Fence,
  run: RunState | null,
  outcome: RunOutcome,
  now: Date,
): Promise<boolean> {
  const data = endColumns(outcome, run ? run.columns() : {}, fence, now);
  const written = (await writeRun(db, fence, run, data)) !== null;
  // Back in the queue: this process's idle workers may take it (other processes hear the trigger).
  if (written && data.status === "queued") announceQueuedJob();
  return written;
}

/** The merchant's message in English, and its words to say it again in the reader's language. */
const errorColumns = (message: Message) => ({ errorMessage: textOf(message), errorWords: wordsJson(message) });

function endColumns(outcome: RunOutcome, progress: Columns, fence: Fence, now: Date): Columns {
  const ended = { ...progress, leaseOwner: null, leaseExpiresAt: null };
  switch (outcome.kind) {
    case "succeeded":
      return {
        ...ended,
        status: "succeeded",
        finishedAt: now,
        resultJson: JSON.stringify(outcome.result ?? {}),
        errorMessage: null,
        errorWords: null,
        errorCause: null,
      };
    case "failed":
      return {
        ...ended,
        status: "failed",
        finishedAt: now,
        ...errorColumns(outcome.message),
        errorCause: outcome.cause ?? null,
      };
    case "skipped":
      // Finished without doing its work, for want of setup: shown as "waiting for setup", never retried.
      return { ...ended, status: "skipped", finishedAt: now, ...errorColumns(outcome.message) };
    case "retry":
      return {
        ...ended,
        status: "queued",
        runAfter: outcome.runAfter,
        ...errorColumns(outcome.message),
        errorCause: outcome.cause ?? null,
      };
    case "cancelled":
      return { ...ended, status: "cancelled", finishedAt: now };
    case "released":
      // Back in the queue at once on shutdown, and this attempt does not count (progress not kept).
      return { leaseOwner: null, leaseExpiresAt: null, status: "queued", runAfter: now, attempt: fence.attempt - 1 };
  }
}

/** Describes an error and its causes for support (stored in Job.errorCause, not shown as the message). */
export function describeCause(error: unknown): string {
  const parts: string[] = [];
  let current: unknown = error;
  for (let depth = 0; current && depth < 5; depth++) {
    parts.push(current instanceof Error ? `${current.name}: ${current.message}` : String(current));
    current = current instanceof Error ? current.cause : undefined;
  }
  return parts.join("\ncaused by ").slice(0, 2000);
}
