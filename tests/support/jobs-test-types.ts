// Job types for the multi-process test and the benchmark. Each run writes its start and end (database
// clock) to job_test_runs, a table those tests create, so overlaps and double runs can be checked.
import { registerJobType } from "../../app/jobs/registry.server";
import { sleep } from "../../app/lib/time";

export const RECORDING_TYPES = ["test.mp-a", "test.mp-b", "test.mp-c", "test.mp-slow"];

export const JOB_TEST_RUNS_DDL = `CREATE TABLE IF NOT EXISTS job_test_runs (
  job_id TEXT NOT NULL, attempt INTEGER NOT NULL, worker TEXT NOT NULL, shop TEXT NOT NULL, type TEXT NOT NULL,
  started_at TIMESTAMPTZ NOT NULL DEFAULT clock_timestamp(), ended_at TIMESTAMPTZ)`;

export function registerRecordingTypes(workerId: string): void {
  for (const type of RECORDING_TYPES) {
    registerJobType<{ ms?: number }>({
      type,
      title: `Recording ${type}`,
      description: "Records when it runs, waits, records when it ends.",
      retry: { maxAttempts: 5, baseDelayMs: 50 },
      handler: async (ctx) => {
        await ctx.db
          .$executeRaw`INSERT INTO job_test_runs (job_id, attempt, worker, shop, type) VALUES (${ctx.jobId}, ${ctx.attempt}, ${workerId}, ${ctx.shop}, ${ctx.type})`;
        const end = Date.now() + (ctx.params.ms ?? 0);
        do {
          await ctx.checkpoint();
          await sleep(Math.min(50, end - Date.now()));
        } while (Date.now() < end);
        ctx.count({ seen: 1 });
        await ctx.db
          .$executeRaw`UPDATE job_test_runs SET ended_at = clock_timestamp() WHERE job_id = ${ctx.jobId} AND attempt = ${ctx.attempt}`;
      },
    });
  }
}

/** The cheapest possible job, to measure the engine's own overhead. */
export function registerNoopType(): string {
  registerJobType({
    type: "bench.noop",
    title: "Benchmark no-op",
    description: "Does nothing.",
    retry: { maxAttempts: 1, baseDelayMs: 0 },
    handler: async (ctx) => {
      ctx.count({ seen: 1 });
    },
  });
  return "bench.noop";
}
