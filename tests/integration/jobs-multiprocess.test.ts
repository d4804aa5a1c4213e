// Three worker processes share one PostgreSQL queue: every job completes exactly once, two jobs of the
// same (shop, type) never run at the same time, and a worker killed with SIGKILL mid-job loses nothing
// (its jobs come back when their 6 s lease expires). Always on PostgreSQL, in a database of its own.
import { randomBytes } from "node:crypto";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { applyMigrations } from "../../app/db/migrations.server";
import { type Db, createPrismaClient } from "../../app/db.server";
import { isPostgres } from "../../app/jobs/claim.server";
import { enqueue } from "../../app/jobs/queue.server";
import { sleep } from "../../app/lib/time";
import { POSTGRES_ADMIN_URL, postgresUrl } from "../support/global-database";
import { type SpawnedProcess, spawnTsx, stopGracefully } from "../support/jobs-processes";
import { JOB_TEST_RUNS_DDL } from "../support/jobs-test-types";

const database = `passerelle_jobs_mp_${process.pid}_${randomBytes(3).toString("hex")}`;
const url = postgresUrl(database);
// Heartbeats every 300 ms renew it. 2 s was too short on a loaded 2-core machine: a worker starved of CPU
// for that long lost a job it was still running, and another ran it too ("lease lost" in its log), which
// is what a lease is for, but not what this test is about.
const LEASE_MS = 6_000;
let admin: pg.Client;
let db: Db;
const workers: SpawnedProcess[] = [];

beforeAll(async () => {
  admin = new pg.Client({ connectionString: POSTGRES_ADMIN_URL });
  try {
    await admin.connect();
  } catch (error) {
    throw new Error(
      `The multi-process job test needs PostgreSQL at ${POSTGRES_ADMIN_URL} and could not connect (${(error as Error).message}). ` +
        "Start it (pg_ctlcluster <version> main start) or set TEST_POSTGRES_URL.",
    );
  }
  await admin.query(`CREATE DATABASE ${database}`);
  await applyMigrations(url);
  db = createPrismaClient(url);
  await db.$executeRawUnsafe(JOB_TEST_RUNS_DDL);
});

afterAll(async () => {
  await stopGracefully(workers).catch(() => undefined);
  await db?.$disconnect();
  await admin?.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`).catch(() => undefined);
  await admin?.end();
});

interface RunRow {
  job_id: string;
  attempt: number;
  worker: string;
  shop: string;
  type: string;
  started_at: Date;
  ended_at: Date | null;
}

describe("job workers in several processes (PostgreSQL)", () => {
  it("run every job exactly once, one per (shop, type) at a time, and survive a SIGKILL", async () => {
    expect(isPostgres(db), "the claim must lock rows FOR UPDATE SKIP LOCKED on PostgreSQL").toBe(true);
    // CI runs a failed test once more: that attempt starts from an empty queue, with its own three workers
    // (the first attempt's ones stopped, its jobs and runs gone), or its counts would be the two's sum.
    await stopGracefully(workers.splice(0)).catch(() => undefined);
    await db.$executeRawUnsafe("DELETE FROM job_test_runs");
    await db.job.deleteMany({});
    const shops = Array.from({ length: 8 }, (_, i) => `mp-${i}.myshopify.com`);
    const types = ["test.mp-a", "test.mp-b", "test.mp-c"];
    workers.push(
      ...(await Promise.all(
        [1, 2, 3].map((n) =>
          spawnTsx("tests/support/jobs-worker-process.ts", {
            DATABASE_URL: url,
            JOBS_WORKER_ID: `mp-w${n}`,
            JOBS_LEASE_MS: String(LEASE_MS),
          }),
        ),
      )),
    );
    // 20 enqueues at a time: all 400 at once wait in the test's own pool of 10 connections, and under
    // load the last ones ran past the pool's 5 s wait for a connection ("timeout exceeded when trying to
    // connect") before any worker was involved.
    const bulk: Awaited<ReturnType<typeof enqueue>>[] = [];
    for (let start = 0; start < 400; start += 20) {
      bulk.push(
        ...(await Promise.all(
          Array.from({ length: 20 }, (_, k) => {
            const i = start + k;
            return enqueue(db, {
              shop: shops[i % shops.length]!,
              type: types[i % types.length]!,
              trigger: "api",
              params: { ms: 10 + (i % 3) * 10 },
            });
          }),
        )),
      );
    }
    // The slow job, enqueued last, is due first, so a worker claims it at once; that worker is the one
    // we kill. (Enqueued first, it could end before a long burst of enqueues does: workers wake and
    // work on each enqueue.)
    const slow = await enqueue(db, {
      shop: shops[0]!,
      type: "test.mp-slow",
      trigger: "manual",
      params: { ms: 4_000 },
      runAfter: new Date(Date.now() - 60_000),
    });
    const jobs = [slow.job.id, ...bulk.map((b) => b.job.id)];

    // Kill whichever worker holds the slow job, while it runs (and whatever else it holds).
    let owner: string | null = null;
    // Killed once its handler runs (its run row is written), not merely claimed: under load the claim
    // and the handler's first statement can be far apart.
    for (let i = 0; i < 400 && !owner; i++) {
      const row = await db.job.findUniqueOrThrow({ where: { id: slow.job.id } });
      const started = await db.$queryRawUnsafe<unknown[]>(
        "SELECT 1 FROM job_test_runs WHERE job_id = $1 AND attempt = 1",
        slow.job.id,
      );
      owner = row.status === "running" && started.length > 0 ? row.leaseOwner : null;
      if (!owner) await sleep(25);
    }
    expect(owner, "the slow job was never claimed").toMatch(/^mp-w[123]$/);
    const victim = workers[Number(owner!.slice(-1)) - 1]!;
    const killedAt = new Date();
    victim.child.kill("SIGKILL");
    expect(await victim.exited).toBeNull();

    const deadline = Date.now() + 45_000;
    for (;;) {
      const open = await db.job.count({ where: { id: { in: jobs }, status: { not: "succeeded" } } });
      if (open === 0) break;
      if (Date.now() > deadline) {
        const stuck = await db.job.findMany({ where: { id: { in: jobs }, status: { not: "succeeded" } }, take: 5 });
        throw new Error(
          `${open} jobs did not succeed in time, e.g. ${JSON.stringify(stuck)}\n${workers.map((w) => w.output()).join("\n")}`,
        );
      }
      await sleep(100);
    }
    const survivors = workers.filter((w) => w !== victim);
    expect(await stopGracefully(survivors)).toEqual([0, 0]);

    const runs = await db.$queryRawUnsafe<RunRow[]>("SELECT * FROM job_test_runs ORDER BY started_at");
    // Exactly once, except across the crash: a job the killed worker had finished but not yet marked
    // succeeded runs again after its lease (at-least-once there, so handlers must be idempotent).
    const finished = new Map<string, RunRow[]>();
    for (const run of runs) if (run.ended_at) finished.set(run.job_id, [...(finished.get(run.job_id) ?? []), run]);
    const describeRuns = (list: RunRow[] = []) =>
      list.map((r) => `${r.worker}#${r.attempt} ${r.started_at.toISOString()}–${r.ended_at?.toISOString()}`);
    const notOnce = jobs.filter((id) => finished.get(id)?.length !== 1);
    const rerunAfterCrash = (id: string) => {
      const list = finished.get(id) ?? [];
      return (
        list.length === 2 &&
        list[0]!.worker === owner &&
        list[1]!.worker !== owner &&
        list[1]!.attempt === list[0]!.attempt + 1
      );
    };
    expect(
      notOnce
        .filter((id) => !rerunAfterCrash(id))
        .slice(0, 5)
        .map((id) => ({ id, runs: describeRuns(finished.get(id)) })),
    ).toEqual([]);
    expect(notOnce.length).toBeLessThanOrEqual(4); // at most what the killed worker held (its concurrency)
    const unfinished = runs.filter((r) => !r.ended_at);
    expect(unfinished.length).toBeGreaterThanOrEqual(1);
    expect(new Set(unfinished.map((r) => r.worker))).toEqual(new Set([owner]));

    // Never two of one (shop, type) at once: a killed run counts as running until the kill.
    const byKey = new Map<string, RunRow[]>();
    for (const run of runs)
      byKey.set(`${run.shop}|${run.type}`, [...(byKey.get(`${run.shop}|${run.type}`) ?? []), run]);
    const overlaps: string[] = [];
    for (const [key, list] of byKey) {
      let busyUntil = 0;
      for (const run of list) {
        if (run.started_at.getTime() < busyUntil) overlaps.push(`${key}: ${run.job_id} started while another ran`);
        busyUntil = Math.max(busyUntil, (run.ended_at ?? killedAt).getTime());
      }
    }
    expect(overlaps).toEqual([]);
    expect(byKey.size).toBe(shops.length * types.length + 1);

    // The slow job ran again elsewhere, only after its lease had expired, and completed.
    const slowRuns = runs.filter((r) => r.job_id === slow.job.id);
    expect(slowRuns.map((r) => [r.attempt, r.worker === owner, r.ended_at !== null])).toEqual([
      [1, true, false],
      [2, false, true],
    ]);
    expect(slowRuns[1]!.started_at.getTime()).toBeGreaterThanOrEqual(killedAt.getTime());
    expect(await db.job.findUniqueOrThrow({ where: { id: slow.job.id } })).toMatchObject({
      status: "succeeded",
      attempt: 2,
      leaseOwner: null,
    });
  });

  it("wake a worker process at once when another process enqueues (NOTIFY), though it polls once a minute", async () => {
    const sleeper = await spawnTsx("tests/support/jobs-worker-process.ts", {
      DATABASE_URL: url,
      JOBS_WORKER_ID: "mp-sleeper",
      JOBS_TYPES: "test.mp-b",
      JOBS_POLL_MS: "60000",
    });
    workers.push(sleeper);
    // Its first look at the queue found nothing (the previous test drained it); give it time to wait.
    await sleep(500);
    const { job } = await enqueue(db, { shop: "mp-wake.myshopify.com", type: "test.mp-b", trigger: "api" });
    const deadline = Date.now() + 10_000;
    let status = "queued";
    while (status !== "succeeded" && Date.now() < deadline) {
      await sleep(50);
      status = (await db.job.findUniqueOrThrow({ where: { id: job.id } })).status;
    }
    expect(status, sleeper.output()).toBe("succeeded");
    expect((await db.job.findUniqueOrThrow({ where: { id: job.id } })).leaseOwner).toBeNull();
    expect(await stopGracefully([sleeper])).toEqual([0]);
  });
});
