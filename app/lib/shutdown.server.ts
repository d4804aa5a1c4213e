// Stopping a process on SIGTERM/SIGINT: every part that has something to finish registers it here
// (the background loops let running jobs finish or release them, the web server answers the requests
// in flight), and the process exits once all of them are done.
import { logger } from "./logger.server";

type Task = { name: string; run: () => Promise<unknown> };
const tasks: Task[] = [];
let installed = false;

/** Runs `run` when the process is asked to stop; the process exits after every such task settled. */
export function onShutdown(name: string, run: () => Promise<unknown>): void {
  tasks.push({ name, run });
  if (installed) return;
  installed = true;
  process.once("SIGTERM", () => void shutdown("SIGTERM"));
  process.once("SIGINT", () => void shutdown("SIGINT"));
}

async function shutdown(signal: string): Promise<void> {
  logger.info("stopping", { signal, parts: tasks.map((t) => t.name) });
  await Promise.allSettled(tasks.map((task) => task.run()));
  process.exit(0);
}
