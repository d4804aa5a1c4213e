// Tuyo's seller API over HTTP (seed 004): the key in `x-api-token`, `?timestamp=<ms>` from the app's
// clock on every request, JSON bodies, Tuyo's { status, response } answers. Every call has a deadline
// (outboundFetch) and obeys the connector URL policy. Tuyo refuses a stale timestamp with "Request is
// expired": the request is sent once more with a fresh timestamp, and if Tuyo still says so the clocks
// disagree — a TuyoClockSkewError names that for the merchant and the log carries a warning.
import type { Dispatcher } from "undici";
import { systemClock, type Clock } from "../../jobs/clock";
import { type Message, said, type Said } from "../../i18n/stored-words";
import { ExternalSystemError, TransientError } from "../../lib/errors";
import { classifyOutboundFailure, outboundFailureSaid, outboundFetch } from "../../lib/http-outbound.server";
import { checkConnectorUrl, connectorDispatcher, type ConnectorUrlPolicy } from "../../lib/http-url-policy.server";
import { logger } from "../../lib/logger.server";

export interface TuyoClientOptions {
  /** The API's address, e.g. https://api.tuyo.example (routes are under /api). */
  baseUrl: string;
  apiKey: string;
  timeoutMs: number;
  urlPolicy: ConnectorUrlPolicy;
  /** Where timestamps come from (the app's clock; tests move it). */
  clock?: Clock;
  signal?: AbortSignal;
}

/** Tuyo could not be reached or answered 5xx: worth retrying later. */
export class TuyoUnavailableError extends TransientError {}

/** Tuyo refused the request (4xx). `response` is Tuyo's own text, for logs, tests and skip reasons. */
export class TuyoRefusedError extends ExternalSystemError {
  constructor(
    readonly status: number,
    message: Message,
    readonly response: string = "",
    readonly answer: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

/** Tuyo said "Request is expired" twice in a row although the second timestamp was fresh. */
export class TuyoClockSkewError extends TuyoRefusedError {}

export const EXPIRED = "Request is expired";

export type TuyoAnswer = { status?: number; response?: string } & Record<string, unknown>;

/** bulk_update's `erroredProducts` as SKU → Tuyo's reason. */
export function erroredProducts(answer: TuyoAnswer): Map<string, string> {
  const list = Array.isArray(answer.erroredProducts)
    ? (answer.erroredProducts as { sku?: unknown; error?: unknown }[])
    : [];
  return new Map(list.map((e) => [String(e?.sku), String(e?.error ?? "refused")]));
}

export class TuyoClient {
  readonly host: string;
  private readonly base: URL;
  private readonly dispatcher: Dispatcher | undefined;
  private readonly clock: Clock;
  /** Requests sent, retries included (benchmarks, tests). */
  requests = 0;
  /** "Request is expired" answers met. */
  expired = 0;

  constructor(private readonly options: TuyoClientOptions) {
    const check = checkConnectorUrl(options.baseUrl, options.urlPolicy);
    if (!check.ok)
      throw new TuyoRefusedError(0, said("client.addressUnusable", { system: "Tuyo", problem: check.said }));
    this.base = new URL(check.url.origin);
    this.host = check.url.host;
    this.dispatcher = connectorDispatcher(options.urlPolicy);
    this.clock = options.clock ?? systemClock;
  }

  get<T = unknown>(path: string): Promise<T> {
    return this.send("GET", path) as Promise<T>;
  }

  post(path: string, body: unknown): Promise<TuyoAnswer> {
    return this.send("POST", path, body) as Promise<TuyoAnswer>;
  }

  patch(path: string, body: unknown): Promise<TuyoAnswer> {
    return this.send("PATCH", path, body) as Promise<TuyoAnswer>;
  }

  delete(path: string, body?: unknown): Promise<TuyoAnswer> {
    return this.send("DELETE", path, body) as Promise<TuyoAnswer>;
  }

  private async send(method: string, path: string, body?: unknown): Promise<unknown> {
    const what = `${method} ${path}`;
    const first = await this.once(method, path, body, what);
    if (!first.expired) return first.value;
    const second = await this.once(method, path, body, what);
    if (!second.expired) return second.value;
    logger.warn("tuyo clock skew", { host: this.host, what, appClock: this.clock.now().toISOString() });
    throw new TuyoClockSkewError(401, said("tuyo.clockSkew"), EXPIRED);
  }

  private async once(
    method: string,
    path: string,
    body: unknown,
    what: string,
  ): Promise<{ expired: true } | { expired: false; value: unknown }> {
    const { timeoutMs, signal } = this.options;
    const url = new URL(path, this.base);
    url.searchParams.set("timestamp", String(this.clock.now().getTime()));
    this.requests++;
    let status: number;
    let value: unknown;
    try {
      const response = await outboundFetch(
        url,
        {
          method,
          headers: {
            "x-api-token": this.options.apiKey,
            accept: "application/json",
            ...(body === undefined ? {} : { "content-type": "application/json" }),
          },
          body: body === undefined ? undefined : JSON.stringify(body),
        },
        { timeoutMs, signal, dispatcher: this.dispatcher },
      );
      status = response.status;
      value = await readJson(response);
    } catch (error) {
      const kind = classifyOutboundFailure(error);
      const reason = outboundFailureSaid(error, { host: this.host, timeoutMs });
      if (kind === "blocked" || kind === "aborted")
        throw new TuyoRefusedError(0, said("client.notCalled", { system: "Tuyo", reason }));
      throw new TuyoUnavailableError(said("client.unreachableBecause", { system: "Tuyo", reason }), {
        cause: new Error(`${what} failed`, { cause: error }),
      });
    }
    const answer = value && typeof value === "object" && !Array.isArray(value) ? (value as TuyoAnswer) : null;
    const text = typeof answer?.response === "string" ? answer.response.trim() : "";
    if (status === 401 && text === EXPIRED) {
      this.expired++;
      return { expired: true };
    }
    if (status >= 500) throw new TuyoUnavailableError(said("client.failed", { system: "Tuyo", what, status }));
    if (value === undefined)
      throw new TuyoRefusedError(status, said("client.notItsApi", { system: "Tuyo", what, status }));
    if (status >= 300) throw new TuyoRefusedError(status, refusal(status, what, text), text, answer ?? {});
    return { expired: false, value };
  }
}

/** A refusal in the merchant's words; Tuyo's own text is short and in Spanish or English, kept in quotes. */
function refusal(status: number, what: string, text: string): Said {
  if (status === 401) return said("tuyo.keyRefused", { status, text });
  if (status === 403) return said("tuyo.notAllowed", { what, status, text });
  if (status === 404) return said("tuyo.unknown", { what, status, text });
  return said("tuyo.refused", { what, status, text });
}

async function readJson(response: Response): Promise<unknown> {
  const text = await response.text();
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
