// Stock and price sync benchmark against the emulators (Standard plan: 2,000-point bucket, 100 points/s).
//   npx tsx tests/bench/stock.bench.ts [sizes=10000,100000] [--one-process]        (npm run bench:stock)
// For each catalog size: a full stock sync with everything changed, with 1% changed, with nothing
// changed; a differential run of 1,000 movements; fetch_stock over the whole snapshot; prices (per
// product vs one bulk mutation). Prints wall time, Shopify calls and points, the theoretical floor
// (points the writes need beyond the initial bucket, at the restore rate), the ratio, and the peak RSS
// of the app process during the run. Asserts nothing about speed.
// Three processes: this one drives; the emulators run in one (stock-emulators.ts); the syncs run in an
// app worker process (stock-worker.ts, bundled and run with plain node), a fresh one for each run by default — the peak RSS of one sync,
// as a worker that picks the job up sees it — or, with --one-process, one worker for all the runs in a
// row, as a long-lived worker process lives them. NODE_OPTIONS reaches the worker only.
import { fork, type ChildProcess } from "node:child_process";
import { build } from "esbuild";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { HARMLESS_APP_ENV } from "../support/jobs-processes";
import type { BenchRun, RunFigures, WorkerSetup } from "./stock-worker";

const args = process.argv.slice(2);
const onePerRun = !args.includes("--one-process");
const sizes = (args.find((a) => !a.startsWith("--")) ?? "10000,100000").split(",").map(Number);
const dbFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "stock-bench-")), "bench.sqlite");
for (const [key, value] of Object.entries(HARMLESS_APP_ENV)) process.env[key] ??= value;
process.env.DATABASE_URL = `file:${dbFile}`;

const { applyMigrations } = await import("../../app/db/migrations.server");
const { createPrismaClient } = await import("../../app/db.server");
const { fastmagDateTime } = await import("../../app/connectors/fastmag/queries.server");

await applyMigrations(process.env.DATABASE_URL);
const db = createPrismaClient(process.env.DATABASE_URL);
const BUCKET = 2_000;
const RESTORE = 100;

interface Child {
  child: ChildProcess;
  call: <T>(message: Record<string, unknown>) => Promise<T>;
}

/** A child process answering IPC messages ({id, …} → {id, result | error}). */
function startChild(file: string, execArgv: string[], nodeOptions: string): Promise<Child> {
  const child = fork(file, [], {
    execArgv,
    env: { ...process.env, NODE_OPTIONS: nodeOptions },
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
const workerOptions = process.env.NODE_OPTIONS ?? "";
const startEmulators = () =>
  startChild(
    path.join(import.meta.dirname, "stock-emulators.ts"),
    ["--import", "tsx", "--max-old-space-size=4096"],
    "",
  );

// The app worker runs bundled, with plain node, as `npm run worker` does (tsx would add its own ~35 MB).
const workerFile = path.resolve("node_modules/.cache/passerelle-bench/stock-worker.mjs");
await build({
  entryPoints: [path.join(import.meta.dirname, "stock-worker.ts")],
  bundle: true,
  platform: "node",
  format: "esm",
  packages: "external",
  target: "node20",
  outfile: workerFile,
  logLevel: "warning",
});

console.log(
  `app worker: ${onePerRun ? "a fresh process for each run" : "one process for all the runs"}${workerOptions ? `, NODE_OPTIONS=${workerOptions}` : ", default Node options"}`,
);
let highestPeak = 0;
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
  console.log(
    `\n== ${setup.variants} variants in ${setup.products} products (Standard: bucket ${BUCKET}, ${RESTORE} points/s) ==`,
  );
  const workerSetup: WorkerSetup = { databaseUrl: process.env.DATABASE_URL!, domain, ...setup };
  let worker: Child | undefined;
  /** Runs one sync in the app worker: a fresh one unless --one-process, or when `fresh` says otherwise. */
  async function inWorker(run: BenchRun, fresh = onePerRun): Promise<RunFigures> {
    if (!worker || fresh) {
      worker?.child.kill();
      worker = await startChild(workerFile, [], workerOptions);
      await worker.call({ setup: workerSetup });
    }
    return worker.call<RunFigures>({ run });
  }

  async function measure<T extends Record<string, unknown>>(
    label: string,
    minimumWritePoints: number,
    run: BenchRun,
    describe: (result: T) => string,
  ): Promise<T> {
    await call({ cmd: "fillBucket" });
    await call({ cmd: "clearCalls" });
    const { seconds, peakRss, startRss, result } = await inWorker(run);
    highestPeak = Math.max(highestPeak, peakRss);
    const figures = await call<CallFigures>({ cmd: "calls" });
    const floor = floorSeconds(minimumWritePoints);
    const ratio = floor > 0 ? `${(seconds / floor).toFixed(2)}× floor` : "floor 0 s (fits the initial bucket)";
    const calls = `${figures.calls} calls, ${figures.points} points${figures.throttled ? `, ${figures.throttled} throttled` : ""}`;
    console.log(
      `${label.padEnd(34)} ${seconds.toFixed(2).padStart(7)} s | floor ${floor.toFixed(1)} s | ${ratio} | ${calls} | peak RSS ${mb(peakRss)} MB (from ${mb(startRss)}) | ${describe(result as T)}`,
    );
    console.log(
      `${"".padEnd(34)} calls: ${Object.entries(figures.byOperation)
        .map(([k, v]) => `${k} ${v}`)
        .join(", ")}`,
    );
    return result as T;
  }

  type Full = { changed: number; writeCalls: number; readMode: string; snapshotRowsWritten: number };
  const describeFull = (r: Full) =>
    `${r.changed} changed, ${r.writeCalls} writes, read ${r.readMode}, ${r.snapshotRowsWritten} snapshot rows`;
  // Floor for the writes alone: ⌈changes / 250⌉ calls × 10 points, plus the bulk query's 10.
  const writePoints = (changes: number) => Math.ceil(changes / 250) * 10 + 10;

  await call({ cmd: "shopifyDiffersEverywhere" });
  await measure("full, everything changed", writePoints(variants), { kind: "full", runId: "all" }, describeFull);
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
    { kind: "full", runId: "one-percent" },
    describeFull,
  );
  console.log(
    `${"".padEnd(34)} ${r1.changed} quantities = ${((r1.changed / setup.variants) * 100).toFixed(2)}% of the variants, in ${r1.writeCalls} calls = ${((r1.writeCalls / Math.ceil(setup.variants / 250)) * 100).toFixed(2)}% of the everything-changed calls`,
  );
  await measure("full, nothing changed", 10, { kind: "full", runId: "nothing" }, describeFull);

  // Differential: a first run sets the watermark (a full run), then 1,000 movements after it.
  await inWorker({ kind: "differential", runId: "diff-0" });
  await call({
    cmd: "changeErp",
    count: 1000,
    stamp: fastmagDateTime(new Date(Date.now() + 1000)),
    movements: true,
    delta: 2,
  });
  await measure<{ mode: string; movements?: number; changed: number; writeCalls: number; reason?: string }>(
    "differential, 1,000 movements",
    writePoints(1000) - 10,
    { kind: "differential", runId: "diff-1" },
    (r) =>
      r.mode === "differential"
        ? `${r.movements} movements, ${r.changed} changed, ${r.writeCalls} writes`
        : `full (${r.reason})`,
  );

  // fetch_stock over the whole snapshot (what Shopify asks without a sku), three times in one worker: the
  // web process answering it is warm after the first call.
  const skus = await db.stockSnapshot.count({ where: { shop: domain } });
  for (let i = 0; i < 3; i++) {
    const { seconds, peakRss, startRss, result } = await inWorker({ kind: "fetch-stock" }, onePerRun && i === 0);
    console.log(
      `${`fetch_stock, all SKUs (run ${i + 1})`.padEnd(34)} ${(seconds * 1000).toFixed(0).padStart(5)} ms | ${skus} SKUs, ${mb(Number(result.jsonBytes))} MB of JSON | peak RSS ${mb(peakRss)} MB (from ${mb(startRss)})`,
    );
  }

  // Prices: every variant changes (the shop starts at 10.00): one call per product vs one bulk mutation.
  type Prices = { changed: number; products: number; calls: number; writeMode: string };
  const describePrices = (r: Prices) =>
    `${r.changed} variants in ${r.products} products, ${r.calls} write calls, ${r.writeMode}`;
  if (variants <= 10_000) {
    await measure(
      "prices, all changed, per product",
      Math.ceil(setup.products * 10 + variants * 0.2),
      { kind: "prices", bulkMutationFrom: Number.MAX_SAFE_INTEGER }, // IPC would turn Infinity into null
      describePrices,
    );
    await call({ cmd: "resetPrices" });
  }
  await measure("prices, all changed, bulk mutation", 40, { kind: "prices", bulkMutationFrom: 1 }, describePrices);
  await measure("prices, nothing changed", 10, { kind: "prices" }, describePrices);

  worker?.child.kill();
  child.kill();
  await db.stockSnapshot.deleteMany({ where: { shop: domain } });
}
console.log(`\nhighest peak RSS of the app worker: ${mb(highestPeak)} MB`);
await db.$disconnect();
process.exit(0);
