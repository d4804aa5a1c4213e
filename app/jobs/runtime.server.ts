// Starts this process's share of background work — the scheduler (which only enqueues), a worker and
// any other registered loop — once, and stops them all cleanly on SIGTERM/SIGINT so running jobs
// finish or are released (app/lib/shutdown.server.ts).
import { type Db, db } from "../db.server";
import { env } from "../env.server";
import { logger } from "../lib/logger.server";
import { onShutdown } from "../lib/shutdown.server";
import { startFeedDeliverer } from "../event-feed/deliverer.server";
import { startWebhookProcessor } from "../webhooks/processor.server";
import { startScheduler } from "./scheduler.server";
import { startWorker } from "./worker.server";

/** Something that runs in the background of every app process until stopped. */
export interface BackgroundLoop {
  /** For logs: "scheduler", "worker", … */
  name: string;
  start(deps: { db: Db }): Promise<{ stop(): Promise<void> }> | { stop(): Promise<void> };
}

/** The loops startBackgroundWork starts, in this order; register yours before it runs (at module load). */
export const backgroundLoops: BackgroundLoop[] = [
  { name: "scheduler", start: ({ db }) => startScheduler({ db }) },
  {
    name: "worker",
    start: ({ db }) => startWorker({ db, concurrency: env().WORKER_CONCURRENCY, databaseUrl: env().DATABASE_URL }),
  },
  // Recorded webhooks are processed next to the jobs (app/webhooks/processor.server.ts).
  { name: "webhooks", start: ({ db }) => startWebhookProcessor({ db }) },
  // The ERP event feed's outbox (app/event-feed/deliverer.server.ts).
  { name: "event-feed", start: ({ db }) => startFeedDeliverer({ db }) },
];

export function registerBackgroundLoop(loop: BackgroundLoop): void {
  const existing = backgroundLoops.findIndex((l) => l.name === loop.name);
  // Vite's dev server re-evaluates modules: the same name replaces the earlier one.
  if (existing >= 0) backgroundLoops[existing] = loop;
  else backgroundLoops.push(loop);
}

declare global {
  var __passerelleBackground: Promise<{ name: string; stop(): Promise<void> }[]> | undefined;
}

/** `force` runs it even with BACKGROUND_JOBS=off (the dedicated worker process). */
export function startBackgroundWork(options: { force?: boolean } = {}): void {
  if ((env().BACKGROUND_JOBS === "off" && !options.force) || globalThis.__passerelleBackground) return;
  const log = logger.child({ component: "jobs.runtime" });
  globalThis.__passerelleBackground = (async () => {
    const started: { name: string; stop(): Promise<void> }[] = [];
    for (const loop of backgroundLoops) {
      const running = await loop.start({ db });
      started.push({ name: loop.name, stop: () => running.stop() });
    }
    log.info("background work started", { loops: started.map((l) => l.name) });
    return started;
  })();
  globalThis.__passerelleBackground.catch((error) =>
    log.error("background work could not start", { error: String(error) }),
  );

  // On SIGTERM/SIGINT the process exits once these (and the web server's requests in flight) are done.
  onShutdown("background work", async () => {
    log.info("stopping background work");
    const running = (await globalThis.__passerelleBackground?.catch(() => undefined)) ?? [];
    await Promise.allSettled(running.map((loop) => loop.stop()));
  });
}
