// Typed errors shared by routes, jobs and webhooks. `transient` tells the job worker to retry with
// backoff; anything else fails at once with `message`, which is written for a merchant to read.
// An error made with `said(key, values)` (app/i18n/stored-words.ts) keeps its words, so a run that
// stores it can show it in each reader's language; `message` is always its English.
import type { Message, Said } from "../i18n/stored-words";

export abstract class AppError extends Error {
  abstract readonly transient: boolean;
  /** The message's key and values, when it was said with one. */
  readonly said?: Said;
  constructor(message: Message, options?: { cause?: unknown }) {
    super(typeof message === "string" ? message : message.text, options);
    this.name = new.target.name;
    if (typeof message !== "string") this.said = message;
  }
}

/** What an error says to a merchant, with its words when it has them; null when it is not one of ours. */
export function merchantMessageOf(error: unknown): Message | null {
  return error instanceof AppError ? (error.said ?? error.message) : null;
}

/** Worth retrying later: network failure, timeout, 5xx, throttling. */
export class TransientError extends AppError {
  readonly transient = true;
  /** When the failure says how long to wait (e.g. until another run's claim expires); backoff otherwise. */
  readonly retryAfterMs?: number;
  constructor(message: Message, options?: { cause?: unknown; retryAfterMs?: number }) {
    super(message, options);
    this.retryAfterMs = options?.retryAfterMs;
  }
}

/** Retrying will not help: bad credentials, invalid input, a refused operation. */
export class PermanentError extends AppError {
  readonly transient = false;
}

export class ValidationError extends PermanentError {
  constructor(
    message: Message,
    readonly fieldErrors: Record<string, string> = {},
  ) {
    super(message);
  }
}

export class AuthenticationError extends PermanentError {}

/** What was asked for does not exist (for this shop): routes answer 404. */
export class NotFoundError extends PermanentError {}

/**
 * Another system (an ERP, a carrier) refused the request or answered something we cannot read.
 * The message is already in the merchant's words; routes answer 502.
 */
export class ExternalSystemError extends PermanentError {
  /** The other system's own words (its jargon, its language), shown only under "Technical details". */
  readonly detail?: string;
  constructor(message: Message, options?: { cause?: unknown; detail?: string }) {
    super(message, options);
    this.detail = options?.detail;
  }
}

/** The other system's own words behind an error, when it says them apart from the merchant's message. */
export const technicalDetail = (error: unknown): string | null =>
  error instanceof ExternalSystemError ? (error.detail ?? null) : null;

/**
 * Another process holds the database's write lock longer than we wait for it (SQLite). Routes answer
 * 503 with Retry-After (app/lib/http-errors.server.ts); jobs retry it like any transient failure.
 */
export class DatabaseBusyError extends TransientError {
  constructor(options?: { cause?: unknown }) {
    super("The database is busy right now. Please try again in a few seconds.", options);
  }
}

/**
 * A connector this work needs has not been set up for the shop yet. Not a failure: the job worker
 * records the run as skipped ("waiting for setup") and does not retry it.
 */
export class NotConfiguredError extends PermanentError {
  constructor(
    /** What to set up, in the merchant's words ("Fastmag"). */
    readonly what: string,
    /** Where in the app it is set up ("/app/settings/fastmag"). */
    readonly setupUrl: string,
    message: Message = `${what} is not set up for this shop yet.`,
  ) {
    super(message);
  }
}

export function isTransient(error: unknown): boolean {
  return error instanceof AppError ? error.transient : false;
}

export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
