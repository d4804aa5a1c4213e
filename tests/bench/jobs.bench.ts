// Job engine throughput: jobs claimed and finished per second on SQLite and PostgreSQL, with 1 and 3
// worker processes (real processes sharing one queue). Run: npx tsx tests/bench/jobs.bench.ts
// Each case enqueues JOBS no-op jobs over 50 shops, starts the workers, and times the runs from the
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
const CASE_TIMEOUT_MS = 25_000;
const ADMIN_URL = process.env.TEST_POSTGRES_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";

interface Result {
  database: string;
  workers: number;
  enqueuedPerSecond: number;
  claimedPerSecond: number;
  finishedPerSecond: number;
}

async function runCase(database: "sqlite" | "postgresql", url: string, workerCount: number): Promise<Result> {
  await applyMigrations(url);
  const db = createPrismaClient(url);
  try {
    const enqueueStart = performance.now();
    for (let i = 0; i < JOBS; i++)
      await enqueue(db, { shop: `bench-${i % 50}.myshopify.com`, type: "bench.noop", trigger: "api" });
    const enqueuedPerSecond = JOBS / ((performance.now() - enqueueStart) / 1000);

    const workers: SpawnedProcess[] = await Promise.all(
      Array.from({ length: workerCount }, (_, n) =>
        spawnTsx("tests/support/jobs-worker-process.ts", {
          DATABASE_URL: url,
          JOBS_WORKER_ID: `bench-${database}-${n}`,
          JOBS_TYPES: "bench.noop",
          JOBS_CONCURRENCY: "4",
          JOBS_POLL_MS: "20",
          JOBS_LEASE_MS: "30000",
          LOG_LEVEL: "silent",
        }),
      ),
    );
    const deadline = Date.now() + CASE_TIMEOUT_MS;
    let done = 0;
    while (
      (done = await db.job.count({ where: { type: "bench.noop", status: "succeeded" } })) < JOBS &&
      Date.now() < deadline
    ) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    await stopGracefully(workers);
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
for (const workers of [1, 3]) results.push(await sqliteCase(workers));
for (const workers of [1, 3]) {
  try {
    results.push(await postgresCase(workers));
  } catch (error) {
    console.log(`PostgreSQL at ${ADMIN_URL} unavailable: ${(error as Error).message}`);
    break;
  }
}

const fmt = (n: number) => n.toFixed(0).padStart(9);
console.log(`\njob engine, ${JOBS} no-op jobs per case, 4 concurrent jobs per worker process`);
console.log("database     workers  enqueued/s  claimed/s  finished/s");
for (const r of results) {
  console.log(
    `${r.database.padEnd(12)} ${String(r.workers).padStart(7)} ${fmt(r.enqueuedPerSecond)}   ${fmt(r.claimedPerSecond)}  ${fmt(r.finishedPerSecond)}`,
  );
}
console.log(`total ${((performance.now() - started) / 1000).toFixed(1)} s`);
