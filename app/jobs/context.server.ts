// What a handler sees of its job: parameters, and one small API to report progress, counters,
// skipped items and log lines. Writes are buffered and flushed with the heartbeat (and at the end),
// so a sync touching 50 000 items does not make 50 000 database writes to say so.
import type { Db } from "../db.server";
import type { Clock } from "./clock";

export type LogLevel = "debug" | "info" | "warn" | "error";
export interface Counters {
  seen: number;
  changed: number;
  skipped: number;
  failed: number;
}

/** The merchant asked to stop this run; it ends as `cancelled`. */
export class JobCancelled extends Error {
  constructor() {
    super("Stopped on request");
    this.name = "JobCancelled";
  }
}

/** This worker is stopping (or lost its lease): the run goes back to the queue, it did not fail. */
export class JobInterrupted extends Error {
  constructor(readonly reason: "shutdown" | "lease-lost") {
    super(reason === "shutdown" ? "The worker is shutting down" : "Another worker took this job over");
    this.name = "JobInterrupted";
  }
}

export interface JobContext<Params = Record<string, unknown>> {
  readonly jobId: string;
  readonly shop: string;
  readonly type: string;
  readonly trigger: string;
  readonly attempt: number;
  readonly params: Params;
  /** The database of the worker running the job (tests and benchmarks run workers on their own). */
  readonly db: Db;
  /** The worker's clock: use it instead of new Date() so tests can move time. */
  now(): Date;
  /** Aborted on cancel, shutdown or a lost lease: pass it to fetch() and friends. */
  readonly signal: AbortSignal;
  progress(done: number, total?: number | null, phase?: string): void;
  /** Adds to the run's counters. */
  count(delta: Partial<Counters>): void;
  /** Records an item left alone on purpose, with a reason the merchant can act on (counts as skipped). */
  skip(entity: string, externalId: string, reason: string): void;
  log(level: LogLevel, message: string): void;
  /** Call between units of work: throws JobCancelled / JobInterrupted when the run must stop here. */
  checkpoint(): Promise<void>;
}

export const MAX_LOG_ENTRIES_PER_RUN = 200;

interface RunIdentity {
  jobId: string;
  shop: string;
  type: string;
  trigger: string;
  attempt: number;
}

/** The buffered state behind one JobContext; the worker owns it and flushes it. */
export class RunState {
  readonly controller = new AbortController();
  done = 0;
  total: number | null = null;
  phase: string | null = null;
  counters: Counters = { seen: 0, changed: 0, skipped: 0, failed: 0 };
  private skipped: { entity: string; externalId: string; reason: string; createdAt: Date }[] = [];
  private logs: { level: LogLevel; message: string; at: Date }[] = [];
  private logCount = 0;
  stopReason: "cancel" | "shutdown" | "lease-lost" | null = null;
  /** Asked at every checkpoint: has the merchant cancelled the run (or has the lease gone) since? */
  private probe: (() => Promise<"ok" | "cancel" | "lease-lost">) | null = null;

  constructor(
    readonly identity: RunIdentity,
    private readonly clock: Clock,
  ) {}

  stop(reason: "cancel" | "shutdown" | "lease-lost"): void {
    if (this.stopReason) return;
    this.stopReason = reason;
    this.controller.abort(reason === "cancel" ? new JobCancelled() : new JobInterrupted(reason));
  }

  /**
   * Lets checkpoint() look for a cancel request itself, so a run stops at the first checkpoint after
   * the merchant's click and not at the next heartbeat (which comes up to a third of a lease later).
   */
  watchStops(probe: () => Promise<"ok" | "cancel" | "lease-lost">): void {
    this.probe = probe;
  }

  context<Params>(params: Params, db: Db): JobContext<Params> {
    // The handler gets plain functions (it may destructure them), so they close over the state.
    // eslint-disable-next-line @typescript-eslint/no-this-alias
    const state = this;
    return {
      ...this.identity,
      params,
      db,
      now: () => state.clock.now(),
      signal: this.controller.signal,
      progress(done, total, phase) {
        state.done = done;
        if (total !== undefined) state.total = total;
        if (phase !== undefined) state.phase = phase;
      },
      count(delta) {
        for (const key of ["seen", "changed", "skipped", "failed"] as const) state.counters[key] += delta[key] ?? 0;
      },
      skip(entity, externalId, reason) {
        state.counters.skipped += 1;
        state.skipped.push({ entity, externalId, reason, createdAt: state.clock.now() });
      },
      log(level, message) {
        state.logCount += 1;
        if (state.logCount > MAX_LOG_ENTRIES_PER_RUN) return;
        const text =
          state.logCount === MAX_LOG_ENTRIES_PER_RUN ? `${message} (log full: later lines dropped)` : message;
        state.logs.push({ level, message: text, at: state.clock.now() });
      },
      async checkpoint() {
        if (!state.stopReason && state.probe) {
          // A failed look (database busy) is no verdict: the heartbeat asks again.
          const verdict = await state.probe().catch(() => "ok" as const);
          if (verdict !== "ok") state.stop(verdict);
        }
        if (state.stopReason === "cancel") throw new JobCancelled();
        if (state.stopReason) throw new JobInterrupted(state.stopReason);
      },
    };
  }

  /** The run stopped on the merchant's request: says in its log what it had done by then. */
  noteCancelled(): void {
    const { changed } = this.counters;
    const done = changed === 0 ? "before it changed anything" : `after ${changed} change${changed === 1 ? "" : "s"}`;
    this.logs.push({
      level: "info",
      message: `Cancelled on request: stopped ${done}. Nothing was written after that.`,
      at: this.clock.now(),
    });
  }

  /** Progress and counters as Job columns. */
  columns() {
    return {
      progressDone: this.done,
      progressTotal: this.total,
      phase: this.phase,
      seenCount: this.counters.seen,
      changedCount: this.counters.changed,
      skippedCount: this.counters.skipped,
      failedCount: this.counters.failed,
    };
  }

  /** Hands over the buffered skipped items and log lines, to be written with the run's next update. */
  takeItems(): BufferedItems {
    return { skipped: this.skipped.splice(0), logs: this.logs.splice(0) };
  }

  /** The update carrying them failed (database hiccup): keep them for the next one. */
  putBack(items: BufferedItems): void {
    this.skipped.unshift(...items.skipped);
    this.logs.unshift(...items.logs);
  }
}

export interface BufferedItems {
  skipped: { entity: string; externalId: string; reason: string; createdAt: Date }[];
  logs: { level: LogLevel; message: string; at: Date }[];
}
