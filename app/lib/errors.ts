// Typed errors shared by routes, jobs and webhooks. `transient` tells the job worker to retry with
// backoff; anything else fails at once with `message`, which is written for a merchant to read.
export abstract class AppError extends Error {
  abstract readonly transient: boolean;
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** Worth retrying later: network failure, timeout, 5xx, throttling. */
export class TransientError extends AppError {
  readonly transient = true;
}

/** Retrying will not help: bad credentials, invalid input, a refused operation. */
export class PermanentError extends AppError {
  readonly transient = false;
}

export class ValidationError extends PermanentError {
  constructor(
    message: string,
    readonly fieldErrors: Record<string, string> = {},
  ) {
    super(message);
  }
}

export class AuthenticationError extends PermanentError {}

export function isTransient(error: unknown): boolean {
  return error instanceof AppError ? error.transient : false;
}

export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
