// What a sync use-case reports to whoever runs it: a job (JobContext fits this shape), a test or a
// benchmark. Plain functions, so the use-cases know nothing of the job engine.
export interface SyncReporter {
  now(): Date;
  progress(done: number, total?: number | null, phase?: string): void;
  count(delta: Partial<{ seen: number; changed: number; skipped: number; failed: number }>): void;
  skip(entity: string, externalId: string, reason: string): void;
  log(level: "debug" | "info" | "warn" | "error", message: string): void;
  /** Throws when the run must stop (cancel, shutdown): called between units of work. */
  checkpoint(): Promise<void>;
}

/** A reporter that only keeps counters and skips (tests, benchmarks, scripts). */
export function quietReporter(now: () => Date = () => new Date()): SyncReporter & {
  counters: { seen: number; changed: number; skipped: number; failed: number };
  skipped: { entity: string; externalId: string; reason: string }[];
} {
  const counters = { seen: 0, changed: 0, skipped: 0, failed: 0 };
  const skipped: { entity: string; externalId: string; reason: string }[] = [];
  return {
    counters,
    skipped,
    now,
    progress() {},
    count(delta) {
      for (const [key, value] of Object.entries(delta)) counters[key as keyof typeof counters] += value ?? 0;
    },
    skip(entity, externalId, reason) {
      counters.skipped++;
      skipped.push({ entity, externalId, reason });
    },
    log() {},
    checkpoint: async () => {},
  };
}
