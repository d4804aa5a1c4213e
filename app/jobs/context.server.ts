// What a handler sees of its job: parameters, and one small API to report progress, counters,
// skipped items and log lines. Writes are buffered and flushed with the heartbeat (and at the end),
// so a sync touching 50 000 items does not make 50 000 database writes to say so.
import type { Db } from "../db.server";
import { type Message, said, textOf, wordsJson } from "../i18n/stored-words";
import type { Clock } from "./clock";

export type LogLevel = "debug" | "info" | "warn" | "error";
export interface Counters {
  seen: number;
  changed: number;
  /** Items looked at and already right. A use-case that counts them gets seen = the sum of the four. */
  unchanged: number;
  skipped: number;
  failed: number;
}

export interface ItemChange {
  entity: string;
  externalId: string;
  field: string;
  before: string | null;
  after: string | null;
  at: Date;
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
  progress(done: number, total?: number | null, phase?: Message): void;
  /** Adds to the run's counters. */
  count(delta: Partial<Counters>): void;
  /** Records an item left alone on purpose, with a reason the merchant can act on (counts as skipped). */
  skip(entity: string, externalId: string, reason: Message): void;
  /** Records an item that could not be read or written, with its reason (counts as failed). */
  fail(entity: string, externalId: string, reason: Message): void;
  /** Records one field of one item the run changed, before → after (the run's audit trail; no count). */
  change(entity: string, externalId: string, field: string, before: string | null, after: string | null): void;
  /** A line of the run's log; said with `said(key, values)` it shows in each reader's language. */
  log(level: LogLevel, message: Message): void;
  /** Call between units of work: throws JobCancelled / JobInterrupted when the run must stop here. */
  checkpoint(): Promise<void>;
}

export const MAX_LOG_ENTRIES_PER_RUN = 1_000;

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
  /** The phase's words, when it was said with a key (Job.phaseWords). */
  phaseWords: string | null = null;
  counters: Counters = { seen: 0, changed: 0, unchanged: 0, skipped: 0, failed: 0 };
  /** The use-case counts its unchanged items: seen is then the sum of the four outcomes. */
  private countsUnchanged = false;
  private skipped: RunItemRow[] = [];
  private failed: RunItemRow[] = [];
  private changes: ItemChange[] = [];
  private logs: LogRow[] = [];
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
        if (phase !== undefined && textOf(phase) !== state.phase) {
          state.phase = textOf(phase);
          state.phaseWords = wordsJson(phase);
          state.note("info", said("run.phase", { phase }));
        }
      },
      count(delta) {
        if (delta.unchanged !== undefined) state.countsUnchanged = true;
        for (const key of ["seen", "changed", "unchanged", "skipped", "failed"] as const)
          state.counters[key] += delta[key] ?? 0;
      },
      skip(entity, externalId, reason) {
        state.counters.skipped += 1;
        state.skipped.push(itemRow(entity, externalId, reason, state.clock.now()));
      },
      fail(entity, externalId, reason) {
        state.counters.failed += 1;
        state.failed.push(itemRow(entity, externalId, reason, state.clock.now()));
      },
      change(entity, externalId, field, before, after) {
        state.changes.push({ entity, externalId, field, before, after, at: state.clock.now() });
      },
      log(level, message) {
        state.note(level, message);
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

  /** A line of the run's log (capped per attempt: a run writing a line per item stops logging at the cap). */
  note(level: LogLevel, message: Message): void {
    this.logCount += 1;
    if (this.logCount > MAX_LOG_ENTRIES_PER_RUN) return;
    const line = this.logCount === MAX_LOG_ENTRIES_PER_RUN ? said("run.logFull", { message }) : message;
    this.logs.push(logRow(level, line, this.clock.now()));
  }

  /** The run stopped on the merchant's request: says in its log what it had done by then. */
  noteCancelled(): void {
    const { changed } = this.counters;
    const line = changed === 0 ? said("run.cancelledBeforeChange") : said("run.cancelledAfterChanges", { changed });
    this.logs.push(logRow("info", line, this.clock.now()));
  }

  /** The run did its work: its counters in one line, and a warning when some items failed. */
  noteFinished(): void {
    const { changed, skipped, failed } = this.counters;
    const seen = this.seen();
    if (seen === 0 && changed === 0) return;
    const counts = { seen, changed, unchanged: seen - changed - skipped - failed, skipped, failed };
    if (failed > 0) this.note("warn", said("run.finishedWithFailures", counts));
    else this.note("info", said("run.finished", counts));
  }

  /**
   * Seen as stored: the sum of the four outcomes when the use-case counts unchanged items; otherwise
   * at least that sum (the unchanged ones are then what seen holds beyond the other three).
   */
  seen(): number {
    const { seen, changed, unchanged, skipped, failed } = this.counters;
    const settled = changed + unchanged + skipped + failed;
    return this.countsUnchanged ? settled : Math.max(seen, settled);
  }

  /** Progress and counters as Job columns. */
  columns() {
    return {
      progressDone: this.done,
      progressTotal: this.total,
      phase: this.phase,
      phaseWords: this.phaseWords,
      seenCount: this.seen(),
      changedCount: this.counters.changed,
      skippedCount: this.counters.skipped,
      failedCount: this.counters.failed,
    };
  }

  /** Hands over the buffered skipped items and log lines, to be written with the run's next update. */
  takeItems(): BufferedItems {
    return {
      skipped: this.skipped.splice(0),
      logs: this.logs.splice(0),
      failed: this.failed.splice(0),
      changes: this.changes.splice(0),
    };
  }

  /** The update carrying them failed (database hiccup): keep them for the next one. */
  putBack(items: Partial<BufferedItems>): void {
    this.skipped.unshift(...(items.skipped ?? []));
    this.logs.unshift(...(items.logs ?? []));
    this.failed.unshift(...(items.failed ?? []));
    this.changes.unshift(...(items.changes ?? []));
  }
}

/** A skipped or failed item as stored: its reason in English and, when said with a key, its words. */
export interface RunItemRow {
  entity: string;
  externalId: string;
  reason: string;
  reasonWords: string | null;
  createdAt: Date;
}

/** A log line as stored: English and, when said with a key, its words. */
export interface LogRow {
  level: LogLevel;
  message: string;
  words: string | null;
  at: Date;
}

const itemRow = (entity: string, externalId: string, reason: Message, createdAt: Date): RunItemRow => ({
  entity,
  externalId,
  reason: textOf(reason),
  reasonWords: wordsJson(reason),
  createdAt,
});

const logRow = (level: LogLevel, message: Message, at: Date): LogRow => ({
  level,
  message: textOf(message),
  words: wordsJson(message),
  at,
});

export interface BufferedItems {
  skipped: RunItemRow[];
  logs: LogRow[];
  failed: RunItemRow[];
  changes: ItemChange[];
}
