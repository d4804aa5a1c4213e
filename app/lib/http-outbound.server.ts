// Every call the app makes to another system (Fastmag, Shopify, the carriers) goes through
// outboundFetch: it always has a deadline, and what went wrong is classified into a few kinds a
// merchant can act on (DNS, TLS, refused, reset, timeout, HTTP status) instead of library text.
import type { Dispatcher } from "undici";
import { said, type Said } from "../i18n/stored-words";

export type OutboundFailureKind =
  "dns" | "tls" | "refused" | "reset" | "timeout" | "aborted" | "blocked" | "malformed" | "network";

export interface OutboundFetchOptions {
  /** Deadline for the whole exchange, body included. */
  timeoutMs: number;
  /** Aborts early too (a job's cancel or shutdown). */
  signal?: AbortSignal;
  /** Where connections are opened (see guardedDispatcher in outbound-url.server.ts). */
  dispatcher?: Dispatcher;
}

/**
 * fetch with a deadline that also covers reading the body (read it before the deadline or the read
 * rejects). Node's own fetch is the global once Remix single fetch is on: no polyfill's abort path
 * can throw outside the caller's promise chain.
 */
export function outboundFetch(url: string | URL, init: RequestInit, options: OutboundFetchOptions): Promise<Response> {
  const deadline = AbortSignal.timeout(options.timeoutMs);
  const signal = options.signal ? AbortSignal.any([deadline, options.signal]) : deadline;
  const request = { ...init, signal, ...(options.dispatcher ? { dispatcher: options.dispatcher } : {}) };
  return fetch(url, request as RequestInit);
}

const DNS_CODES = new Set(["ENOTFOUND", "EAI_AGAIN", "EAI_FAIL", "EAI_NONAME", "EAI_NODATA"]);
const REFUSED_CODES = new Set(["ECONNREFUSED", "EHOSTUNREACH", "ENETUNREACH", "EADDRNOTAVAIL"]);
const RESET_CODES = new Set(["ECONNRESET", "EPIPE", "UND_ERR_SOCKET", "UND_ERR_CLOSED", "ECONNABORTED"]);
const TIMEOUT_CODES = new Set([
  "ETIMEDOUT",
  "UND_ERR_CONNECT_TIMEOUT",
  "UND_ERR_HEADERS_TIMEOUT",
  "UND_ERR_BODY_TIMEOUT",
]);

/** Thrown by the connection guard when an address is not allowed (see outbound-url.server.ts). */
export class BlockedAddressError extends Error {
  readonly code = "ERR_BLOCKED_ADDRESS";
  constructor(message: string) {
    super(message);
    this.name = "BlockedAddressError";
  }
}

/** The kind of a failed outbound call, from what fetch threw (or rejected a body read with). */
export function classifyOutboundFailure(error: unknown): OutboundFailureKind {
  for (let current: unknown = error, depth = 0; current && depth < 5; depth++) {
    const e = current as { name?: string; code?: string; message?: string; cause?: unknown };
    if (e.name === "TimeoutError") return "timeout";
    if (e.name === "AbortError") return "aborted";
    const code = typeof e.code === "string" ? e.code : "";
    if (code === "ERR_BLOCKED_ADDRESS") return "blocked";
    if (DNS_CODES.has(code)) return "dns";
    if (REFUSED_CODES.has(code)) return "refused";
    if (RESET_CODES.has(code)) return "reset";
    if (TIMEOUT_CODES.has(code)) return "timeout";
    if (/CERT|SSL|TLS|EPROTO|SELF_SIGNED|UNABLE_TO_(GET|VERIFY)/.test(code)) return "tls";
    if (code.startsWith("HPE_") || code === "UND_ERR_RESPONSE_STATUS_CODE" || code === "UND_ERR_INVALID_ARG")
      return "malformed";
    if (e.name === "SyntaxError") return "malformed";
    current = e.cause;
  }
  return "network";
}

/** A failed outbound call in plain words, e.g. "the connection was refused". Never the remote's text. */
export function describeOutboundFailure(error: unknown, context: { host?: string; timeoutMs?: number } = {}): string {
  return outboundFailureSaid(error, context).text;
}

/** The same, with its words kept: a run that stores it says it again in each reader's language (ADR 0021). */
export function outboundFailureSaid(error: unknown, context: { host?: string; timeoutMs?: number } = {}): Said {
  const host = context.host ?? "";
  const kind = classifyOutboundFailure(error);
  switch (kind) {
    case "dns":
    case "tls":
    case "refused":
    case "blocked":
    case "network":
      return said(`outbound.${kind}`, { host });
    case "timeout":
      return context.timeoutMs ? said("outbound.timeoutWithin", { ms: context.timeoutMs }) : said("outbound.timeout");
    case "reset":
    case "aborted":
    case "malformed":
      return said(`outbound.${kind}`);
  }
}

/** An HTTP status in plain words (no body: it may come from anything listening at that address). */
export function describeHttpStatus(status: number): string {
  const meaning =
    status === 401 || status === 403
      ? "access denied"
      : status === 404
        ? "not found"
        : status === 429
          ? "too many requests"
          : status >= 500
            ? "server error"
            : "unexpected status";
  return `HTTP ${status} (${meaning})`;
}
