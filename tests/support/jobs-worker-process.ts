// A worker process for the multi-process test and the benchmark: `node --import tsx <this file>` with
// DATABASE_URL and the JOBS_* settings below. Prints "ready <workerId>" once it polls; SIGTERM stops it
// gracefully (exit 0), SIGKILL is what the test uses to simulate a crash.
import { db } from "../../app/db.server";
import { startWorker } from "../../app/jobs/worker.server";
import { registerNoopType, registerRecordingTypes } from "./jobs-test-types";

const workerId = process.env.JOBS_WORKER_ID ?? `worker-${process.pid}`;
const number = (name: string, fallback: number) => Number(process.env[name] ?? fallback);
registerRecordingTypes(workerId);
registerNoopType();

const worker = startWorker({
  db,
  workerId,
  concurrency: number("JOBS_CONCURRENCY", 4),
  leaseMs: number("JOBS_LEASE_MS", 2_000),
  heartbeatMs: number("JOBS_HEARTBEAT_MS", 300),
  pollMs: number("JOBS_POLL_MS", 50),
  shutdownGraceMs: number("JOBS_GRACE_MS", 2_000),
  types: process.env.JOBS_TYPES?.split(","),
  databaseUrl: process.env.DATABASE_URL,
});
process.stdout.write(`ready ${workerId}\n`);

process.on("SIGTERM", () => {
  worker
    .stop()
    .then(() => db.$disconnect())
    .then(() => process.exit(0))
    .catch((error: unknown) => {
      process.stderr.write(`${String(error)}\n`);
      process.exit(1);
    });
});
