// The one mapping from an error to an HTTP answer, for JSON routes, the API, webhooks and callbacks.
// A caller gets a status and a short JSON `{ "error": … }` written for people; library text, class
// names and stack traces go to the log only.
import { json } from "@remix-run/node";
import { isDatabaseUnavailable } from "../db/errors";
import {
  AppError,
  DatabaseBusyError,
  ExternalSystemError,
  NotConfiguredError,
  NotFoundError,
  TransientError,
  ValidationError,
} from "./errors";
import { logger as rootLogger, type Logger } from "./logger.server";

/** What a client is told to wait before trying again after contention. */
export const RETRY_AFTER_SECONDS = 5;

export const INTERNAL_ERROR_MESSAGE = "Something went wrong on our side. Please try again later.";

/** The 503 for a busy or unreachable database: fast, with Retry-After, the same text everywhere. */
export function databaseBusyResponse(): Response {
  return json(
    { error: new DatabaseBusyError().message },
    { status: 503, headers: { "Retry-After": String(RETRY_AFTER_SECONDS), "Cache-Control": "no-store" } },
  );
}

/** True for errors that mean "the database cannot take this right now" (busy lock, pool or link down). */
export function isDatabaseBusy(error: unknown): boolean {
  return error instanceof DatabaseBusyError || isDatabaseUnavailable(error);
}

/** The HTTP status an error maps to (no body): for routes that answer in their own format. */
export function statusForError(error: unknown): number {
  if (error instanceof Response) return error.status;
  if (isDatabaseBusy(error)) return 503;
  if (error instanceof ValidationError) return 422;
  if (error instanceof NotConfiguredError) return 409;
  if (error instanceof NotFoundError) return 404;
  if (error instanceof ExternalSystemError) return 502;
  if (error instanceof AppError) return error.transient ? 503 : 400;
  return 500;
}

/**
 * The JSON answer for anything a route caught. Unexpected errors are logged with their cause and
 * answered with a generic 500; a thrown Response is passed through.
 */
export function errorResponse(error: unknown, log: Logger = rootLogger): Response {
  if (error instanceof Response) return error;
  const status = statusForError(error);
  if (status === 503 && isDatabaseBusy(error)) {
    log.warn("database busy; answered 503", { error: describe(error) });
    return databaseBusyResponse();
  }
  if (error instanceof ValidationError)
    return json({ error: error.message, fieldErrors: error.fieldErrors }, { status });
  if (error instanceof NotConfiguredError)
    return json({ error: error.message, setup: { what: error.what, url: error.setupUrl } }, { status });
  if (error instanceof AppError) {
    const headers: Record<string, string> = status === 503 ? { "Retry-After": String(retryAfterSeconds(error)) } : {};
    return json({ error: error.message }, { status, headers });
  }
  log.error("request failed", { error: describe(error) });
  return json({ error: INTERNAL_ERROR_MESSAGE }, { status: 500 });
}

/**
 * Wraps a loader or action that answers with a Response (JSON API, callbacks): whatever it throws is
 * answered by `errorResponse`, so no route maps errors by hand.
 */
export function withErrorResponses<Args>(
  handler: (args: Args) => Promise<Response> | Response,
  log: Logger = rootLogger,
): (args: Args) => Promise<Response> {
  return async (args) => {
    try {
      return await handler(args);
    } catch (error) {
      return errorResponse(error, log);
    }
  };
}

function retryAfterSeconds(error: AppError): number {
  const ms = error instanceof TransientError ? error.retryAfterMs : undefined;
  return ms && ms > 0 ? Math.ceil(ms / 1000) : RETRY_AFTER_SECONDS;
}

function describe(error: unknown): string {
  const parts: string[] = [];
  let current: unknown = error;
  for (let depth = 0; current && depth < 4; depth++) {
    parts.push(current instanceof Error ? `${current.name}: ${current.message.slice(0, 300)}` : String(current));
    current = current instanceof Error ? current.cause : undefined;
  }
  return parts.join(" <- ");
}
