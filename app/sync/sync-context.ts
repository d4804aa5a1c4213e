// What a sync use-case reports to whoever runs it: a job (JobContext fits this shape), a test or a
// benchmark. Plain functions, so the use-cases know nothing of the job engine. Reasons, phases and log
// lines said with `said(key, values)` show in each reader's language (app/i18n/stored-words.ts).
import { type Message, type Said, said, sayIn, textOf } from "../i18n/stored-words";

export interface SyncReporter {
  now(): Date;
  /** Where the run stands; a new phase is also a line of the run's log. */
  progress(done: number, total?: number | null, phase?: Message): void;
  count(delta: Partial<{ seen: number; changed: number; unchanged: number; skipped: number; failed: number }>): void;
  skip(entity: string, externalId: string, reason: Message): void;
  /** An item that could not be read or written (an unreadable source row): counts as failed, with its reason. */
  fail(entity: string, externalId: string, reason: Message): void;
  /**
   * One field of one item the run changed, as it was and as it is now (the run's audit trail). Does not
   * count: the use-case counts its changed items with count({ changed }).
   */
  change(entity: string, externalId: string, field: string, before: string | null, after: string | null): void;
  log(level: "debug" | "info" | "warn" | "error", message: Message): void;
  /** Throws when the run must stop (cancel, shutdown): called between units of work. */
  checkpoint(): Promise<void>;
}

/**
 * Rows the source sent that could not be read are failed rows, each with its reason: the SKU they hold
 * was not synced, and the run says so (it ends "succeeded with problems").
 */
export function reportUnreadable(
  report: SyncReporter,
  sourceName: string,
  unreadable: { externalId: string; reason: string; words?: Said }[],
  entity = "row",
): void {
  if (unreadable.length === 0) return;
  for (const s of unreadable)
    report.fail(entity, s.externalId, said("sync.unreadableRow", { source: sourceName, reason: s.words ?? s.reason }));
  report.log("warn", said("sync.unreadableRows", { count: unreadable.length, source: sourceName }));
}

export interface RecordedChange {
  entity: string;
  externalId: string;
  field: string;
  before: string | null;
  after: string | null;
}

/** A reporter that only keeps counters, skips, failures and changes (tests, benchmarks, scripts). */
export function quietReporter(now: () => Date = () => new Date()): SyncReporter & {
  counters: { seen: number; changed: number; unchanged: number; skipped: number; failed: number };
  skipped: { entity: string; externalId: string; reason: string }[];
  failed: { entity: string; externalId: string; reason: string }[];
  changes: RecordedChange[];
  /** Every skip, failure and log line as a French admin reads it (their stored words said again). */
  inFrench: string[];
} {
  const counters = { seen: 0, changed: 0, unchanged: 0, skipped: 0, failed: 0 };
  const skipped: { entity: string; externalId: string; reason: string }[] = [];
  const failed: { entity: string; externalId: string; reason: string }[] = [];
  const changes: RecordedChange[] = [];
  const inFrench: string[] = [];
  return {
    counters,
    skipped,
    failed,
    changes,
    inFrench,
    now,
    progress() {},
    count(delta) {
      for (const [key, value] of Object.entries(delta)) counters[key as keyof typeof counters] += value ?? 0;
    },
    skip(entity, externalId, reason) {
      counters.skipped++;
      skipped.push({ entity, externalId, reason: textOf(reason) });
      inFrench.push(sayIn(reason, "fr"));
    },
    fail(entity, externalId, reason) {
      counters.failed++;
      failed.push({ entity, externalId, reason: textOf(reason) });
      inFrench.push(sayIn(reason, "fr"));
    },
    change(entity, externalId, field, before, after) {
      changes.push({ entity, externalId, field, before, after });
    },
    log(_level, message) {
      inFrench.push(sayIn(message, "fr"));
    },
    checkpoint: async () => {},
  };
}
