// Catalog benchmark (npm run bench:catalog): one season of 5,000 products / 30,000 variants imported
// into an empty Shopify shop (Standard plan) in one bulk operation, then imported again with nothing
// changed (0 writes). Prints wall time, Shopify calls and points, and the peak RSS of the app process
// running the import (bundled, plain node, as `npm run worker`); the emulators run in this process.
//   npx tsx tests/bench/catalog.bench.ts [products=5000] [variantsPerProduct=6]
import { fork } from "node:child_process";
import { build } from "esbuild";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { HARMLESS_APP_ENV } from "../support/jobs-processes";
import type { CatalogWorkerSetup } from "./catalog-worker";
import { BENCH_CREDENTIALS, BENCH_SECRET } from "./stock-bench-config";

const [productsArg, perProductArg] = process.argv.slice(2);
const PRODUCTS = Number(productsArg ?? 5000);
const PER_PRODUCT = Math.min(18, Number(perProductArg ?? 6)); // 3 colours × 6 sizes at most
const SEASON = "B26";
const RSS_LIMIT = 300 * 1024 * 1024;

for (const [key, value] of Object.entries(HARMLESS_APP_ENV)) process.env[key] ??= value;
const dbFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "catalog-bench-")), "bench.sqlite");
process.env.DATABASE_URL = `file:${dbFile}`;
const { applyMigrations } = await import("../../app/db/migrations.server");
const { createPrismaClient } = await import("../../app/db.server");
const { startFastmagEmulator } = await import("../../emulators/fastmag/index");
const { startShopifyEmulator } = await import("../../emulators/shopify/index");
await applyMigrations(process.env.DATABASE_URL);
const db = createPrismaClient(process.env.DATABASE_URL);

const domain = "bench-catalog.myshopify.com";
await db.shop.create({ data: { domain } });
const fastmag = await startFastmagEmulator({ credentials: BENCH_CREDENTIALS, seed: { variants: 1 } });
const shopify = await startShopifyEmulator({
  app: { apiKey: "test-api-key", apiSecret: BENCH_SECRET, appUrl: "http://127.0.0.1:3999" },
  shops: [{ domain, plan: "Standard" }],
});
// The season: PRODUCTS references × PER_PRODUCT variants (colours × sizes), with barcodes and weights.
const colors = ["NOIR", "MARINE", "ÉCRU"];
const sizes = ["XS", "S", "M", "L", "XL", "XXL"];
const insert = fastmag.db.prepare(
  `INSERT INTO products (reference, designation, color, size, gencod, season, family, brand, price, active, last_modified, weight, description)
   VALUES (?, ?, ?, ?, ?, ?, 'MAILLES', 'BEWARE', ?, 1, '2026-03-01 10:00:00', 0.4, ?)`,
);
let n = 0;
fastmag.db.transaction(() => {
  for (let p = 0; p < PRODUCTS; p++) {
    const reference = `BEN${String(p).padStart(6, "0")}`;
    for (let v = 0; v < PER_PRODUCT; v++) {
      const color = colors[v % colors.length];
      const size = sizes[Math.floor(v / colors.length) % sizes.length];
      insert.run(
        reference,
        `Pull ${p}`,
        color,
        size,
        `30${String(++n).padStart(11, "0")}`,
        SEASON,
        49.9,
        `Pull n°${p}.`,
      );
    }
  }
})();

const workerFile = path.resolve("node_modules/.cache/passerelle-bench/catalog-worker.mjs");
await build({
  entryPoints: [path.join(import.meta.dirname, "catalog-worker.ts")],
  bundle: true,
  platform: "node",
  format: "esm",
  packages: "external",
  target: "node20",
  outfile: workerFile,
  logLevel: "warning",
});
// The worker process's own node flags, as `npm run worker` starts it (--optimize-for-size: V8 keeps
// its heap small instead of growing it, which halves the import's peak RSS at the same speed).
const workerFlags = (JSON.parse(fs.readFileSync("package.json", "utf8")) as { scripts: Record<string, string> }).scripts
  .worker!.split(" ")
  .filter((word) => word.startsWith("--"));
const child = fork(workerFile, [], {
  execArgv: workerFlags,
  env: process.env,
  stdio: ["ignore", "inherit", "inherit", "ipc"],
});
let next = 0;
const waiting = new Map<number, (m: { result?: unknown; error?: string }) => void>();
await new Promise<void>((ready) =>
  child.on("message", (m: { ready?: boolean; id?: number; result?: unknown; error?: string }) => {
    if (m.ready) return ready();
    waiting.get(m.id!)?.(m);
  }),
);
const call = <T>(message: Record<string, unknown>) =>
  new Promise<T>((resolve, reject) => {
    const id = ++next;
    waiting.set(id, (m) => (m.error ? reject(new Error(m.error)) : resolve(m.result as T)));
    child.send({ ...message, id });
  });

const setup: CatalogWorkerSetup = {
  databaseUrl: process.env.DATABASE_URL!,
  shopifyUrl: shopify.url,
  fastmagUrl: fastmag.url,
  token: shopify.issueAccessToken(domain),
  domain,
  season: SEASON,
};
await call({ setup });
const mb = (bytes: number) => (bytes / 1024 / 1024).toFixed(0);
let failed = false;
console.log(`== season ${SEASON}: ${PRODUCTS} products, ${PRODUCTS * PER_PRODUCT} variants (Standard plan) ==`);
for (const label of ["first import", "re-run, nothing changed"]) {
  const before = shopify.callLog({ shop: domain }).length;
  const figures = await call<{ seconds: number; peakRss: number; startRss: number; result: Record<string, unknown> }>(
    {},
  );
  const calls = shopify.callLog({ shop: domain }).slice(before);
  const points = calls.reduce((sum, c) => sum + (c.actualQueryCost ?? 0), 0);
  const ops: Record<string, number> = {};
  for (const c of calls) ops[c.operationName ?? "?"] = (ops[c.operationName ?? "?"] ?? 0) + 1;
  const r = figures.result;
  console.log(
    `${label}: ${figures.seconds.toFixed(1)} s, ${calls.length} calls (${Object.entries(ops)
      .map(([k, v]) => `${k} ${v}`)
      .join(
        ", ",
      )}), ${points} points, mode ${String(r.mode)}, created ${String(r.created)}, updated ${String(r.updated)}, unchanged ${String(r.unchanged)}, failed ${String(r.failed)}, writes ${String(r.writes)}, peak RSS ${mb(figures.peakRss)} MB (start ${mb(figures.startRss)} MB)`,
  );
  if (figures.peakRss > RSS_LIMIT) failed = true;
  if (label.startsWith("re-run") && r.writes !== 0) failed = true;
}
console.log(failed ? "FAILED: over 300 MB or writes on the re-run" : "ok: under 300 MB, 0 writes on the re-run");
child.kill();
await Promise.all([shopify.close(), fastmag.close()]);
await db.$disconnect();
process.exit(failed ? 1 : 0);
