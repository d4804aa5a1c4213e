// The worker: claims due jobs with a lease, runs their handler, heartbeats while it runs, and records
// how each run ended. Several workers (threads of work in one process, or many processes) share one
// queue; see claim.server.ts for why they never take the same job or two of one shop and type.
import { randomBytes } from "node:crypto";
import os from "node:os";
import type { Db } from "../db.server";
import { isDatabaseUnavailable, isTransientDatabaseError } from "../db/errors";
import { type Message, said } from "../i18n/stored-words";
import { DatabaseBusyError, NotConfiguredError, isTransient, merchantMessageOf, TransientError } from "../lib/errors";
import { type Logger, logger as rootLogger } from "../lib/logger.server";
import { backoffDelay, sleep } from "../lib/time";
import { type ClaimedJob, claimJobs, claimNextJob } from "./claim.server";
import { type Clock, systemClock } from "./clock";
import { JobCancelled, JobInterrupted, RunState } from "./context.server";
import { type Fence, type RunOutcome, describeCause, finishRun, heartbeat, stopRequest } from "./queue.server";
import { DEFAULT_RETRY, type JobTypeDefinition, jobType, registeredJobTypes } from "./registry.server";
import { announceRunFailed } from "./run-events.server";
import { Doorbell, listenForQueuedJobs, onQueuedJob } from "./wakeup.server";
import { withAttempts } from "../lib/merchant-messages.server";
import { waitWhileIntakeBusy } from "../webhooks/wake.server";

export interface WorkerOptions {
  db: Db;
  /** Unique per worker; shows in Job.leaseOwner. */
  workerId?: string;
  /** Jobs run at the same time by this worker (different shops, types or concurrency keys). */
  concurrency?: number;
  /** How long a claim lasts without a heartbeat before another worker may take the job over. */
  leaseMs?: number;
  heartbeatMs?: number;
  /**
   * Longest wait between looks at the queue while idle. Enqueues of this process (and, on PostgreSQL
   * with `databaseUrl`, of any process) wake the worker at once; the poll catches the rest (delayed
   * retries, other processes on SQLite). Default: 5 s when listening on PostgreSQL, 250 ms otherwise.
   */
  pollMs?: number;
  /** The database's URL: on PostgreSQL the worker LISTENs there for queued jobs (one more connection). */
  databaseUrl?: string;
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

interface Settings extends Required<Omit<WorkerOptions, "types" | "databaseUrl">> {
  types: () => string[];
  listenUrl: string | null;
}

function settingsFrom(options: WorkerOptions): Settings {
  const leaseMs = options.leaseMs ?? 60_000;
  const listenUrl = options.databaseUrl && /^postgres(ql)?:\/\//.test(options.databaseUrl) ? options.databaseUrl : null;
  return {
    db: options.db,
    workerId: options.workerId ?? newWorkerId(),
    concurrency: options.concurrency ?? 2,
    leaseMs,
    heartbeatMs: options.heartbeatMs ?? Math.max(50, Math.floor(leaseMs / 3)),
    pollMs: options.pollMs ?? (listenUrl ? 5_000 : 250),
    listenUrl,
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
  // Rung by: an enqueue in this process, a NOTIFY from another one, a run of ours ending (a job of the
  // same key may be waiting for it, and a slot is free), stop().
  const doorbell = new Doorbell();
  const unsubscribe = onQueuedJob(() => doorbell.ring());
  const listener = s.listenUrl ? listenForQueuedJobs(s.listenUrl, () => doorbell.ring(), s.logger) : null;

  const loop = (async () => {
    while (!stopping) {
      // Let every run that ends in this turn of the event loop leave its slot first (their ends are
      // written together, so they finish together): one claim then fills them all.
      await new Promise<void>((resolve) => setImmediate(resolve));
      const free = s.concurrency - active.size;
      // While jobs run, refill once a quarter of the slots is free: one claim then brings a batch
      // instead of one job per ended run (an idle worker claims at once).
      if (free <= 0 || (active.size > 0 && free < Math.ceil(s.concurrency / 4))) {
        await doorbell.wait(s.pollMs);
        continue;
      }
      // A webhook burst in this process is answered first: the claim's queries wait for its end (≤ 1 s).
      await waitWhileIntakeBusy();
      let claimed: ClaimedJob[] = [];
      try {
        claimed = await claimJobs(s.db, {
          workerId: s.workerId,
          leaseMs: s.leaseMs,
          now: s.clock.now(),
          types: s.types(),
          limit: free,
        });
      } catch (error) {
        s.logger.error("could not claim a job", { error: describeCause(error) });
      }
      for (const job of claimed) {
        const fence: Fence = { id: job.id, workerId: s.workerId, attempt: job.attempt };
        const entry = { run: null as RunState | null, fence, done: Promise.resolve() };
        entry.done = executeRun(s, job, fence, (run) => (entry.run = run))
          .catch((error) => s.logger.error("job run crashed", { jobId: fence.id, error: describeCause(error) }))
          .finally(() => {
            active.delete(fence.id);
            doorbell.ring();
          });
        active.set(fence.id, entry);
      }
      // Nothing due (or nothing this worker may take yet): wait for a ring or the next poll.
      if (claimed.length === 0) await doorbell.wait(s.pollMs);
    }
  })();

  const allDone = () => Promise.all([...active.values()].map((a) => a.done)).then(() => undefined);
  const timeout = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms).unref?.());

  return {
    workerId: s.workerId,
    running: () => active.size,
    async stop() {
      stopping = true;
      doorbell.ring();
      unsubscribe();
      await Promise.all([loop, listener?.close()]);
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
async function executeRun(s: Settings, job: ClaimedJob, fence: Fence, expose: (run: RunState) => void): Promise<void> {
  const log = s.logger.child({ jobId: job.id, shop: job.shop, type: job.type, attempt: fence.attempt });
  const run = new RunState(
    { jobId: job.id, shop: job.shop, type: job.type, trigger: job.trigger, attempt: fence.attempt },
    s.clock,
  );
  expose(run);
  run.watchStops(() => stopRequest(s.db, fence));
  const definition = jobType(job.type);
  const end = async (outcome: RunOutcome) => {
    const written = await recordEnd(s, () => finishRun(s.db, fence, run, outcome, s.clock.now()), log);
    // Whoever subscribed (alerts, the app events on the Logs screen) hears of a failure we recorded.
    if (written && outcome.kind === "failed")
      await announceRunFailed({
        db: s.db,
        shop: job.shop,
        jobId: job.id,
        type: job.type,
        title: definition?.title ?? job.type,
        trigger: job.trigger,
        message: outcome.message,
        transient: outcome.transient === true,
        attempt: fence.attempt,
        finishedAt: s.clock.now(),
      });
    return written;
  };

  if (!definition) return void (await end({ kind: "failed", message: said("run.unknownType", { type: job.type }) }));
  if (job.cancelRequested) return void (await end({ kind: "cancelled" }));
  if (fence.attempt > job.maxAttempts) {
    // Only reachable by taking over expired leases: the process running it kept dying.
    return void (await end({
      kind: "failed",
      message: said("run.interruptedTooOften"),
    }));
  }
  let params: Record<string, unknown>;
  try {
    const raw = JSON.parse(job.paramsJson) as unknown;
    params = (definition.parseParams ? definition.parseParams(raw) : raw) as Record<string, unknown>;
  } catch (error) {
    return void (await end({
      kind: "failed",
      message: said("run.invalidSettings"),
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

  log.debug("job started");
  let outcome: RunOutcome;
  try {
    const result = await definition.handler(run.context(params, s.db));
    outcome = { kind: "succeeded", result: result ?? undefined };
    run.noteFinished();
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

/**
 * Writes a run's end, trying again while the database is only busy (another process holding the write
 * lock: a backup, a migration, a burst). Given up on, the run would stay "running" until its lease
 * expired and then be run again. The write is fenced, so a try that did land is never applied twice;
 * the tries stop within half a lease, while this worker still holds it (its last renewal was at most a
 * third of a lease ago).
 */
async function recordEnd(s: Settings, write: () => Promise<boolean>, log: Logger): Promise<boolean> {
  const deadline = Date.now() + s.leaseMs / 2;
  for (let tries = 1; ; tries++) {
    try {
      const written = await write();
      if (tries > 1) log.info("run's end recorded after the database was busy", { tries });
      return written;
    } catch (error) {
      const pause = backoffDelay(tries, 50, 1_000);
      if (!isTransientDatabaseError(error) || Date.now() + pause > deadline) throw error;
      if (tries === 1) log.warn("could not record the run's end yet; trying again", { error: describeCause(error) });
      await sleep(pause);
    }
  }
}

function outcomeOfError(
  error: unknown,
  run: RunState,
  definition: JobTypeDefinition,
  attempt: number,
  maxAttempts: number,
  now: Date,
): RunOutcome {
  if (error instanceof JobCancelled || run.stopReason === "cancel") {
    run.noteCancelled();
    return { kind: "cancelled" };
  }
  if (error instanceof JobInterrupted || run.stopReason === "shutdown") return { kind: "released" };
  // Waiting for the merchant to set something up: not a failure, and retrying would not help.
  if (error instanceof NotConfiguredError) return { kind: "skipped", message: notConfiguredMessage(error) };
  const cause = describeCause(error);
  const message =
    error instanceof DatabaseBusyError
      ? said("run.databaseBusy")
      : (merchantMessageOf(error) ?? said("run.unexpectedError"));
  if (isTransient(error) || isDatabaseUnavailable(error)) {
    if (attempt < maxAttempts) {
      const { baseDelayMs, capDelayMs } = { ...DEFAULT_RETRY, ...definition.retry };
      const waitMs =
        error instanceof TransientError && error.retryAfterMs !== undefined
          ? error.retryAfterMs
          : backoffDelay(attempt - 1, baseDelayMs, capDelayMs);
      const seconds = Math.max(1, Math.round(waitMs / 1000));
      run.note("warn", said("run.retrying", { attempt, maxAttempts, message, seconds }));
      return {
        kind: "retry",
        runAfter: new Date(now.getTime() + waitMs),
        message,
        cause,
      };
    }
    return { kind: "failed", message: withAttempts(message, attempt), cause, transient: true };
  }
  return { kind: "failed", message, cause };
}

/** "<System> is not set up for this shop yet." said with words, unless the error said something of its own. */
function notConfiguredMessage(error: NotConfiguredError): Message {
  if (error.said) return error.said;
  return error.message === `${error.what} is not set up for this shop yet.`
    ? said("run.notConfigured", { what: error.what })
    : error.message;
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
    await executeRun(s, claimed, { id: claimed.id, workerId: s.workerId, attempt: claimed.attempt }, () => undefined);
    ran.push(claimed.id);
  }
  return ran;
}
