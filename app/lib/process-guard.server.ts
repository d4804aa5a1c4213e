// One stray promise or callback must not take the whole app down: a library's timer or a forgotten
// rejection would otherwise end the process (Node's default), cutting every request in flight and
// the background jobs with them. They are logged with what is known, and the process carries on.
import { logger as rootLogger, type Logger } from "./logger.server";

let installed = false;

export function installProcessGuards(role: "web" | "worker", log: Logger = rootLogger): void {
  if (installed) return;
  installed = true;
  const context = { role, pid: process.pid };
  process.on("unhandledRejection", (reason) => {
    log.error("unhandled promise rejection; the process keeps running", { ...context, ...describe(reason) });
  });
  process.on("uncaughtException", (error, origin) => {
    log.error("uncaught exception; the process keeps running", { ...context, origin, ...describe(error) });
  });
}

function describe(reason: unknown): Record<string, unknown> {
  if (!(reason instanceof Error)) return { error: String(reason) };
  const cause = (reason as { cause?: unknown }).cause;
  return {
    errorName: reason.name,
    error: reason.message,
    stack: reason.stack?.split("\n").slice(0, 8).join("\n"),
    ...(cause instanceof Error ? { cause: `${cause.name}: ${cause.message}` } : {}),
  };
}
