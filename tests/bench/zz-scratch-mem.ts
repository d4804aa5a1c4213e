// scratch (not committed): full sync memory per phase
import { fork } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { HARMLESS_APP_ENV } from "../support/jobs-processes";
const variants = Number(process.argv[2] ?? 100000);
const dbFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "stock-scratch-")), "bench.sqlite");
for (const [key, value] of Object.entries(HARMLESS_APP_ENV)) process.env[key] ??= value;
process.env.DATABASE_URL = `file:${dbFile}`;
const { applyMigrations } = await import("../../app/db/migrations.server");
const { createPrismaClient } = await import("../../app/db.server");
const { createFastmagConnector } = await import("../../app/connectors/fastmag/index.server");
const { fastmagStockSetup } = await import("../../app/connectors/fastmag/capabilities.server");
const { ShopifyAdminClient } = await import("../../app/shopify/admin-client.server");
const { installShopifyOriginOverride } = await import("../../app/shopify/api-origin.server");
const { fullStockSync } = await import("../../app/sync/stock.server");
const { quietReporter } = await import("../../app/sync/sync-context");
const { BENCH_CREDENTIALS } = await import("./stock-emulators");
await applyMigrations(process.env.DATABASE_URL);
const db = createPrismaClient(process.env.DATABASE_URL);
const quiet = { debug() {}, info() {}, warn() {}, error() {}, child: () => quiet };
const mb = (b: number) => (b / 1048576).toFixed(0);
let peak = 0;
let phase = "init";
const peaks: Record<string, number> = {};
setInterval(() => {
  const r = process.memoryUsage().rss;
  peak = Math.max(peak, r);
  peaks[phase] = Math.max(peaks[phase] ?? 0, r);
}, 10).unref();
const child = fork(path.join(import.meta.dirname, "stock-emulators.ts"), [], {
  execArgv: ["--import", "tsx", "--max-old-space-size=4096"],
  env: { ...process.env, NODE_OPTIONS: "" },
  stdio: ["ignore", "inherit", "inherit", "ipc"],
});
let next = 0;
const waiting = new Map<number, (v: unknown) => void>();
const call = <T>(m: Record<string, unknown>) =>
  new Promise<T>((res) => {
    const id = ++next;
    waiting.set(id, res as (v: unknown) => void);
    child.send({ ...m, id });
  });
await new Promise<void>((ready) =>
  child.on("message", (msg: { ready?: boolean; id?: number; result?: unknown; error?: string }) => {
    if (msg.ready) return ready();
    if (msg.error) console.error(msg.error);
    waiting.get(msg.id!)?.(msg.result);
  }),
);
const domain = "s.myshopify.com";
const setup = await call<{
  shopifyUrl: string;
  fastmagUrl: string;
  token: string;
  locationId: string;
  variants: number;
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
if (process.env.ERP_ONLY) {
  global.gc?.();
  console.log("before erp", mb(process.memoryUsage().rss), mb(process.memoryUsage().heapUsed));
  const r = await stockSetup.source.fullStock();
  console.log(
    "after erp",
    r.items.length,
    mb(process.memoryUsage().rss),
    mb(process.memoryUsage().heapUsed),
    "peak",
    mb(peak),
  );
  global.gc?.();
  console.log("after gc", mb(process.memoryUsage().rss), mb(process.memoryUsage().heapUsed));
  child.kill();
  process.exit(0);
}
const client = new ShopifyAdminClient({ shop: domain, accessToken: setup.token, timeoutMs: 120_000 });
await call({ cmd: "shopifyDiffersEverywhere" });
for (const run of (process.env.RUNS ?? "all").split(",")) {
  if (run === "one")
    await call({
      cmd: "changeErp",
      count: Math.floor(setup.variants / 100),
      stamp: "2026-01-01 00:00:00",
      movements: false,
      delta: 3,
    });
  await call({ cmd: "fillBucket" });
  global.gc?.();
  peak = process.memoryUsage().rss;
  for (const k of Object.keys(peaks)) { delete peaks[k]; delete hpeaks[k]; delete epeaks[k]; }
  console.log(`[${run}] start rss`, mb(peak));
  const rep = quietReporter();
  const t0 = performance.now();
  rep.progress = (_d: number, _t: number | null, msg?: string) => {
    if (msg && msg !== phase) {
      const m = process.memoryUsage();
      console.log(
        `  ${((performance.now() - t0) / 1000).toFixed(1)}s ${phase} -> ${msg}: rss ${mb(m.rss)} heap ${mb(m.heapUsed)} ext ${mb(m.external)} ab ${mb(m.arrayBuffers)}`,
      );
      phase = msg;
    }
  };
  const r = await fullStockSync({ db, shop: domain, client, setup: stockSetup, runId: run, report: rep });
  console.log(
    `[${run}]`,
    ((performance.now() - t0) / 1000).toFixed(2),
    "s",
    r.changed,
    "changed",
    r.writeCalls,
    "writes",
    r.snapshotRowsWritten,
    "rows; peak",
    mb(peak),
    JSON.stringify(Object.fromEntries(Object.entries(peaks).map(([k, v]) => [k, mb(v)]))),
  );
  phase = "idle";
}
console.log("compare", JSON.stringify(await call({ cmd: "compare" })));
child.kill();
await db.$disconnect();
process.exit(0);
