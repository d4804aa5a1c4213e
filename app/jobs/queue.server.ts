// Job rows in and out of the queue: enqueue (idempotent with a dedupe key), heartbeat, and the ways a
// run ends. Every write by a worker is fenced on (id, leaseOwner, attempt, running), so a worker that
// lost its lease (paused, partitioned) cannot overwrite the run another worker took over.
import type { Db } from "../db.server";
import { isUniqueViolation } from "../db/errors";
import { type Clock, systemClock } from "./clock";
import type { RunState } from "./context.server";
import { DEFAULT_RETRY, jobType } from "./registry.server";

export const JOB_TRIGGERS = ["schedule", "manual", "webhook", "api", "retry"] as const;
export type JobTrigger = (typeof JOB_TRIGGERS)[number];
export const JOB_STATUSES = ["queued", "running", "succeeded", "failed", "cancelled"] as const;
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
        runAfter: input.runAfter ?? clock.now(),
        dedupeKey: input.dedupeKey,
        maxAttempts: input.maxAttempts ?? retry.maxAttempts,
        retryOfId: input.retryOfId,
        createdAt: clock.now(),
      },
    });
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

const fenced = (f: Fence) => ({ id: f.id, leaseOwner: f.workerId, attempt: f.attempt, status: "running" });

/** Renews the lease and saves progress. Tells the worker whether to go on, stop (cancel) or drop the run. */
export async function heartbeat(
  db: Db,
  fence: Fence,
  run: RunState,
  leaseMs: number,
  now: Date,
): Promise<"ok" | "cancel" | "lease-lost"> {
  const renewed = await db.job.updateMany({
    where: fenced(fence),
    data: { leaseExpiresAt: new Date(now.getTime() + leaseMs), heartbeatAt: now, ...run.columns() },
  });
  if (renewed.count === 0) return "lease-lost";
  await run.flushItems(db);
  const row = await db.job.findUnique({ where: { id: fence.id }, select: { cancelRequestedAt: true } });
  return row?.cancelRequestedAt ? "cancel" : "ok";
}

export type RunOutcome =
  | { kind: "succeeded"; result?: Record<string, unknown> }
  | { kind: "failed"; message: string; cause?: string }
  | { kind: "retry"; runAfter: Date; message: string; cause?: string }
  | { kind: "cancelled" }
  | { kind: "released" };

/** Writes how a run ended; false when the lease was no longer ours (nothing written). */
export async function finishRun(
  db: Db,
  fence: Fence,
  run: RunState | null,
  outcome: RunOutcome,
  now: Date,
): Promise<boolean> {
  const progress = run ? run.columns() : {};
  const unleased = { leaseOwner: null, leaseExpiresAt: null };
  const data =
    outcome.kind === "succeeded"
      ? {
          ...progress,
          ...unleased,
          status: "succeeded",
          finishedAt: now,
          resultJson: JSON.stringify(outcome.result ?? {}),
          errorMessage: null,
          errorCause: null,
        }
      : outcome.kind === "failed"
        ? {
            ...progress,
            ...unleased,
            status: "failed",
            finishedAt: now,
            errorMessage: outcome.message,
            errorCause: outcome.cause ?? null,
          }
        : outcome.kind === "retry"
          ? {
              ...progress,
              ...unleased,
              status: "queued",
              runAfter: outcome.runAfter,
              errorMessage: outcome.message,
              errorCause: outcome.cause ?? null,
            }
          : outcome.kind === "cancelled"
            ? { ...progress, ...unleased, status: "cancelled", finishedAt: now }
            : // Released on shutdown: back in the queue at once, and this attempt does not count.
              { ...unleased, status: "queued", runAfter: now, attempt: fence.attempt - 1 };
  const written = await db.job.updateMany({ where: fenced(fence), data });
  if (written.count === 1 && run) await run.flushItems(db);
  return written.count === 1;
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
