// The ERP event feed under load, in the scaled-out topology of the README:  npm run bench:feed
// The BUILT web process (build/web, BACKGROUND_JOBS=off; builds first if build/ is missing) answers the
// webhooks; a separate `npm run worker` process (build/worker) runs the webhook processor and the feed
// deliverer. 10,000 signed products/update webhooks (BENCH_FEED_WEBHOOKS) are sent over HTTP to the web
// process (see below for the pace), and fanned out to two endpoints of a test ERP over HTTPS (test CA, trusted by
// both processes through EVENT_FEED_CA_FILE), one answering at once and one after 200 ms.
// Prints the ack p50/p99/max and answers over 1 s, deliveries per second, the time until every delivery
// is delivered, how many events each ERP got exactly once, and the peak RSS (VmHWM) of both processes.
// Fresh SQLite database; DATABASE_URL=<a fresh, migrated database> for another (e.g. PostgreSQL).
// Asserts nothing; target: ack p99 < 100 ms while the backlog drains.
// WEB_PROCESSES=N (default 1) sets the web server's processes (scripts/server.ts).
// The webhooks arrive at a steady BENCH_FEED_RATE a second (default 200, i.e. 12,000 a minute; open loop, as
// Shopify sends them: a delivery does not wait for the previous answer), so the ack times are those of a web
// process that keeps up while the worker fans out. BENCH_FEED_RATE=0 sends them as fast as the web process
// takes them, BENCH_FEED_CONCURRENCY in flight (closed loop: each answer then waits for the ~50 before it,
// ≈ 50 × the time per request, bound by the machine's floor as in bench:webhooks, ADR 0013).
//   BENCH_FEED_WEBHOOKS=10000  BENCH_FEED_RATE=200  BENCH_FEED_CONCURRENCY=50  BENCH_FEED_DELAY_MS=200
import type { ChildProcess } from "node:child_process";
import { createHmac, randomUUID } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { HARMLESS_APP_ENV } from "../support/jobs-processes";
import {
  ensureBuilt,
  freePort,
  peakRssMiB,
  percentile,
  sendWire,
  startWorker,
  stopChild,
  webProcessPids,
  wireRequest,
} from "./built-app";

const WEBHOOKS = Number(process.env.BENCH_FEED_WEBHOOKS ?? 10_000);
const IN_FLIGHT = Number(process.env.BENCH_FEED_CONCURRENCY ?? 50);
const SLOW_MS = Number(process.env.BENCH_FEED_DELAY_MS ?? 200);
const RATE = Number(process.env.BENCH_FEED_RATE ?? 200);
// The web server's processes (the README's WEB_PROCESSES), default 1 (2 measured no better on 2 cores, ADR 0019).
const WEB_PROCESSES = Number(process.env.WEB_PROCESSES ?? 1);
const DRAIN_TIMEOUT_MS = 30 * 60_000;
const TOPIC = "products/update";

for (const [key, value] of Object.entries(HARMLESS_APP_ENV)) process.env[key] ??= value;
ensureBuilt();
const { makeTestCertificates, startErpReceiver } = await import("../../emulators/erp-receiver/index");
const { startStack } = await import("../../scripts/stack");
const { createPrismaClient } = await import("../../app/db.server");
const { createEndpoint } = await import("../../app/event-feed/endpoints.server");

const certs = makeTestCertificates();
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "passerelle-bench-feed-"));
const databaseUrl = process.env.DATABASE_URL ?? `file:${path.join(tmp, "bench.sqlite")}`;
const database = databaseUrl.startsWith("file:") ? "SQLite" : "PostgreSQL";

const fast = await startErpReceiver({ tls: certs });
const slow = await startErpReceiver({ tls: certs, delayMs: SLOW_MS });
const stack = await startStack({
  appPort: await freePort(),
  databaseUrl,
  quiet: true,
  appEnv: {
    LOG_LEVEL: "error",
    BACKGROUND_JOBS: "off",
    WEB_PROCESSES: String(WEB_PROCESSES),
    EVENT_FEED_CA_FILE: certs.caFile,
    // The key this process encrypts the endpoints' secrets with (createEndpoint below).
    APP_ENCRYPTION_KEY: process.env.APP_ENCRYPTION_KEY!,
  },
});
const db = createPrismaClient(databaseUrl);
let worker: ChildProcess | null = null;
try {
  const shop = stack.shop;
  for (const [name, receiver] of [
    ["fast", fast],
    ["slow", slow],
  ] as const)
    await createEndpoint(db, shop, { name, url: `${receiver.url}/in`, topics: [TOPIC] });
  worker = await startWorker({ ...stack.appEnv, LOG_LEVEL: "error" });
  const webPids = webProcessPids();

  const secret = stack.appEnv.SHOPIFY_API_SECRET!;
  const url = new URL(`${stack.appUrl}/webhooks/${TOPIC}`);
  const port = Number(url.port);
  const request = (i: number) => {
    const body = JSON.stringify({
      id: 7_000_000 + (i % 500),
      title: `Product ${i}`,
      updated_at: new Date().toISOString(),
    });
    return wireRequest(
      url,
      {
        "content-type": "application/json",
        "x-shopify-topic": TOPIC,
        "x-shopify-hmac-sha256": createHmac("sha256", secret).update(body, "utf8").digest("base64"),
        "x-shopify-shop-domain": shop,
        "x-shopify-api-version": "2026-07",
        "x-shopify-webhook-id": randomUUID(),
        "x-shopify-event-id": randomUUID(),
        "x-shopify-triggered-at": new Date(Date.now() + i).toISOString(),
      },
      body,
    );
  };
  // Signed beforehand, so the sender's CPU during the run is connect, write, read a status line.
  const requests = Array.from({ length: WEBHOOKS }, (_, i) => request(i));

  const load = os.loadavg();
  const started = performance.now();
  const answers: { ms: number; status: number }[] = [];
  let next = 0;
  if (RATE > 0) {
    // Open loop: request i leaves at started + i / RATE seconds, whatever the earlier answers.
    const pending: Promise<void>[] = [];
    while (next < WEBHOOKS) {
      const due = Math.min(WEBHOOKS, Math.floor(((performance.now() - started) * RATE) / 1000) + 1);
      for (; next < due; next++) pending.push(sendWire(port, requests[next]!).then((a) => void answers.push(a)));
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    await Promise.all(pending);
  } else {
    await Promise.all(
      Array.from({ length: IN_FLIGHT }, async () => {
        while (next < WEBHOOKS) answers.push(await sendWire(port, requests[next++]!));
      }),
    );
  }
  const sentAt = performance.now();
  const accepted = answers.filter((a) => a.status === 200).length;
  const expected = accepted * 2;
  let delivered = 0;
  for (;;) {
    delivered = await db.feedDelivery.count({ where: { shop, status: "delivered" } });
    if (delivered >= expected) break;
    if (performance.now() - started > DRAIN_TIMEOUT_MS) {
      console.log(`gave up after ${DRAIN_TIMEOUT_MS / 60_000} min: ${delivered}/${expected} delivered`);
      break;
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  const drainedAt = performance.now();
  const webPeaks = webPids.map(peakRssMiB);
  const workerPeak = peakRssMiB(worker.pid);

  const times = answers.map((a) => a.ms).sort((a, b) => a - b);
  const ms = (n: number) => `${n.toFixed(0)} ms`;
  const exactlyOnce = (received: typeof fast.received) => {
    const counts = new Map<string, number>();
    for (const event of received) {
      const id = String(event.headers["webhook-id"]);
      counts.set(id, (counts.get(id) ?? 0) + 1);
    }
    const once = [...counts.values()].filter((n) => n === 1).length;
    return `${once} exactly once, ${counts.size - once} more than once (${received.length} requests)`;
  };
  const mib = (n: number | null) => (n === null ? "n/a" : `${n.toFixed(0)} MiB`);
  const seconds = (drainedAt - started) / 1000;
  console.log(
    `\nevent feed, built app: ${WEB_PROCESSES} web process${WEB_PROCESSES > 1 ? "es" : ""} (BACKGROUND_JOBS=off) + a worker process, ${database}, ${os.cpus().length} cores, load ${load.map((l) => l.toFixed(1)).join(" ")}`,
  );
  console.log(
    `webhooks: ${WEBHOOKS} ${TOPIC} over HTTP (${RATE > 0 ? `${RATE} a second` : `${IN_FLIGHT} in flight`}), endpoints: 2 over HTTPS (one answering after ${SLOW_MS} ms)`,
  );
  console.log(
    `ack: p50 ${ms(percentile(times, 0.5))} · p99 ${ms(percentile(times, 0.99))} · max ${ms(times.at(-1)!)} · over 1 s: ${times.filter((t) => t > 1_000).length} · non-200: ${WEBHOOKS - accepted}`,
  );
  console.log(
    `intake done in ${((sentAt - started) / 1000).toFixed(1)} s; backlog drained (${delivered}/${expected} delivered) in ${seconds.toFixed(1)} s`,
  );
  console.log(`deliveries/s: ${(delivered / seconds).toFixed(0)}`);
  console.log(`fast ERP: ${exactlyOnce(fast.received)}`);
  console.log(`slow ERP: ${exactlyOnce(slow.received)}`);
  console.log(`peak RSS: web ${webPeaks.map(mib).join(" + ")}, worker ${mib(workerPeak)}`);
} finally {
  await db.$disconnect();
  await stopChild(worker);
  await stack.stop();
  await Promise.all([fast.close(), slow.close()]);
  fs.rmSync(tmp, { recursive: true, force: true });
}
process.exit(0);
