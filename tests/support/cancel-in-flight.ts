// Cancel a run while it writes: the job is enqueued and run by a worker of this process, the test's
// emulator is slowed so writes are still going out when the merchant cancels, and what the emulator
// received is counted at the cancel, when the run ended and a while after. Shared by the cancel tests
// of every job type that writes in batches (tests/integration/jobs-cancel-*.test.ts).
import { expect } from "vitest";
import { db } from "~/db.server";
import { cancelJob, enqueueJob, getJob } from "~/jobs/api.server";
import { allChanges, type RunChange } from "~/jobs/audit.server";
import type { Clock } from "~/jobs/clock";
import type { JobDetail } from "~/jobs/views.server";
import { runDueJobs } from "~/jobs/worker.server";

export interface CancelledRun {
  jobId: string;
  job: JobDetail;
  /** The run's Changes list, in the order it made them. */
  changes: RunChange[];
  /** Writes the emulator had received when the merchant cancelled. */
  writesAtCancel: number;
  /** …when the run had ended. */
  writesAtEnd: number;
  /** …`quietMs` after the run ended: a write still on its way then would have been missed by the run. */
  writesLater: number;
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function cancelWhileWriting(options: {
  shop: string;
  type: string;
  params?: Record<string, unknown>;
  /** Write calls the emulator has received so far. */
  writes: () => number | Promise<number>;
  /** The run is cancelled once the emulator has received this many writes. */
  cancelAfterWrites: number;
  /** How long to keep counting after the run ended (longer than one slowed write). */
  quietMs?: number;
  /** A run already queued (say by a use-case) to take instead of enqueuing one. */
  jobId?: string;
  /** The worker's clock, when the test drives time. */
  clock?: Clock;
}): Promise<CancelledRun> {
  const { shop, type } = options;
  const jobId =
    options.jobId ?? (await enqueueJob({ db }, { shop, type, trigger: "manual", params: options.params ?? {} })).jobId;
  let ended = false;
  const running = runDueJobs({ db, types: [type], clock: options.clock }).finally(() => (ended = true));
  while ((await options.writes()) < options.cancelAfterWrites) {
    if (ended) throw new Error(`The run ended before ${options.cancelAfterWrites} writes: slow the emulator more`);
    await pause(10);
  }
  expect((await cancelJob({ db }, shop, jobId)).cancelRequested).toBe(true);
  const writesAtCancel = await options.writes();
  await running;
  const writesAtEnd = await options.writes();
  await pause(options.quietMs ?? 500);
  const writesLater = await options.writes();
  const job = (await getJob({ db }, shop, jobId, { logLines: 200 }))!;
  const changes = await allChanges({ db }, shop, jobId, {});
  return { jobId, job, changes, writesAtCancel, writesAtEnd, writesLater };
}

/**
 * What every cancel test asserts: the run ended Cancelled, the writes in flight at the cancel (at most
 * `inFlight`) were the last the emulator received — none came after the run ended — and the run's log
 * says how many changes it had applied, as many as its counters.
 */
export function expectStoppedAfterWritesInFlight(run: CancelledRun, inFlight: number): void {
  expect(run.job.status).toBe("cancelled");
  expect(run.writesAtEnd - run.writesAtCancel).toBeLessThanOrEqual(inFlight);
  expect(run.writesLater).toBe(run.writesAtEnd);
  const { changed } = run.job.counters;
  expect(changed).toBeGreaterThan(0);
  expect(run.job.log.map((l) => l.message)).toContain(
    `Cancelled on request: stopped after ${changed} change${changed === 1 ? "" : "s"}. Nothing was written after that.`,
  );
}
