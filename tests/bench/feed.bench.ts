// The ERP event feed under load:  npm run bench:feed
// 10,000 signed products/update webhooks (BENCH_FEED_WEBHOOKS) through the app's intake, fanned out to
// two endpoints of a test ERP over HTTPS (test CA), one answering at once and one after 200 ms. Runs in
// one process as the app does (intake, webhook processor and feed deliverer side by side) on a fresh
// SQLite database (DATABASE_URL to use another, migrated one). Prints the webhook ack p50/p99/max,
// deliveries per second, the time to drain the backlog, and the process's peak RSS.
// Asserts nothing; target: ack p99 < 100 ms while the backlog drains.
//   BENCH_FEED_WEBHOOKS=10000  BENCH_FEED_CONCURRENCY=50 (webhooks in flight)  BENCH_FEED_DELAY_MS=200
import { execFileSync } from "node:child_process";
import { createHmac, randomUUID } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { HARMLESS_APP_ENV } from "../support/jobs-processes";

const root = path.resolve(import.meta.dirname, "..", "..");
const WEBHOOKS = Number(process.env.BENCH_FEED_WEBHOOKS ?? 10_000);
const IN_FLIGHT = Number(process.env.BENCH_FEED_CONCURRENCY ?? 50);
const SLOW_MS = Number(process.env.BENCH_FEED_DELAY_MS ?? 200);

for (const [key, value] of Object.entries(HARMLESS_APP_ENV)) process.env[key] ??= value;
const { makeTestCertificates, startErpReceiver } = await import("../../emulators/erp-receiver/index");
const certs = makeTestCertificates();
process.env.EVENT_FEED_CA_FILE = certs.caFile;
if (!process.env.DATABASE_URL) {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "bench-feed-")), "bench.sqlite");
  process.env.DATABASE_URL = `file:${file}`;
  execFileSync("npx", ["tsx", "scripts/prisma.ts", "deploy"], { cwd: root, stdio: "inherit", env: process.env });
}

const { db } = await import("../../app/db.server");
const { registerModules } = await import("../../app/modules.server");
const { createEndpoint } = await import("../../app/event-feed/endpoints.server");
const { startFeedDeliverer } = await import("../../app/event-feed/deliverer.server");
const { startWebhookProcessor } = await import("../../app/webhooks/processor.server");
const { webhookAction } = await import("../../app/webhooks/receive.server");
registerModules();

const fast = await startErpReceiver({ tls: certs });
const slow = await startErpReceiver({ tls: certs, delayMs: SLOW_MS });
const shop = `bench-${randomUUID().slice(0, 8)}.myshopify.com`;
for (const [name, receiver] of [
  ["fast", fast],
  ["slow", slow],
] as const)
  await createEndpoint(db, shop, { name, url: `${receiver.url}/in`, topics: ["products/update"] });

const processor = startWebhookProcessor({ db });
const deliverer = startFeedDeliverer({ db, concurrency: 32, batchSize: 64 });
let peakRss = process.memoryUsage().rss;
const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 100);

const action = webhookAction("products/update");
const secret = process.env.SHOPIFY_API_SECRET!;
async function send(i: number): Promise<number> {
  const body = JSON.stringify({
    id: 7_000_000 + (i % 500),
    title: `Product ${i}`,
    updated_at: new Date().toISOString(),
  });
  const request = new Request("http://127.0.0.1/webhooks/products/update", {
    method: "POST",
    body,
    headers: {
      "content-type": "application/json",
      "x-shopify-topic": "products/update",
      "x-shopify-hmac-sha256": createHmac("sha256", secret).update(body).digest("base64"),
      "x-shopify-shop-domain": shop,
      "x-shopify-api-version": "2026-07",
      "x-shopify-webhook-id": randomUUID(),
      "x-shopify-triggered-at": new Date(Date.now() + i).toISOString(),
    },
  });
  const started = performance.now();
  const response = await action({ request, params: {}, context: {} });
  if (response.status !== 200) throw new Error(`intake answered ${response.status}`);
  return performance.now() - started;
}

const started = performance.now();
const acks: number[] = [];
let next = 0;
await Promise.all(
  Array.from({ length: IN_FLIGHT }, async () => {
    while (next < WEBHOOKS) acks.push(await send(next++));
  }),
);
const sentAt = performance.now();
const expected = WEBHOOKS * 2;
for (;;) {
  const delivered = await db.feedDelivery.count({ where: { shop, status: "delivered" } });
  if (delivered >= expected) break;
  if (performance.now() - started > 30 * 60_000) {
    console.log(`gave up after 30 min: ${delivered}/${expected} delivered`);
    break;
  }
  await new Promise((resolve) => setTimeout(resolve, 500));
}
const drainedAt = performance.now();
clearInterval(sampler);
await Promise.all([processor.stop(), deliverer.stop()]);
await Promise.all([fast.close(), slow.close()]);

acks.sort((a, b) => a - b);
const pct = (p: number) => acks[Math.min(acks.length - 1, Math.floor((p / 100) * acks.length))]!.toFixed(1);
const seconds = (drainedAt - started) / 1000;
console.log(`webhooks: ${WEBHOOKS} (${IN_FLIGHT} in flight), endpoints: 2 (one answering after ${SLOW_MS} ms)`);
console.log(`ack ms: p50 ${pct(50)} · p99 ${pct(99)} · max ${acks[acks.length - 1]!.toFixed(1)}`);
console.log(`intake done in ${((sentAt - started) / 1000).toFixed(1)} s; backlog drained in ${seconds.toFixed(1)} s`);
console.log(
  `deliveries/s: ${(expected / seconds).toFixed(0)}; fast ERP got ${fast.received.length}, slow ${slow.received.length}`,
);
console.log(`peak RSS: ${(peakRss / 1024 / 1024).toFixed(0)} MiB`);
await db.$disconnect();
process.exit(0);
