// Starts this process's share of background work — the scheduler (which only enqueues) and a worker —
// once, and stops both cleanly on SIGTERM/SIGINT so running jobs finish or are released.
import { db } from "../db.server";
import { env } from "../env.server";
import { logger } from "../lib/logger.server";
import { startScheduler, type Scheduler } from "./scheduler.server";
import { startWorker, type Worker } from "./worker.server";
import "./job-types.server";

declare global {
  var __passerelleBackground: Promise<{ worker: Worker; scheduler: Scheduler }> | undefined;
}

/** `force` runs it even with BACKGROUND_JOBS=off (the dedicated worker process). */
export function startBackgroundWork(options: { force?: boolean } = {}): void {
  if ((env().BACKGROUND_JOBS === "off" && !options.force) || globalThis.__passerelleBackground) return;
  const log = logger.child({ component: "jobs.runtime" });
  globalThis.__passerelleBackground = (async () => {
    const scheduler = await startScheduler({ db });
    const worker = startWorker({ db, concurrency: env().WORKER_CONCURRENCY });
    log.info("background work started", { workerId: worker.workerId });
    return { worker, scheduler };
  })();
  globalThis.__passerelleBackground.catch((error) =>
    log.error("background work could not start", { error: String(error) }),
  );

  const shutdown = async (signal: string) => {
    log.info("stopping background work", { signal });
    const running = await globalThis.__passerelleBackground?.catch(() => undefined);
    await Promise.allSettled([running?.scheduler.stop(), running?.worker.stop()]);
    process.exit(0);
  };
  process.once("SIGTERM", () => void shutdown("SIGTERM"));
  process.once("SIGINT", () => void shutdown("SIGINT"));
}
