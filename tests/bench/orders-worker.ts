// The app's worker as `npm run worker` runs it, for tests/bench/orders.bench.ts: every job type of the
// app, order exports only, PostgreSQL wake-ups on DATABASE_URL, Shopify calls sent to the emulator.
// Prints "ready" once started; SIGTERM stops it gracefully.
import { db } from "../../app/db.server";
import { startWorker } from "../../app/jobs/worker.server";
import { installShopifyOriginOverride } from "../../app/shopify/api-origin.server";
import { EXPORT_JOB } from "../../app/sync/orders/orders.server";
import { registerModules } from "../../app/modules.server";

registerModules();

installShopifyOriginOverride(process.env.SHOPIFY_API_ORIGIN_OVERRIDE);
const worker = startWorker({
  db,
  types: [EXPORT_JOB],
  concurrency: Number(process.env.BENCH_CONCURRENCY ?? 16),
  databaseUrl: process.env.DATABASE_URL,
});
process.stdout.write(`ready ${worker.workerId}\n`);
const cpuAtStart = process.cpuUsage();
process.on("SIGTERM", () => {
  void worker
    .stop()
    .then(() => {
      const cpu = process.cpuUsage(cpuAtStart);
      process.stdout.write(`cpu-ms ${(cpu.user + cpu.system) / 1000}\n`);
      return db.$disconnect();
    })
    .then(() => process.exit(0));
});
