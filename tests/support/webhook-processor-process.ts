// A process that only processes recorded webhooks, for the crash test: `node --import tsx <this file>`
// with DATABASE_URL and WEBHOOK_LEASE_MS. Prints "ready" once it polls; SIGKILL simulates a crash.
import { db } from "../../app/db.server";
import { startWebhookProcessor } from "../../app/webhooks/processor.server";

const processor = startWebhookProcessor({
  db,
  leaseMs: Number(process.env.WEBHOOK_LEASE_MS ?? 1_500),
  pollMs: 50,
  batchSize: 10,
  concurrency: 2,
});
process.stdout.write(`ready ${processor.owner}\n`);

process.on("SIGTERM", () => {
  processor
    .stop()
    .then(() => db.$disconnect())
    .then(() => process.exit(0))
    .catch((error: unknown) => {
      process.stderr.write(`${String(error)}\n`);
      process.exit(1);
    });
});
