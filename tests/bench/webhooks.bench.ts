// Webhook intake under a burst, against the BUILT app (build/web, as `npm start` in production) and the Shopify
// emulator, on SQLite and on PostgreSQL:  npm run bench:webhooks   (builds first if build/ is missing)
// Each case fires N signed customers/data_request deliveries at once (plus 5% repeated webhook ids, as
// Shopify sends duplicates), and prints the answer times (p50 / p99 / max, answers over 1 s, non-2xx),
// the slowest answer of an unrelated page fetched every 250 ms during the burst, the app's CPU time per
// delivery (the burst's cost with a free core: p99 ≈ burst × that), and once the app's processor has
// drained the queue: how many deliveries were processed exactly once (one attempt, one privacy record).
// Just before each burst the same requests go to a bare Node HTTP server (reads, answers 200) from the
// same sender: its p99 and CPU per request are the floor the machine's load sets at that moment; the
// app's figures read against it (BENCH_FLOOR=0 leaves it out).
// Asserts nothing about speed; target: p99 < 100 ms at 200, nothing over 1 s at 1,000.
// BENCH_WORKER=1 runs the scaled-out topology of the README instead: the web process with
// BACKGROUND_JOBS=off and a separate `npm run worker` process (build/worker) that processes the
// deliveries; the CPU figure is then the web process's alone.
// Each case runs BENCH_ROUNDS times (default 3), each on a new app and database; every round is printed.
// APP_CPU_PROFILE_DIR=<dir> makes the app write a CPU profile of each round there.
// WEB_PROCESSES=N (default 1) sets the web server's processes (scripts/server.ts).
//   BENCH_WEBHOOKS=200,1000  BENCH_DATABASES=sqlite,postgresql  BENCH_WORKER=1  BENCH_ROUNDS=3  WEB_PROCESSES=2
import type { ChildProcess } from "node:child_process";
import { createHmac, randomUUID } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { Agent, fetch } from "undici";
import { HARMLESS_APP_ENV } from "../support/jobs-processes";
import {
  ensureBuilt,
  freePort,
  nodeFloor,
  type NodeFloor,
  percentile,
  sendWire,
  startWorker,
  stopChild,
  wireRequest as rawRequest,
} from "./built-app";

for (const [key, value] of Object.entries(HARMLESS_APP_ENV)) process.env[key] ??= value;
const { startStack } = await import("../../scripts/stack");
const { createPrismaClient } = await import("../../app/db.server");

const BURSTS = (process.env.BENCH_WEBHOOKS ?? "200,1000").split(",").map(Number);
const DATABASES = (process.env.BENCH_DATABASES ?? "sqlite,postgresql").split(",");
const ADMIN_URL = process.env.TEST_POSTGRES_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";
const DRAIN_TIMEOUT_MS = 180_000;
const SEPARATE_WORKER = process.env.BENCH_WORKER === "1";
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const FLOOR = process.env.BENCH_FLOOR !== "0";
// The web server's processes (the README's WEB_PROCESSES), default 1 (2 measured no better on 2 cores, ADR 0019).
const WEB_PROCESSES = Number(process.env.WEB_PROCESSES ?? 1);
const TOPIC = "customers/data_request";
// Enough sockets for every delivery of a burst to be in flight at once, as from Shopify's many senders.
const dispatcher = new Agent({ connections: 2_000, pipelining: 0, connect: { timeout: 10_000 } });

interface CaseResult {
  database: string;
  burst: number;
  p50: number;
  p99: number;
  max: number;
  overOneSecond: number;
  refused: number;
  pageMax: number;
  processedOnce: number;
  delivered: number;
  drainSeconds: number;
  /** App CPU per delivery during the burst: what the answer times come to on a machine with a free core. */
  cpuPerDelivery: number | null;
  /** The machine's 1-minute load average when the burst started: answer times follow it. */
  load: number;
  /** The same burst at a bare Node HTTP server just before (null with BENCH_FLOOR=0). */
  floor: NodeFloor | null;
}

ensureBuilt();

function payload(shop: string, n: number) {
  return {
    shop_id: 1,
    shop_domain: shop,
    orders_requested: [100_000 + n],
    customer: { id: 500_000 + n, email: `bench-${n}@example.com`, phone: null },
    data_request: { id: n },
  };
}

function deliveryHeaders(secret: string, shop: string, webhookId: string, body: string) {
  return {
    "content-type": "application/json",
    "x-shopify-topic": TOPIC,
    "x-shopify-hmac-sha256": createHmac("sha256", secret).update(body, "utf8").digest("base64"),
    "x-shopify-shop-domain": shop,
    "x-shopify-api-version": "2026-07",
    "x-shopify-webhook-id": webhookId,
    "x-shopify-event-id": randomUUID(),
    "x-shopify-triggered-at": new Date().toISOString(),
  };
}

/** One delivery through undici (the warm-up). */
async function send(appUrl: string, secret: string, shop: string, webhookId: string, body: string) {
  const started = performance.now();
  const response = await fetch(`${appUrl}/webhooks/${TOPIC}`, {
    method: "POST",
    body,
    headers: deliveryHeaders(secret, shop, webhookId, body),
    dispatcher,
  }).catch(() => null);
  await response?.body?.cancel();
  return { ms: performance.now() - started, status: response?.status ?? 0 };
}

/** A delivery's request as the bytes that go on the wire, signed beforehand. */
function wireRequest(appUrl: string, secret: string, shop: string, webhookId: string, body: string): Buffer {
  return rawRequest(new URL(`${appUrl}/webhooks/${TOPIC}`), deliveryHeaders(secret, shop, webhookId, body), body);
}

/** CPU time (ms) used so far by this process's descendants (the app, and its web processes when
 *  WEB_PROCESSES > 1), from /proc; null where there is none. */
function childrenCpuMs(except?: number, of = process.pid): number | null {
  try {
    const children = fs
      .readdirSync(`/proc/${of}/task`)
      .flatMap((tid) => fs.readFileSync(`/proc/${of}/task/${tid}/children`, "utf8").trim().split(/\s+/))
      .filter((pid) => pid && Number(pid) !== except);
    return children.reduce((sum, pid) => {
      const fields = fs.readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
      const own = ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
      return sum + own + (childrenCpuMs(except, Number(pid)) ?? 0);
    }, 0);
  } catch {
    return null;
  }
}

async function runCase(database: string, url: string, burst: number): Promise<CaseResult> {
  const stack = await startStack({
    appPort: await freePort(),
    databaseUrl: url,
    quiet: true,
    appEnv: {
      LOG_LEVEL: "error",
      WEB_PROCESSES: String(WEB_PROCESSES),
      ...(SEPARATE_WORKER ? { BACKGROUND_JOBS: "off" } : {}),
    },
  });
  const db = createPrismaClient(url);
  let worker: ChildProcess | null = null;
  try {
    if (SEPARATE_WORKER) {
      worker = await startWorker(stack.appEnv);
    }
    const secret = stack.appEnv.SHOPIFY_API_SECRET!;
    const shop = stack.shop;
    // Warm the app up (first requests compile routes and open connections), outside the figures.
    await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        send(stack.appUrl, secret, shop, `warm-${i}`, JSON.stringify(payload(shop, -i - 1))),
      ),
    );
    // …and let their processing finish, so the burst's figures are the burst's alone.
    const warmDeadline = Date.now() + DRAIN_TIMEOUT_MS;
    while (
      Date.now() < warmDeadline &&
      (await db.webhookDelivery.count({
        where: { webhookId: { startsWith: "warm-" }, status: { not: "processed" } },
      })) > 0
    )
      await new Promise((resolve) => setTimeout(resolve, 100));
    const prefix = `bench-${database}-${burst}-`;
    const ours = { startsWith: prefix };
    const ids = Array.from({ length: burst }, (_, n) => `${prefix}${n}`);
    const bodies = ids.map((_, n) => JSON.stringify(payload(shop, n)));
    const repeats = ids.filter((_, n) => n % 20 === 0).map((id) => ({ id, body: bodies[ids.indexOf(id)]! }));

    const requests = [
      ...ids.map((id, n) => wireRequest(stack.appUrl, secret, shop, id, bodies[n]!)),
      ...repeats.map((r) => wireRequest(stack.appUrl, secret, shop, r.id, r.body)),
    ];
    // The bare server ignores what it reads: the same bytes go to it.
    const floor = FLOOR ? await nodeFloor(() => requests) : null;

    const pageTimes: number[] = [];
    let bursting = true;
    const pages = (async () => {
      while (bursting) {
        const started = performance.now();
        await fetch(`${stack.appUrl}/`, { redirect: "manual" }).then(
          (r) => r.body?.cancel(),
          () => undefined,
        );
        pageTimes.push(performance.now() - started);
        await new Promise((resolve) => setTimeout(resolve, 250));
      }
    })();
    const load = os.loadavg()[0]!;
    const cpuBefore = childrenCpuMs(worker?.pid);
    const port = Number(new URL(stack.appUrl).port);
    const answers = await Promise.all(requests.map((request) => sendWire(port, request)));
    const cpuAfter = childrenCpuMs(worker?.pid);
    bursting = false;
    await pages;

    const drainStart = Date.now();
    let unprocessed = Infinity;
    while (unprocessed > 0 && Date.now() - drainStart < DRAIN_TIMEOUT_MS) {
      unprocessed = await db.webhookDelivery.count({ where: { webhookId: ours, status: { not: "processed" } } });
      if (unprocessed > 0) await new Promise((resolve) => setTimeout(resolve, 200));
    }
    const drainSeconds = (Date.now() - drainStart) / 1000;
    const once = await db.webhookDelivery.findMany({
      where: { webhookId: ours, status: "processed", attempts: 1 },
      select: { webhookId: true },
    });
    const records = await db.complianceRequest.groupBy({
      by: ["webhookId"],
      where: { webhookId: ours },
      _count: { _all: true },
    });
    const oneRecord = new Set(records.filter((r) => r._count._all === 1).map((r) => r.webhookId));
    const times = answers.map((a) => a.ms).sort((a, b) => a - b);
    return {
      database,
      burst,
      p50: percentile(times, 0.5),
      p99: percentile(times, 0.99),
      max: times.at(-1)!,
      overOneSecond: times.filter((t) => t > 1_000).length,
      refused: answers.filter((a) => a.status !== 200).length,
      pageMax: Math.max(0, ...pageTimes),
      processedOnce: once.filter((row) => oneRecord.has(row.webhookId)).length,
      delivered: ids.length,
      drainSeconds,
      cpuPerDelivery:
        cpuBefore !== null && cpuAfter !== null ? (cpuAfter - cpuBefore) / (ids.length + repeats.length) : null,
      load,
      floor,
    };
  } finally {
    await db.$disconnect();
    await stopChild(worker);
    await stack.stop();
  }
}

async function withDatabase<T>(database: string, run: (url: string) => Promise<T>): Promise<T> {
  if (database === "sqlite") {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "passerelle-bench-webhooks-"));
    try {
      return await run(`file:${path.join(dir, "bench.sqlite")}`);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }
  const admin = new pg.Client({ connectionString: ADMIN_URL });
  await admin.connect();
  const name = `passerelle_bench_webhooks_${process.pid}_${Date.now() % 100_000}`;
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  try {
    await admin.query(`CREATE DATABASE ${name}`);
    return await run(url.toString());
  } finally {
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
  }
}

const results: CaseResult[] = [];
for (const database of DATABASES) {
  for (const burst of BURSTS)
    for (let round = 0; round < ROUNDS; round++) {
      try {
        const result = await withDatabase(database, (url) => runCase(database, url, burst));
        results.push(result);
        console.log(
          `${database} ${burst}: p50 ${result.p50.toFixed(0)} ms, p99 ${result.p99.toFixed(0)} ms, max ${result.max.toFixed(0)} ms, processed once ${result.processedOnce}/${result.delivered} (load ${result.load.toFixed(1)}${result.floor ? `; bare Node server: p99 ${result.floor.p99.toFixed(0)} ms` : ""})`,
        );
      } catch (error) {
        console.log(`${database} ${burst}: could not run`, error);
      }
    }
}

const ms = (n: number) => `${n.toFixed(0)} ms`.padStart(8);
console.log(
  `\nwebhook intake, built app (${WEB_PROCESSES} web process${WEB_PROCESSES > 1 ? "es" : ""})${SEPARATE_WORKER ? " (BACKGROUND_JOBS=off) + a worker process" : ""}, ${TOPIC} deliveries fired at once (+5% repeated ids), ${os.cpus().length} cores`,
);
console.log(
  "target: p99 < 100 ms at 200, nothing over 1 s at 1,000 (load: the machine's 1-minute load average; floor: the same burst at a bare Node HTTP server just before)",
);
console.log(
  "database    burst      p50      p99      max  >1s  non-200  page max  processed once  drained in  app CPU/delivery  load  floor p99  floor CPU/request",
);
for (const r of results) {
  console.log(
    `${r.database.padEnd(10)} ${String(r.burst).padStart(6)} ${ms(r.p50)} ${ms(r.p99)} ${ms(r.max)} ${String(r.overOneSecond).padStart(4)} ${String(r.refused).padStart(8)} ${ms(r.pageMax)}  ${`${r.processedOnce}/${r.delivered}`.padStart(14)}  ${r.drainSeconds.toFixed(1).padStart(8)} s  ${(r.cpuPerDelivery === null ? "n/a" : `${r.cpuPerDelivery.toFixed(2)} ms`).padStart(16)}  ${r.load.toFixed(1).padStart(4)}  ${r.floor ? ms(r.floor.p99).padStart(9) : "      n/a"}  ${(r.floor?.cpuPerRequest == null ? "n/a" : `${r.floor.cpuPerRequest.toFixed(2)} ms`).padStart(17)}`,
  );
}
await dispatcher.close();
