// Typed Fastmag failures, so the job worker knows what to retry. Messages say which call failed and
// never carry the password (the client redacts it before building any of these).
import type { Message } from "../../i18n/stored-words";
import { PermanentError, TransientError } from "../../lib/errors";

export type FastmagPage = "ediquery.ips" | "ediwebsrv.ips" | "ediphoto.ips";

/** Network failure, timeout or HTTP 5xx: Fastmag may answer later. */
export class FastmagUnavailableError extends TransientError {
  constructor(
    message: Message,
    readonly page: FastmagPage,
    /** True when the request may have reached Fastmag (a timeout): a transaction might have been applied. */
    readonly mayHaveBeenApplied: boolean,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** Fastmag answered `KO|…`: bad credentials, unknown product or customer, invalid SQL… */
export class FastmagRefusedError extends PermanentError {
  constructor(
    message: Message,
    readonly page: FastmagPage,
    /** Fastmag's own words, after `KO|`. */
    readonly fastmagMessage: string,
    readonly reason: "credentials" | "refused",
  ) {
    super(message);
  }
}

/** Fastmag answered something we cannot read (no header row, an HTTP 4xx, an unknown answer shape). */
export class FastmagProtocolError extends PermanentError {
  constructor(
    message: Message,
    readonly page: FastmagPage,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}
