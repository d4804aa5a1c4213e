// The worker against the real test database (SQLite, or PostgreSQL with TEST_DATABASE=postgresql):
// success with progress and skipped items, transient retry with backoff, permanent failure, cancel,
// lease takeover, graceful shutdown and the one-running-per-(shop, type) rule.
import Database from "better-sqlite3";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { db } from "../../app/db.server";
import { databaseTarget, sqliteFilePath } from "../../app/db/target.server";
import { cancelJob, enqueueJob, getJob, listSkipped, retryJob } from "../../app/jobs/api.server";
import { claimJobs, claimNextJob } from "../../app/jobs/claim.server";
import { manualClock } from "../../app/jobs/clock";
import { RunState } from "../../app/jobs/context.server";
import { enqueue, finishRun, heartbeat } from "../../app/jobs/queue.server";
import { registerJobType } from "../../app/jobs/registry.server";
import { runDueJobs, startWorker } from "../../app/jobs/worker.server";
import { PermanentError, TransientError } from "../../app/lib/errors";
import { sleep } from "../../app/lib/time";
import { uniqueShop } from "../support/shops";

const calls = new Map<string, number>();

registerJobType<{ items: number }>({
  type: "test.count-items",
  title: "Count items",
  description: "Reports progress, counters, a skip and a log line.",
  retry: { maxAttempts: 3, baseDelayMs: 10 },
  parseParams: (raw) => z.object({ items: z.number().int() }).parse(raw),
  handler: async (ctx) => {
    for (let i = 1; i <= ctx.params.items; i++) {
      await ctx.checkpoint();
      ctx.count({ seen: 1, changed: i % 2 });
      if (i === 2) ctx.skip("variant", `SKU-${i}`, "No such SKU in Fastmag");
      ctx.progress(i, ctx.params.items, "Counting");
    }
    ctx.log("info", "counted");
    return { counted: ctx.params.items };
  },
});

registerJobType<{ failTimes: number; permanent?: boolean }>({
  type: "test.flaky",
  title: "Flaky",
  description: "Fails a few times.",
  retry: { maxAttempts: 3, baseDelayMs: 1_000 },
  parseParams: (raw) => z.object({ failTimes: z.number().int(), permanent: z.boolean().optional() }).parse(raw),
  handler: async (ctx) => {
    const seen = (calls.get(ctx.jobId) ?? 0) + 1;
    calls.set(ctx.jobId, seen);
    if (ctx.params.permanent) throw new PermanentError("Fastmag refused the credentials: check the login in Settings.");
    if (seen <= ctx.params.failTimes)
      throw new TransientError("Fastmag did not answer in time", { cause: new Error("ETIMEDOUT") });
    return { calls: seen };
  },
});

registerJobType<{ ms: number }>({
  type: "test.wait",
  title: "Wait",
  description: "Waits, checking for cancel every 10 ms.",
  retry: { maxAttempts: 3, baseDelayMs: 10 },
  parseParams: (raw) => z.object({ ms: z.number().int() }).parse(raw),
  handler: async (ctx) => {
    const end = Date.now() + ctx.params.ms;
    while (Date.now() < end) {
      await ctx.checkpoint();
      await sleep(10);
    }
  },
});

/**
 * Another connection takes the database's write lock and keeps it `holdMs`, the way a backup, a migration
 * or another process's burst does: on SQLite, BEGIN IMMEDIATE (the app's writes give up after about 0.6 s
 * with "database busy"); on PostgreSQL, the jobs' table in EXCLUSIVE mode, and the connections that wait
 * for it are ended by the server, as a failing-over server ends them. Resolves once the lock is held, with the release to come.
 */
async function holdJobsWriteLock(holdMs: number): Promise<{ released: Promise<void> }> {
  const target = databaseTarget(process.env.DATABASE_URL);
  if (target.provider === "sqlite") {
    const other = new Database(sqliteFilePath(target.url), { timeout: 5_000 });
    other.exec("BEGIN IMMEDIATE");
    const released = sleep(holdMs).then(() => {
      other.exec("COMMIT");
      other.close();
    });
    return { released };
  }
  const other = new pg.Client({ connectionString: target.url });
  await other.connect();
  await other.query('BEGIN; LOCK TABLE "Job" IN EXCLUSIVE MODE');
  const released = (async () => {
    const until = Date.now() + holdMs;
    while (Date.now() < until) {
      await other.query(
        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock' AND pid <> pg_backend_pid()",
      );
      await sleep(50);
    }
    await other.query("COMMIT");
    await other.end();
  })();
  return { released };
}

const locksHeld: Promise<void>[] = [];
registerJobType<Record<string, never>>({
  type: "test.ends-while-locked",
  title: "Ends while the database is locked",
  description: "Another connection holds the write lock for 4 s as the run ends.",
  retry: { maxAttempts: 3, baseDelayMs: 10 },
  handler: async () => {
    locksHeld.push((await holdJobsWriteLock(4_000)).released);
    return { done: true };
  },
});

const workers: { stop(): Promise<void> }[] = [];
afterAll(async () => {
  await Promise.all(workers.map((w) => w.stop()));
});

async function waitFor<T>(probe: () => Promise<T | null | undefined | false>, timeoutMs = 10_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > end) throw new Error("condition not met in time");
    await sleep(20);
  }
}

describe("job worker", () => {
  it("runs a job to success with progress, counters, skipped items and log", async () => {
    const shop = uniqueShop();
    const { jobId } = await enqueueJob(
      { db },
      { shop, type: "test.count-items", trigger: "api", params: { items: 5 } },
    );
    expect((await getJob({ db }, shop, jobId))?.status).toBe("queued");
    await runDueJobs({ db, types: ["test.count-items"] });
    const job = await getJob({ db }, shop, jobId);
    expect(job).toMatchObject({
      status: "succeeded",
      trigger: "api",
      attempt: 1,
      progress: { done: 5, total: 5, phase: "Counting" },
      counters: { seen: 5, changed: 3, skipped: 1, failed: 0 },
      result: { counted: 5 },
      error: null,
    });
    // The phase's start, the handler's line, and the counters at the end.
    expect(job?.log.map((l) => l.message)).toEqual([
      "Counting…",
      "counted",
      "Finished: 5 seen, 3 changed, 1 unchanged, 1 skipped, 0 failed.",
    ]);
    const skipped = await listSkipped({ db }, shop, jobId);
    expect(skipped.items).toEqual([
      expect.objectContaining({ entity: "variant", externalId: "SKU-2", reason: "No such SKU in Fastmag" }),
    ]);
    expect(await getJob({ db }, uniqueShop(), jobId)).toBeNull();
  });

  it("retries a transient error with backoff, then succeeds", async () => {
    const shop = uniqueShop();
    const clock = manualClock(new Date("2026-06-01T10:00:00Z"));
    const { jobId } = await enqueueJob({ db, clock }, { shop, type: "test.flaky", params: { failTimes: 2 } });
    await runDueJobs({ db, clock, types: ["test.flaky"] });
    let job = await getJob({ db }, shop, jobId);
    expect(job).toMatchObject({ status: "queued", attempt: 1, error: { message: "Fastmag did not answer in time" } });
    expect(job?.error?.cause).toContain("ETIMEDOUT");
    const retryAt = new Date(job!.runAfter).getTime() - clock.now().getTime();
    expect(retryAt).toBeGreaterThanOrEqual(0);
    expect(retryAt).toBeLessThan(1_000); // first backoff step: [0, base)
    clock.advance(1_000);
    await runDueJobs({ db, clock, types: ["test.flaky"] });
    clock.advance(2_000);
    await runDueJobs({ db, clock, types: ["test.flaky"] });
    job = await getJob({ db }, shop, jobId);
    expect(job).toMatchObject({ status: "succeeded", attempt: 3, result: { calls: 3 }, error: null });
  });

  it("gives up after maxAttempts transient errors and fails a permanent error at once", async () => {
    const shop = uniqueShop();
    const clock = manualClock(new Date("2026-06-01T10:00:00Z"));
    const flaky = await enqueueJob({ db, clock }, { shop, type: "test.flaky", params: { failTimes: 99 } });
    const refused = await enqueueJob(
      { db, clock },
      { shop: uniqueShop(), type: "test.flaky", params: { failTimes: 0, permanent: true } },
    );
    for (let i = 0; i < 4; i++) {
      await runDueJobs({ db, clock, types: ["test.flaky"] });
      clock.advance(10_000);
    }
    expect(await getJob({ db }, shop, flaky.jobId)).toMatchObject({
      status: "failed",
      attempt: 3,
      error: { message: "Fastmag did not answer in time (gave up after 3 attempts)" },
    });
    const permanent = await db.job.findUniqueOrThrow({ where: { id: refused.jobId } });
    expect(permanent).toMatchObject({
      status: "failed",
      attempt: 1,
      errorMessage: "Fastmag refused the credentials: check the login in Settings.",
    });

    const again = await retryJob({ db, clock }, shop, flaky.jobId);
    expect(await db.job.findUniqueOrThrow({ where: { id: again.jobId } })).toMatchObject({
      trigger: "retry",
      retryOfId: flaky.jobId,
      status: "queued",
    });
  });

  it("cancels a queued job at once and a running one at its next checkpoint", async () => {
    const shop = uniqueShop();
    const queued = await enqueueJob({ db }, { shop, type: "test.wait", params: { ms: 10 }, trigger: "manual" });
    expect((await cancelJob({ db }, shop, queued.jobId)).status).toBe("cancelled");

    const running = await enqueueJob({ db }, { shop, type: "test.wait", params: { ms: 20_000 } });
    const worker = startWorker({ db, types: ["test.wait"], pollMs: 20, leaseMs: 2_000, heartbeatMs: 50 });
    workers.push(worker);
    await waitFor(async () => (await getJob({ db }, shop, running.jobId))?.status === "running");
    expect((await cancelJob({ db }, shop, running.jobId)).cancelRequested).toBe(true);
    const ended = await waitFor(async () => {
      const job = await getJob({ db }, shop, running.jobId);
      return job?.status === "cancelled" ? job : null;
    });
    expect(ended.finishedAt).not.toBeNull();
    await worker.stop();
  });

  it("takes over a job whose worker stopped renewing its lease", async () => {
    const shop = uniqueShop();
    const clock = manualClock(new Date("2026-06-01T10:00:00Z"));
    const { job } = await enqueue(
      db,
      { shop, type: "test.count-items", trigger: "manual", params: { items: 1 } },
      clock,
    );
    const lost = await claimNextJob(db, {
      workerId: "dead-worker",
      leaseMs: 30_000,
      now: clock.now(),
      types: ["test.count-items"],
    });
    expect(lost?.id).toBe(job.id);
    expect(await runDueJobs({ db, clock, types: ["test.count-items"] })).not.toContain(job.id);
    clock.advance(31_000);
    expect(await runDueJobs({ db, clock, types: ["test.count-items"] })).toContain(job.id);
    expect(await db.job.findUniqueOrThrow({ where: { id: job.id } })).toMatchObject({
      status: "succeeded",
      attempt: 2,
    });
  });

  it("never claims a second job of a shop and type while one runs", async () => {
    const shop = uniqueShop();
    const a = await enqueue(db, { shop, type: "test.wait", trigger: "manual", params: { ms: 1 } });
    const b = await enqueue(db, { shop, type: "test.wait", trigger: "manual", params: { ms: 1 } });
    const other = await enqueue(db, { shop: uniqueShop(), type: "test.wait", trigger: "manual", params: { ms: 1 } });
    const ids = new Set([a.job.id, b.job.id, other.job.id]);
    const now = new Date(Date.now() + 1_000);
    const claims: string[] = [];
    for (let i = 0; i < 10; i++) {
      const claim = await claimNextJob(db, { workerId: `w${i}`, leaseMs: 60_000, now, types: ["test.wait"] });
      if (claim && ids.has(claim.id)) claims.push(claim.id);
    }
    expect(claims).toHaveLength(2);
    expect(claims).toContain(other.job.id);
    const stillQueued = [a.job.id, b.job.id].filter((id) => !claims.includes(id));
    expect(stillQueued).toHaveLength(1);
    // The database itself refuses a second running row, whatever the claim query does.
    await expect(db.job.update({ where: { id: stillQueued[0]! }, data: { status: "running" } })).rejects.toThrow();
  });

  it("records a run's end once the database's write lock is released, not a lease later", async () => {
    const shop = uniqueShop();
    const { jobId } = await enqueueJob({ db }, { shop, type: "test.ends-while-locked" });
    // A lease far longer than the wait below: only the end written again can end the run in time.
    const worker = startWorker({ db, types: ["test.ends-while-locked"], concurrency: 1, pollMs: 20, leaseMs: 120_000 });
    workers.push(worker);
    const ended = await waitFor(async () => {
      const job = await db.job.findUniqueOrThrow({ where: { id: jobId } });
      return job.status !== "running" && job.status !== "queued" && job;
    }, 20_000);
    await Promise.all(locksHeld);
    expect(ended).toMatchObject({ status: "succeeded", attempt: 1, leaseOwner: null });
    expect(JSON.parse(ended.resultJson ?? "{}")).toEqual({ done: true });
  });

  it("on shutdown, releases a job it cannot finish in the grace period", async () => {
    const shop = uniqueShop();
    const { jobId } = await enqueueJob({ db }, { shop, type: "test.wait", params: { ms: 20_000 } });
    const worker = startWorker({ db, types: ["test.wait"], pollMs: 20, leaseMs: 5_000, shutdownGraceMs: 100 });
    await waitFor(async () => (await getJob({ db }, shop, jobId))?.status === "running");
    await worker.stop();
    expect(await db.job.findUniqueOrThrow({ where: { id: jobId } })).toMatchObject({
      status: "queued",
      attempt: 0,
      leaseOwner: null,
    });
  });

  it("on shutdown, lets a job finish when it can within the grace period", async () => {
    const shop = uniqueShop();
    const { jobId } = await enqueueJob({ db }, { shop, type: "test.wait", params: { ms: 300 } });
    const worker = startWorker({ db, types: ["test.wait"], pollMs: 20, leaseMs: 5_000, shutdownGraceMs: 5_000 });
    await waitFor(async () => (await getJob({ db }, shop, jobId))?.status === "running");
    await worker.stop();
    expect(await db.job.findUniqueOrThrow({ where: { id: jobId } })).toMatchObject({
      status: "succeeded",
      attempt: 1,
      leaseOwner: null,
    });
  });

  it("writes runs that end at the same moment each with its own outcome, log and skipped items, fenced one by one", async () => {
    // On PostgreSQL these writes go out as one statement; each row must still get only its own.
    const clock = manualClock(new Date("2026-06-01T10:00:00Z"));
    const shops = [uniqueShop(), uniqueShop(), uniqueShop(), uniqueShop(), uniqueShop()];
    for (const shop of shops)
      await enqueue(db, { shop, type: "test.wait", trigger: "manual", params: { ms: 1 } }, clock);
    const claimed = await claimJobs(db, {
      workerId: "w-ends",
      leaseMs: 60_000,
      now: clock.now(),
      types: ["test.wait"],
      limit: 10,
    });
    const mine = shops.map((shop) => claimed.find((job) => job.shop === shop)!);
    expect(mine.every(Boolean)).toBe(true);
    // The third run lost its lease: another worker took the job over.
    await db.job.update({ where: { id: mine[2]!.id }, data: { leaseOwner: "w-other" } });
    const runs = mine.map((job) => {
      const run = new RunState(
        { jobId: job.id, shop: job.shop, type: job.type, trigger: job.trigger, attempt: job.attempt },
        clock,
      );
      return { job, run, ctx: run.context({}, db), fence: { id: job.id, workerId: "w-ends", attempt: job.attempt } };
    });
    runs[0]!.ctx.progress(3, 3, "Done");
    runs[0]!.ctx.skip("variant", "SKU-A", "No such SKU");
    runs[0]!.ctx.log("info", "first, line 1");
    runs[0]!.ctx.log("warn", "first, line 2");
    runs[1]!.ctx.log("error", "second's only line");
    runs[2]!.ctx.log("info", "never written");
    runs[3]!.ctx.count({ seen: 7 });
    clock.advance(1_000);
    const now = clock.now();
    const later = new Date(now.getTime() + 5_000);
    const results = await Promise.all([
      finishRun(db, runs[0]!.fence, runs[0]!.run, { kind: "succeeded", result: { n: 1 } }, now),
      finishRun(db, runs[1]!.fence, runs[1]!.run, { kind: "failed", message: "Refused", cause: "Error: 401" }, now),
      finishRun(db, runs[2]!.fence, runs[2]!.run, { kind: "succeeded" }, now),
      finishRun(db, runs[3]!.fence, runs[3]!.run, { kind: "retry", runAfter: later, message: "Timed out" }, now),
      heartbeat(db, runs[4]!.fence, runs[4]!.run, 60_000, now),
    ]);
    expect(results).toEqual([true, true, false, true, "ok"]);
    const rows = await db.job.findMany({ where: { id: { in: mine.map((job) => job.id) } } });
    const row = (i: number) => rows.find((r) => r.id === mine[i]!.id)!;
    expect(row(0)).toMatchObject({
      status: "succeeded",
      finishedAt: now,
      resultJson: JSON.stringify({ n: 1 }),
      progressDone: 3,
      progressTotal: 3,
      phase: "Done",
      skippedCount: 1,
      leaseOwner: null,
      leaseExpiresAt: null,
      errorMessage: null,
    });
    expect(row(1)).toMatchObject({
      status: "failed",
      finishedAt: now,
      errorMessage: "Refused",
      errorCause: "Error: 401",
      resultJson: null,
    });
    expect(row(2)).toMatchObject({ status: "running", leaseOwner: "w-other", finishedAt: null });
    expect(row(3)).toMatchObject({
      status: "queued",
      runAfter: later,
      errorMessage: "Timed out",
      seenCount: 7,
      finishedAt: null,
      leaseOwner: null,
    });
    expect(row(4)).toMatchObject({
      status: "running",
      leaseOwner: "w-ends",
      heartbeatAt: now,
      leaseExpiresAt: new Date(now.getTime() + 60_000),
    });
    const logs = await db.jobLogEntry.findMany({
      where: { jobId: { in: mine.map((job) => job.id) } },
      orderBy: { message: "asc" },
    });
    expect(logs.map((l) => [l.jobId, l.shop, l.level, l.message])).toEqual([
      [mine[0]!.id, mine[0]!.shop, "info", "Done…"], // the phase's start
      [mine[0]!.id, mine[0]!.shop, "info", "first, line 1"],
      [mine[0]!.id, mine[0]!.shop, "warn", "first, line 2"],
      [mine[1]!.id, mine[1]!.shop, "error", "second's only line"],
    ]);
    expect(logs.map((l) => l.at)).toEqual(logs.map(() => new Date("2026-06-01T10:00:00Z")));
    const skipped = await db.jobSkippedItem.findMany({ where: { jobId: { in: mine.map((job) => job.id) } } });
    expect(skipped.map((s) => [s.jobId, s.shop, s.entity, s.externalId, s.reason])).toEqual([
      [mine[0]!.id, mine[0]!.shop, "variant", "SKU-A", "No such SKU"],
    ]);
    expect(skipped[0]!.createdAt).toEqual(new Date("2026-06-01T10:00:00Z"));
  });
});
