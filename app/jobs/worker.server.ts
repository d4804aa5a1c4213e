// The worker: claims due jobs with a lease, runs their handler, heartbeats while it runs, and records
// how each run ended. Several workers (threads of work in one process, or many processes) share one
// queue; see claim.server.ts for why they never take the same job or two of one shop and type.
import { randomBytes } from "node:crypto";
import os from "node:os";
import type { Db } from "../db.server";
import { AppError, isTransient } from "../lib/errors";
import { type Logger, logger as rootLogger } from "../lib/logger.server";
import { backoffDelay } from "../lib/time";
import { claimNextJob } from "./claim.server";
import { type Clock, systemClock } from "./clock";
import { JobCancelled, JobInterrupted, RunState } from "./context.server";
import { type Fence, type RunOutcome, describeCause, finishRun, heartbeat } from "./queue.server";
import { DEFAULT_RETRY, type JobTypeDefinition, jobType, registeredJobTypes } from "./registry.server";

export interface WorkerOptions {
  db: Db;
  /** Unique per worker; shows in Job.leaseOwner. */
  workerId?: string;
  /** Jobs run at the same time by this worker (different shops or types). */
  concurrency?: number;
  /** How long a claim lasts without a heartbeat before another worker may take the job over. */
  leaseMs?: number;
  heartbeatMs?: number;
  /** Wait between looks at the queue when it is empty. */
  pollMs?: number;
  /** On stop(), how long running jobs may take to finish before they are interrupted and released. */
  shutdownGraceMs?: number;
  /** Job types this worker runs; all registered types by default. */
  types?: string[];
  clock?: Clock;
  logger?: Logger;
}

export interface Worker {
  readonly workerId: string;
  /** Stops claiming, lets running jobs finish (up to shutdownGraceMs), then interrupts and releases the rest. */
  stop(): Promise<void>;
  running(): number;
}

export function newWorkerId(): string {
  return `${os.hostname()}:${process.pid}:${randomBytes(3).toString("hex")}`;
}

interface Settings extends Required<Omit<WorkerOptions, "types">> {
  types: () => string[];
}

function settingsFrom(options: WorkerOptions): Settings {
  const leaseMs = options.leaseMs ?? 60_000;
  return {
    db: options.db,
    workerId: options.workerId ?? newWorkerId(),
    concurrency: options.concurrency ?? 2,
    leaseMs,
    heartbeatMs: options.heartbeatMs ?? Math.max(50, Math.floor(leaseMs / 3)),
    pollMs: options.pollMs ?? 1_000,
    shutdownGraceMs: options.shutdownGraceMs ?? 10_000,
    types: () => options.types ?? registeredJobTypes().map((t) => t.type),
    clock: options.clock ?? systemClock,
    logger: options.logger ?? rootLogger.child({ component: "jobs.worker" }),
  };
}

export function startWorker(options: WorkerOptions): Worker {
  const s = settingsFrom(options);
  const active = new Map<string, { run: RunState | null; fence: Fence; done: Promise<void> }>();
  let stopping = false;
  let wake: (() => void) | null = null;
  const nap = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, ms);
      wake = () => {
        clearTimeout(timer);
        resolve();
      };
    }).finally(() => {
      wake = null;
    });

  const loop = (async () => {
    while (!stopping) {
      if (active.size >= s.concurrency) {
        await Promise.race([...[...active.values()].map((a) => a.done), nap(s.pollMs)]);
        continue;
      }
      let claimed = null;
      try {
        claimed = await claimNextJob(s.db, {
          workerId: s.workerId,
          leaseMs: s.leaseMs,
          now: s.clock.now(),
          types: s.types(),
        });
      } catch (error) {
        s.logger.error("could not claim a job", { error: describeCause(error) });
      }
      if (!claimed) {
        await nap(s.pollMs);
        continue;
      }
      const fence: Fence = { id: claimed.id, workerId: s.workerId, attempt: claimed.attempt };
      const entry = { run: null as RunState | null, fence, done: Promise.resolve() };
      entry.done = executeRun(s, fence, (run) => (entry.run = run))
        .catch((error) => s.logger.error("job run crashed", { jobId: fence.id, error: describeCause(error) }))
        .finally(() => active.delete(fence.id));
      active.set(fence.id, entry);
    }
  })();

  const allDone = () => Promise.all([...active.values()].map((a) => a.done)).then(() => undefined);
  const timeout = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms).unref?.());

  return {
    workerId: s.workerId,
    running: () => active.size,
    async stop() {
      stopping = true;
      wake?.();
      await loop;
      await Promise.race([allDone(), timeout(s.shutdownGraceMs)]);
      for (const entry of active.values()) entry.run?.stop("shutdown");
      await Promise.race([allDone(), timeout(2_000)]);
      // A handler that ignores its signal: give its job back anyway; its late writes are fenced out.
      for (const entry of active.values()) {
        await finishRun(s.db, entry.fence, null, { kind: "released" }, s.clock.now()).catch(() => undefined);
      }
    },
  };
}

/** Runs one claimed job to its end. */
async function executeRun(s: Settings, fence: Fence, expose: (run: RunState) => void): Promise<void> {
  const job = await s.db.job.findUnique({ where: { id: fence.id } });
  if (!job) return;
  const log = s.logger.child({ jobId: job.id, shop: job.shop, type: job.type, attempt: fence.attempt });
  const run = new RunState(
    { jobId: job.id, shop: job.shop, type: job.type, trigger: job.trigger, attempt: fence.attempt },
    s.clock,
  );
  expose(run);
  const definition = jobType(job.type);
  const end = (outcome: RunOutcome) => finishRun(s.db, fence, run, outcome, s.clock.now());

  if (!definition)
    return void (await end({ kind: "failed", message: `This version of the app cannot run "${job.type}" jobs.` }));
  if (job.cancelRequestedAt) return void (await end({ kind: "cancelled" }));
  if (fence.attempt > job.maxAttempts) {
    // Only reachable by taking over expired leases: the process running it kept dying.
    return void (await end({
      kind: "failed",
      message: "The sync was interrupted too many times (the app restarted while it ran).",
    }));
  }
  let params: Record<string, unknown>;
  try {
    const raw = JSON.parse(job.paramsJson) as unknown;
    params = (definition.parseParams ? definition.parseParams(raw) : raw) as Record<string, unknown>;
  } catch (error) {
    return void (await end({
      kind: "failed",
      message: "The job's settings are not valid.",
      cause: describeCause(error),
    }));
  }

  let beating: Promise<unknown> = Promise.resolve();
  const timer = setInterval(() => {
    beating = beating
      .then(() => heartbeat(s.db, fence, run, s.leaseMs, s.clock.now()))
      .then((verdict) => {
        if (verdict === "cancel") run.stop("cancel");
        if (verdict === "lease-lost") run.stop("lease-lost");
      })
      .catch((error) => log.warn("heartbeat failed", { error: describeCause(error) }));
  }, s.heartbeatMs);

  log.info("job started");
  let outcome: RunOutcome;
  try {
    const result = await definition.handler(run.context(params, s.db));
    outcome = { kind: "succeeded", result: result ?? undefined };
  } catch (error) {
    outcome = outcomeOfError(error, run, definition, fence.attempt, job.maxAttempts, s.clock.now());
  } finally {
    clearInterval(timer);
    await beating;
  }
  if (run.stopReason === "lease-lost") {
    log.warn("lease lost; another worker owns this job now");
    return;
  }
  const written = await end(outcome);
  log.info("job ended", { outcome: outcome.kind, written });
}

function outcomeOfError(
  error: unknown,
  run: RunState,
  definition: JobTypeDefinition,
  attempt: number,
  maxAttempts: number,
  now: Date,
): RunOutcome {
  if (error instanceof JobCancelled || run.stopReason === "cancel") return { kind: "cancelled" };
  if (error instanceof JobInterrupted || run.stopReason === "shutdown") return { kind: "released" };
  const cause = describeCause(error);
  const message = error instanceof AppError ? error.message : "The sync stopped on an unexpected error.";
  if (isTransient(error)) {
    if (attempt < maxAttempts) {
      const { baseDelayMs, capDelayMs } = { ...DEFAULT_RETRY, ...definition.retry };
      return {
        kind: "retry",
        runAfter: new Date(now.getTime() + backoffDelay(attempt - 1, baseDelayMs, capDelayMs)),
        message,
        cause,
      };
    }
    return { kind: "failed", message: `${message} (gave up after ${attempt} attempts)`, cause };
  }
  return { kind: "failed", message, cause };
}

/**
 * Runs due jobs one after another in this process until none is left (or `limit` runs): for tests,
 * scripts and a "run now and wait" in development. Returns the ids of the runs it executed.
 */
export async function runDueJobs(options: WorkerOptions & { limit?: number }): Promise<string[]> {
  const s = settingsFrom(options);
  const ran: string[] = [];
  while (ran.length < (options.limit ?? Infinity)) {
    const claimed = await claimNextJob(s.db, {
      workerId: s.workerId,
      leaseMs: s.leaseMs,
      now: s.clock.now(),
      types: s.types(),
    });
    if (!claimed) break;
    await executeRun(s, { id: claimed.id, workerId: s.workerId, attempt: claimed.attempt }, () => undefined);
    ran.push(claimed.id);
  }
  return ran;
}
