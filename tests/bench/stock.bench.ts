// Stock and price sync benchmark against the emulators (Standard plan: 2,000-point bucket, 100 points/s).
//   npx tsx tests/bench/stock.bench.ts [sizes=10000,100000]        (npm run bench:stock)
// For each catalog size: a full stock sync with everything changed, with 1% changed, with nothing
// changed; a differential run of 1,000 movements; fetch_stock over the whole snapshot; prices (per
// product vs one bulk mutation). Prints wall time, Shopify calls and points, the theoretical floor
// (points the writes need beyond the initial bucket, at the restore rate), the ratio, and peak RSS of
// this process (the emulators run in a child process). Asserts nothing about speed.
// A worker process can keep its heap compact with NODE_OPTIONS=--max-old-space-size=<MB> (figures in the
// issue's note compare both); the emulators' child process ignores NODE_OPTIONS.
import { fork, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { HARMLESS_APP_ENV } from "../support/jobs-processes";

const sizes = (process.argv[2] ?? "10000,100000").split(",").map(Number);
const dbFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "stock-bench-")), "bench.sqlite");
for (const [key, value] of Object.entries(HARMLESS_APP_ENV)) process.env[key] ??= value;
process.env.DATABASE_URL = `file:${dbFile}`;

const { applyMigrations } = await import("../../app/db/migrations.server");
const { createPrismaClient } = await import("../../app/db.server");
const { createFastmagConnector } = await import("../../app/connectors/fastmag/index.server");
const { fastmagPriceSetup, fastmagStockSetup } = await import("../../app/connectors/fastmag/capabilities.server");
const { ShopifyAdminClient } = await import("../../app/shopify/admin-client.server");
const { installShopifyOriginOverride } = await import("../../app/shopify/api-origin.server");
const { fullStockSync } = await import("../../app/sync/stock.server");
const { differentialStockSync } = await import("../../app/sync/differential-stock.server");
const { priceSync } = await import("../../app/sync/prices.server");
const { quietReporter } = await import("../../app/sync/sync-context");
const { answerFetchStock, callbackSignature } = await import("../../app/fulfillment/fetch-stock.server");
const { fastmagDateTime } = await import("../../app/connectors/fastmag/queries.server");
const { BENCH_CREDENTIALS, BENCH_SECRET } = await import("./stock-emulators");

await applyMigrations(process.env.DATABASE_URL);
const db = createPrismaClient(process.env.DATABASE_URL);
const quiet = { debug() {}, info() {}, warn() {}, error() {}, child: () => quiet };
const BUCKET = 2_000;
const RESTORE = 100;

// Peak RSS of this process while a case runs (sampled), plus the kernel's high-water mark at the end.
let peakRss = 0;
setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 20).unref();
const vmHwmMb = () => Number(/VmHWM:\s+(\d+)/.exec(fs.readFileSync("/proc/self/status", "utf8"))?.[1] ?? 0) / 1024;

function startEmulators(): Promise<{ child: ChildProcess; call: <T>(message: Record<string, unknown>) => Promise<T> }> {
  const child = fork(path.join(import.meta.dirname, "stock-emulators.ts"), [], {
    execArgv: ["--import", "tsx", "--max-old-space-size=4096"],
    env: { ...process.env, NODE_OPTIONS: "" },
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
  let next = 0;
  const waiting = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  return new Promise((ready) => {
    child.on("message", (message: { ready?: boolean; id?: number; result?: unknown; error?: string }) => {
      if (message.ready)
        return ready({
          child,
          call: (m) =>
            new Promise((resolve, reject) => {
              const id = ++next;
              waiting.set(id, { resolve: resolve as (v: unknown) => void, reject });
              child.send({ ...m, id });
            }),
        });
      const w = waiting.get(message.id!);
      waiting.delete(message.id!);
      if (message.error) w?.reject(new Error(message.error));
      else w?.resolve(message.result);
    });
  });
}

interface CallFigures {
  calls: number;
  points: number;
  throttled: number;
  byOperation: Record<string, number>;
}
const floorSeconds = (points: number) => Math.max(0, points - BUCKET) / RESTORE;
const mb = (bytes: number) => (bytes / 1024 / 1024).toFixed(0);

console.log(
  `baseline RSS ${mb(process.memoryUsage().rss)} MB${process.env.NODE_OPTIONS ? ` (NODE_OPTIONS=${process.env.NODE_OPTIONS})` : ""}`,
);
for (const variants of sizes) {
  const { child, call } = await startEmulators();
  const domain = `bench-${variants}.myshopify.com`;
  const setup = await call<{
    shopifyUrl: string;
    fastmagUrl: string;
    token: string;
    locationId: string;
    variants: number;
    products: number;
  }>({ cmd: "setup", variants, domain });
  installShopifyOriginOverride(setup.shopifyUrl);
  const fastmag = createFastmagConnector(
    { baseUrl: setup.fastmagUrl, ...BENCH_CREDENTIALS, timeoutMs: 300_000 },
    {},
    { logger: quiet },
  );
  const settings = {
    stock: { includeA: false, includeB: true, safetyMargin: 0 },
    locationId: setup.locationId,
    timeZone: "Europe/Paris",
  } as Parameters<typeof fastmagStockSetup>[1];
  const stockSetup = fastmagStockSetup(fastmag, settings);
  const client = new ShopifyAdminClient({ shop: domain, accessToken: setup.token, timeoutMs: 120_000 });
  console.log(
    `\n== ${setup.variants} variants in ${setup.products} products (Standard: bucket ${BUCKET}, ${RESTORE} points/s) ==`,
  );

  async function measure<T>(
    label: string,
    minimumWritePoints: number,
    run: () => Promise<T>,
    describe: (result: T) => string,
  ) {
    await call({ cmd: "fillBucket" });
    await call({ cmd: "clearCalls" });
    global.gc?.();
    const startRss = (peakRss = process.memoryUsage().rss);
    const started = performance.now();
    const result = await run();
    const seconds = (performance.now() - started) / 1000;
    const figures = await call<CallFigures>({ cmd: "calls" });
    const floor = floorSeconds(minimumWritePoints);
    const ratio = floor > 0 ? `${(seconds / floor).toFixed(2)}× floor` : "floor 0 s (fits the initial bucket)";
    console.log(
      `${label.padEnd(34)} ${seconds.toFixed(2).padStart(7)} s | floor ${floor.toFixed(1)} s | ${ratio} | ${figures.calls} calls, ${figures.points} points${figures.throttled ? `, ${figures.throttled} throttled` : ""} | peak RSS ${mb(peakRss)} MB (from ${mb(startRss)}) | ${describe(result)}`,
    );
    console.log(
      `${"".padEnd(34)} calls: ${Object.entries(figures.byOperation)
        .map(([k, v]) => `${k} ${v}`)
        .join(", ")}`,
    );
    return result;
  }

  const fullRun = (runId: string) =>
    fullStockSync({ db, shop: domain, client, setup: stockSetup, runId, report: quietReporter() });
  const describeFull = (r: Awaited<ReturnType<typeof fullStockSync>>) =>
    `${r.changed} changed, ${r.writeCalls} writes, read ${r.readMode}, ${r.snapshotRowsWritten} snapshot rows`;
  // Floor for the writes alone: ⌈changes / 250⌉ calls × 10 points, plus the bulk query's 10.
  const writePoints = (changes: number) => Math.ceil(changes / 250) * 10 + 10;

  await call({ cmd: "shopifyDiffersEverywhere" });
  await measure("full, everything changed", writePoints(variants), () => fullRun("all"), describeFull);
  console.log(
    `${"".padEnd(34)} Shopify equals the ERP: ${(await call<{ differing: number }>({ cmd: "compare" })).differing === 0}`,
  );
  const onePercent = await call<{ changed: number }>({
    cmd: "changeErp",
    count: Math.floor(setup.variants / 100),
    stamp: fastmagDateTime(new Date()),
    movements: false,
    delta: 3,
  });
  const r1 = await measure(
    "full, 1% changed",
    writePoints(onePercent.changed),
    () => fullRun("one-percent"),
    describeFull,
  );
  console.log(
    `${"".padEnd(34)} ${r1.changed} quantities = ${((r1.changed / setup.variants) * 100).toFixed(2)}% of the variants, in ${r1.writeCalls} calls = ${((r1.writeCalls / Math.ceil(setup.variants / 250)) * 100).toFixed(2)}% of the everything-changed calls`,
  );
  await measure("full, nothing changed", 10, () => fullRun("nothing"), describeFull);

  // Differential: a first run sets the watermark (a full run), then 1,000 movements after it.
  await differentialStockSync({
    db,
    shop: domain,
    client,
    setup: stockSetup,
    runId: "diff-0",
    report: quietReporter(),
  });
  await call({
    cmd: "changeErp",
    count: 1000,
    stamp: fastmagDateTime(new Date(Date.now() + 1000)),
    movements: true,
    delta: 2,
  });
  await measure(
    "differential, 1,000 movements",
    writePoints(1000) - 10,
    () =>
      differentialStockSync({ db, shop: domain, client, setup: stockSetup, runId: "diff-1", report: quietReporter() }),
    (r) =>
      r.mode === "differential"
        ? `${r.movements} movements, ${r.changed} changed, ${r.writeCalls} writes`
        : `full (${r.reason})`,
  );

  // fetch_stock over the whole snapshot (what Shopify asks without a sku), answered in-process.
  const params = new URLSearchParams({ shop: domain, timestamp: String(Math.floor(Date.now() / 1000)) });
  params.set("hmac", callbackSignature(params, BENCH_SECRET));
  for (let i = 0; i < 3; i++) {
    const started = performance.now();
    const answer = await answerFetchStock(
      db,
      new URL(`http://app/fulfillment/fetch_stock.json?${params}`),
      new Headers(),
      BENCH_SECRET,
    );
    const elapsed = performance.now() - started;
    console.log(
      `fetch_stock, all SKUs (run ${i + 1})          ${elapsed.toFixed(0).padStart(5)} ms | ${await db.stockSnapshot.count({ where: { shop: domain } })} SKUs, ${mb(answer.json.length)} MB of JSON`,
    );
  }

  // Prices: every variant changes (the shop starts at 10.00): one call per product vs one bulk mutation.
  const priceSetup = fastmagPriceSetup(fastmag, settings);
  const priceRun = (options: Parameters<typeof priceSync>[0]["options"]) =>
    priceSync({ shop: domain, client, setup: priceSetup, report: quietReporter(), options });
  const describePrices = (r: Awaited<ReturnType<typeof priceSync>>) =>
    `${r.changed} variants in ${r.products} products, ${r.calls} write calls, ${r.writeMode}`;
  if (variants <= 10_000) {
    await measure(
      "prices, all changed, per product",
      Math.ceil(setup.products * 10 + variants * 0.2),
      () => priceRun({ bulkMutationFrom: Infinity }),
      describePrices,
    );
    await call({ cmd: "resetPrices" });
  }
  await measure("prices, all changed, bulk mutation", 40, () => priceRun({ bulkMutationFrom: 1 }), describePrices);
  await measure("prices, nothing changed", 10, () => priceRun({}), describePrices);

  console.log(`peak RSS of this process so far (VmHWM): ${vmHwmMb().toFixed(0)} MB`);
  child.kill();
  await db.stockSnapshot.deleteMany({ where: { shop: domain } });
}
await db.$disconnect();
process.exit(0);
