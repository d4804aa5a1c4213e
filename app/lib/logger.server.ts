// Structured logging: one JSON object per line on stdout/stderr, so lines can be filtered by field.
import { env } from "../env.server";
import { installOutputRedaction } from "./log-redaction.server";

// Every line this process prints (ours, the HTTP server's access log, libraries') loses its secrets.
installOutputRedaction();

type Level = "debug" | "info" | "warn" | "error";
const ORDER: Record<Level | "silent", number> = { debug: 10, info: 20, warn: 30, error: 40, silent: 100 };

export type LogFields = Record<string, unknown>;

export interface Logger {
  debug(message: string, fields?: LogFields): void;
  info(message: string, fields?: LogFields): void;
  warn(message: string, fields?: LogFields): void;
  error(message: string, fields?: LogFields): void;
  child(fields: LogFields): Logger;
}

export function createLogger(base: LogFields = {}, threshold?: Level | "silent"): Logger {
  const write = (level: Level, message: string, fields?: LogFields) => {
    if (ORDER[level] < ORDER[threshold ?? env().LOG_LEVEL]) return;
    const line = JSON.stringify({ time: new Date().toISOString(), level, message, ...base, ...fields });
    (level === "error" || level === "warn" ? process.stderr : process.stdout).write(`${line}\n`);
  };
  return {
    debug: (m, f) => write("debug", m, f),
    info: (m, f) => write("info", m, f),
    warn: (m, f) => write("warn", m, f),
    error: (m, f) => write("error", m, f),
    child: (fields) => createLogger({ ...base, ...fields }, threshold),
  };
}

export const logger = createLogger();
