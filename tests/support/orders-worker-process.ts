// An app worker process running order exports (or the job types in WORKER_JOB_TYPES, comma-separated),
// for the crash tests: `node --import tsx <this file>` with DATABASE_URL and SHOPIFY_API_ORIGIN_OVERRIDE
// (the Shopify emulator). The job types are the app's own;
// only the lease is short, so a killed process's job comes back within a second. Prints "ready" once it
// polls; the test ends it with SIGKILL at the step it wants to crash in.
import { db } from "../../app/db.server";
import { registerModules } from "../../app/modules.server";

registerModules();
import { startWorker } from "../../app/jobs/worker.server";
import { installShopifyOriginOverride } from "../../app/shopify/api-origin.server";

installShopifyOriginOverride(process.env.SHOPIFY_API_ORIGIN_OVERRIDE);
const worker = startWorker({
  db,
  concurrency: 1,
  leaseMs: 1_000,
  heartbeatMs: 300,
  pollMs: 50,
  types: (process.env.WORKER_JOB_TYPES ?? "orders.export").split(","),
});
process.stdout.write(`ready ${worker.workerId}\n`);
process.on("SIGTERM", () => {
  void worker
    .stop()
    .then(() => db.$disconnect())
    .finally(() => process.exit(0));
});
