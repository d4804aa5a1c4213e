// Order export throughput: N orders/create webhooks queue N exports of one shop, then worker processes
// (tests/bench/orders-worker.ts, the app's worker) drain them against the Fastmag emulator answering in
// 50 ms and the Shopify emulator, which run in this process — as remote systems, off the worker's CPU.
//   npm run bench:orders            PostgreSQL at TEST_POSTGRES_URL (or 127.0.0.1:5432), SQLite if none
//   npx tsx tests/bench/orders.bench.ts --sqlite
// Settings: BENCH_ORDERS (1000), BENCH_WORKERS (worker processes, 2), BENCH_CONCURRENCY (jobs at a time
// per worker, 16), BENCH_LATENCY_MS (50), BENCH_PLAN (the shop's Shopify plan, Plus). On Standard, Shopify
// restores 100 points/s and an export spends about 20 (order read + metafield write), so Shopify itself
// caps a Standard shop near 5 orders/s once its 2,000-point bucket is spent: that is not the worker.
// Prints orders/s, total time, and the orders Fastmag got more than once (must be 0) or never.
// Asserts nothing about speed; exits 1 if an order is missing or duplicated in Fastmag.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { HARMLESS_APP_ENV, spawnTsx, stopGracefully } from "../support/jobs-processes";

for (const [key, value] of Object.entries(HARMLESS_APP_ENV)) process.env[key] ??= value;
const ORDERS = Number(process.env.BENCH_ORDERS ?? 1000);
const WORKERS = Number(process.env.BENCH_WORKERS ?? 2);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 16);
const LATENCY_MS = Number(process.env.BENCH_LATENCY_MS ?? 50);
const PLAN = (process.env.BENCH_PLAN ?? "Plus") as "Standard" | "Advanced" | "Plus";
const TIMEOUT_MS = 600_000;
const ADMIN_URL = process.env.TEST_POSTGRES_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";

/** A fresh database for the run: a PostgreSQL one unless --sqlite (or none answers). */
async function freshDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  if (!process.argv.includes("--sqlite")) {
    const admin = new pg.Client({ connectionString: ADMIN_URL });
    try {
      await admin.connect();
      const name = `passerelle_bench_orders_${process.pid}`;
      await admin.query(`CREATE DATABASE ${name}`);
      const url = new URL(ADMIN_URL);
      url.pathname = `/${name}`;
      return {
        url: url.toString(),
        drop: async () => {
          await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
          await admin.end();
        },
      };
    } catch (error) {
      console.log(`PostgreSQL at ${ADMIN_URL} unavailable (${(error as Error).message}): using SQLite`);
      await admin.end().catch(() => undefined);
    }
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "passerelle-bench-orders-"));
  return {
    url: `file:${path.join(dir, "bench.sqlite")}`,
    drop: async () => fs.rmSync(dir, { recursive: true, force: true }),
  };
}

const database = await freshDatabase();
process.env.DATABASE_URL = database.url;
const { applyMigrations } = await import("../../app/db/migrations.server");
await applyMigrations(database.url);
// Imported after DATABASE_URL is set: the app's database client is made from it.
const { db } = await import("../../app/db.server");
const { EXPORT_JOB } = await import("../../app/sync/orders/orders.server");
(await import("../../app/modules.server")).registerModules();
const { startOrdersWorld } = await import("../integration/orders-harness");
const { LeakyBucket, PLAN_LIMITS } = await import("../../emulators/shopify/bucket");

const world = await startOrdersWorld("bench-orders", { fastmagFaults: { latencyMs: 0 } });
const shopRecord = world.shopify.store.shop(world.shop);
shopRecord.plan = PLAN;
shopRecord.bucket = new LeakyBucket(PLAN_LIMITS[PLAN], world.shopify.store.now);
try {
  const queueStart = performance.now();
  const orderIds: string[] = [];
  for (let i = 0; i < ORDERS; i += 20) {
    await Promise.all(
      Array.from({ length: Math.min(20, ORDERS - i) }, async () => {
        const order = await world.createOrder();
        orderIds.push(order.id);
        const response = await world.deliverOrderCreated(order.legacyId);
        if (response.status !== 200) throw new Error(`orders/create answered ${response.status}`);
      }),
    );
  }
  const queueSeconds = (performance.now() - queueStart) / 1000;
  world.fastmag.setFaults({ latencyMs: LATENCY_MS });
  const fastmagCallsBefore = world.fastmag.calls.length;
  const shopifyCallsBefore = world.shopify.callLog({ shop: world.shop }).length;

  const workers = await Promise.all(
    Array.from({ length: WORKERS }, () =>
      spawnTsx("tests/bench/orders-worker.ts", {
        DATABASE_URL: database.url,
        SHOPIFY_API_ORIGIN_OVERRIDE: world.shopify.url,
        BENCH_CONCURRENCY: String(CONCURRENCY),
      }),
    ),
  );
  const started = performance.now();
  const emulatorCpuAtStart = process.cpuUsage();
  const open = () => db.job.count({ where: { type: EXPORT_JOB, status: { in: ["queued", "running"] } } });
  while ((await open()) > 0 && performance.now() - started < TIMEOUT_MS) await new Promise((r) => setTimeout(r, 200));
  const emulatorCpu = process.cpuUsage(emulatorCpuAtStart);
  await stopGracefully(workers);
  // CPU the worker processes spent (start-up excluded): what bounds the rate on a busy machine.
  const workerCpuMs = workers.reduce((sum, w) => sum + Number(/cpu-ms ([\d.]+)/.exec(w.output())?.[1] ?? NaN), 0);

  const byStatus = await db.job.groupBy({ by: ["status"], where: { type: EXPORT_JOB }, _count: true });
  const exported = await db.orderExport.count({ where: { shop: world.shop, status: "exported" } });
  const inFastmag = new Map(
    (
      world.fastmag.db
        .prepare(
          "SELECT shopify_order_id AS id, COUNT(*) AS n FROM orders WHERE shopify_order_id IS NOT NULL GROUP BY 1",
        )
        .all() as { id: string; n: number }[]
    ).map((c) => [c.id, c.n]),
  );
  const duplicates = orderIds.filter((id) => (inFastmag.get(id) ?? 0) > 1).length;
  const missing = orderIds.filter((id) => !inFastmag.has(id)).length;
  const shopifyCalls = world.shopify.callLog({ shop: world.shop }).slice(shopifyCallsBefore);
  const runs = await db.job.findMany({
    where: { type: EXPORT_JOB, finishedAt: { not: null } },
    select: { startedAt: true, finishedAt: true },
  });
  // From the database's own timestamps: first claim to last finish (process start-up excluded).
  const seconds =
    (Math.max(...runs.map((r) => r.finishedAt!.getTime())) - Math.min(...runs.map((r) => r.startedAt!.getTime()))) /
    1000;
  const meanRunMs =
    runs.reduce((sum, r) => sum + (r.finishedAt!.getTime() - r.startedAt!.getTime()), 0) / Math.max(1, runs.length);

  console.log(
    `\norder exports: ${ORDERS} orders of one shop, Fastmag latency ${LATENCY_MS} ms, ${WORKERS} worker process(es) × ${CONCURRENCY} jobs at a time, Shopify ${PLAN}, ${database.url.startsWith("file:") ? "SQLite" : "PostgreSQL"}`,
  );
  console.log(`queued in ${queueSeconds.toFixed(1)} s (webhook route → export job)`);
  console.log(`jobs: ${byStatus.map((s) => `${s.status} ${s._count}`).join(", ")}; exported rows ${exported}`);
  console.log(`drained in ${seconds.toFixed(1)} s: ${(exported / seconds).toFixed(1)} orders/s (target ≥ 20)`);
  console.log(
    `per order: ${((world.fastmag.calls.length - fastmagCallsBefore) / ORDERS).toFixed(1)} Fastmag calls, ` +
      `${(shopifyCalls.length / ORDERS).toFixed(1)} Shopify calls (${shopifyCalls.filter((c) => c.throttled).length} throttled in all), ` +
      `${meanRunMs.toFixed(0)} ms per export, ${(workerCpuMs / ORDERS).toFixed(1)} ms of worker CPU per order ` +
      `(${((emulatorCpu.user + emulatorCpu.system) / 1000 / ORDERS).toFixed(1)} ms in this process: emulators)`,
  );
  const costs = new Map<string, number[]>();
  for (const c of shopifyCalls)
    costs.set(c.operationName ?? "?", [...(costs.get(c.operationName ?? "?") ?? []), c.requestedQueryCost ?? 0]);
  console.log([...costs].map(([op, list]) => `${op}: ${list.length} calls, ${Math.max(...list)} points`).join("; "));
  console.log(`in Fastmag more than once: ${duplicates}; never: ${missing}`);
  if (duplicates > 0 || missing > 0) process.exitCode = 1;
} finally {
  await world.close();
  await db.$disconnect();
  await database.drop();
}
