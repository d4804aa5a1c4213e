// Job engine throughput: jobs claimed and finished per second on SQLite and PostgreSQL, with 1 and 3
// worker processes (real processes sharing one queue). Run: npx tsx tests/bench/jobs.bench.ts
// Each case enqueues JOBS no-op jobs over 50 shops (due only once every worker process is up, so one
// still starting does not share the CPU with the others' runs), and times the runs from the
// database's own timestamps (first claim → last claim / last finish), so process start-up is excluded.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { HARMLESS_APP_ENV, type SpawnedProcess, spawnTsx, stopGracefully } from "../support/jobs-processes";

for (const [key, value] of Object.entries(HARMLESS_APP_ENV)) process.env[key] ??= value;
const { applyMigrations } = await import("../../app/db/migrations.server");
const { createPrismaClient } = await import("../../app/db.server");
const { enqueue } = await import("../../app/jobs/queue.server");

const JOBS = Number(process.env.BENCH_JOBS ?? 1000);
// The app's default WORKER_CONCURRENCY.
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 8);
// e.g. BENCH_CASES=postgresql:3 to run one case only
const CASES = (process.env.BENCH_CASES ?? "sqlite:1,sqlite:3,postgresql:1,postgresql:3").split(",");
const CASE_TIMEOUT_MS = 25_000;
const ADMIN_URL = process.env.TEST_POSTGRES_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";

interface Result {
  database: string;
  workers: number;
  enqueuedPerSecond: number;
  claimedPerSecond: number;
  finishedPerSecond: number;
  /** PostgreSQL transactions rolled back while the workers ran: claims that collided on the unique index. */
  rollbacks: number | null;
}

async function runCase(database: "sqlite" | "postgresql", url: string, workerCount: number): Promise<Result> {
  await applyMigrations(url);
  const db = createPrismaClient(url);
  try {
    // Queued not yet due: no worker takes one before all of them are up (see below).
    const notYet = new Date(Date.now() + 86_400_000);
    const enqueueStart = performance.now();
    for (let i = 0; i < JOBS; i++)
      await enqueue(db, {
        shop: `bench-${i % 50}.myshopify.com`,
        type: "bench.noop",
        trigger: "api",
        runAfter: notYet,
      });
    const enqueuedPerSecond = JOBS / ((performance.now() - enqueueStart) / 1000);

    const workers: SpawnedProcess[] = await Promise.all(
      Array.from({ length: workerCount }, (_, n) =>
        spawnTsx("tests/support/jobs-worker-process.ts", {
          DATABASE_URL: url,
          JOBS_WORKER_ID: `bench-${database}-${n}`,
          JOBS_TYPES: "bench.noop",
          JOBS_CONCURRENCY: String(CONCURRENCY),
          JOBS_POLL_MS: "20",
          JOBS_LEASE_MS: "30000",
          LOG_LEVEL: "silent",
        }),
      ),
    );
    const rollbacks = async () =>
      database === "postgresql"
        ? Number(
            (
              await db.$queryRawUnsafe<{ n: bigint }[]>(
                "SELECT xact_rollback AS n FROM pg_stat_database WHERE datname = current_database()",
              )
            )[0]!.n,
          )
        : null;
    const rollbacksBefore = await rollbacks();
    // Every worker is up (a worker still starting would share the CPU with the others' runs): the jobs
    // become due now, all at once; the workers' next poll (20 ms) finds them.
    await new Promise((resolve) => setTimeout(resolve, 500));
    await db.job.updateMany({ where: { type: "bench.noop", status: "queued" }, data: { runAfter: new Date() } });
    const deadline = Date.now() + CASE_TIMEOUT_MS;
    let done = 0;
    while (
      (done = await db.job.count({ where: { type: "bench.noop", status: "succeeded" } })) < JOBS &&
      Date.now() < deadline
    ) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    await stopGracefully(workers);
    await new Promise((resolve) => setTimeout(resolve, 600)); // statistics reach pg_stat_database late
    const rollbacksAfter = await rollbacks();
    const span = await db.job.aggregate({
      where: { type: "bench.noop", status: "succeeded" },
      _min: { startedAt: true },
      _max: { startedAt: true, finishedAt: true },
    });
    const first = span._min.startedAt!.getTime();
    const seconds = (end: Date | null) => Math.max(1, end!.getTime() - first) / 1000;
    if (done < JOBS) console.log(`  (timed out: ${done}/${JOBS} finished in ${CASE_TIMEOUT_MS / 1000}s)`);
    return {
      database,
      workers: workerCount,
      enqueuedPerSecond,
      claimedPerSecond: done / seconds(span._max.startedAt),
      finishedPerSecond: done / seconds(span._max.finishedAt),
      rollbacks: rollbacksAfter === null ? null : rollbacksAfter - rollbacksBefore!,
    };
  } finally {
    await db.$disconnect();
  }
}

async function sqliteCase(workers: number): Promise<Result> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "passerelle-bench-jobs-"));
  try {
    return await runCase("sqlite", `file:${path.join(dir, "bench.sqlite")}`, workers);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

async function postgresCase(workers: number): Promise<Result> {
  const admin = new pg.Client({ connectionString: ADMIN_URL });
  await admin.connect();
  const name = `passerelle_bench_jobs_${process.pid}_${workers}`;
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  try {
    await admin.query(`CREATE DATABASE ${name}`);
    return await runCase("postgresql", url.toString(), workers);
  } finally {
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
  }
}

const started = performance.now();
const results: Result[] = [];
for (const workers of [1, 3]) if (CASES.includes(`sqlite:${workers}`)) results.push(await sqliteCase(workers));
for (const workers of [1, 3]) {
  if (!CASES.includes(`postgresql:${workers}`)) continue;
  try {
    results.push(await postgresCase(workers));
  } catch (error) {
    console.log(`PostgreSQL at ${ADMIN_URL} unavailable: ${(error as Error).message}`);
    break;
  }
}

const fmt = (n: number) => n.toFixed(0).padStart(9);
console.log(`\njob engine, ${JOBS} no-op jobs per case, ${CONCURRENCY} concurrent jobs per worker process`);
console.log("database     workers  enqueued/s  claimed/s  finished/s  claim collisions");
for (const r of results) {
  console.log(
    `${r.database.padEnd(12)} ${String(r.workers).padStart(7)} ${fmt(r.enqueuedPerSecond)}   ${fmt(r.claimedPerSecond)}  ${fmt(r.finishedPerSecond)}  ${r.rollbacks ?? "-"}`,
  );
}
console.log(`total ${((performance.now() - started) / 1000).toFixed(1)} s`);
