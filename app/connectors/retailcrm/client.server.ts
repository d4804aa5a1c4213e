// RetailCRM API v5 over HTTP: the API key in X-API-KEY, form-encoded POST bodies with JSON-valued
// fields, RetailCRM's { success, errorMsg, errors } envelope. Every call goes through outboundFetch (a
// deadline covering the body) and the connector URL policy; calls to one account are paced under its
// limit of 10 requests per second, and a 503 (the limit, or a passing outage) is retried after a pause.
import type { Dispatcher } from "undici";
import { type Message, said, type Said } from "../../i18n/stored-words";
import { ExternalSystemError, TransientError } from "../../lib/errors";
import { classifyOutboundFailure, outboundFailureSaid, outboundFetch } from "../../lib/http-outbound.server";
import { checkConnectorUrl, connectorDispatcher, type ConnectorUrlPolicy } from "../../lib/http-url-policy.server";
import { sleep } from "../../lib/time";

export interface RetailCrmClientOptions {
  /** The account URL, e.g. https://myshop.retailcrm.ru (the API is under /api/v5). */
  accountUrl: string;
  apiKey: string;
  timeoutMs: number;
  urlPolicy: ConnectorUrlPolicy;
  /** Requests per second this client allows itself per account (RetailCRM's limit is 10). */
  requestsPerSecond?: number;
  /** Attempts of one request answered 503 or not answered at all. */
  maxAttempts?: number;
  /** First pause after a 503; doubles each time. */
  backoffMs?: number;
  signal?: AbortSignal;
}

/** RetailCRM could not be reached, or answered 5xx: worth retrying later. */
export class RetailCrmUnavailableError extends TransientError {}

/** RetailCRM refused the request (4xx, success: false). The message never carries the remote body. */
export class RetailCrmRefusedError extends ExternalSystemError {
  constructor(
    readonly status: number,
    message: Message,
    /** Field errors as RetailCRM named them (for logs and tests; screens show `message`). */
    readonly errors?: unknown,
    /** The envelope's other fields (an upload's processedOffersCount, notFoundOffers). */
    readonly answer: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

export type RetailCrmAnswer = Record<string, unknown> & { success?: boolean };

const DEFAULT_RATE = 8; // under RetailCRM's 10/s, leaving room for arrival jitter
const nextSlotByAccount = new Map<string, number>();

/** Waits for this account's next request slot: at most `rate` request starts per second, process-wide. */
async function paced(account: string, rate: number, signal?: AbortSignal): Promise<void> {
  const interval = Math.ceil(1000 / rate);
  const now = Date.now();
  const slot = Math.max(now, nextSlotByAccount.get(account) ?? 0);
  nextSlotByAccount.set(account, slot + interval);
  if (slot > now) await sleep(slot - now, signal);
}

export class RetailCrmClient {
  readonly host: string;
  private readonly base: URL;
  private readonly dispatcher: Dispatcher | undefined;
  /** Requests sent, retries included (benchmarks, tests). */
  requests = 0;
  /** 503 answers met (and retried). */
  throttled = 0;

  constructor(private readonly options: RetailCrmClientOptions) {
    const check = checkConnectorUrl(options.accountUrl, options.urlPolicy);
    if (!check.ok)
      throw new RetailCrmRefusedError(0, said("client.addressUnusable", { system: "RetailCRM", problem: check.said }));
    this.base = new URL(check.url.origin);
    this.host = check.url.host;
    this.dispatcher = connectorDispatcher(options.urlPolicy);
  }

  get(path: string, query: Record<string, string | number | (string | number)[]> = {}): Promise<RetailCrmAnswer> {
    const url = new URL(path, this.base);
    for (const [key, value] of Object.entries(query)) {
      if (Array.isArray(value)) for (const v of value) url.searchParams.append(`${key}[]`, String(v));
      else url.searchParams.set(key, String(value));
    }
    return this.send(url, { method: "GET" });
  }

  /** POST with form fields; objects and arrays are sent as JSON strings, as RetailCRM expects. */
  post(path: string, fields: Record<string, unknown>): Promise<RetailCrmAnswer> {
    const body = new URLSearchParams();
    for (const [key, value] of Object.entries(fields))
      if (value !== undefined) body.set(key, typeof value === "string" ? value : JSON.stringify(value));
    return this.send(new URL(path, this.base), {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: body.toString(),
    });
  }

  private async send(url: URL, init: RequestInit): Promise<RetailCrmAnswer> {
    const { timeoutMs, signal } = this.options;
    const maxAttempts = this.options.maxAttempts ?? 5;
    let pause = this.options.backoffMs ?? 1_000;
    const what = `${init.method} ${url.pathname}`;
    for (let attempt = 1; ; attempt++) {
      await paced(`${this.base.origin} ${this.options.apiKey}`, this.options.requestsPerSecond ?? DEFAULT_RATE, signal);
      this.requests++;
      let status: number;
      let answer: RetailCrmAnswer | null;
      try {
        const response = await outboundFetch(
          url,
          { ...init, headers: { ...(init.headers as Record<string, string>), "x-api-key": this.options.apiKey } },
          { timeoutMs, signal, dispatcher: this.dispatcher },
        );
        status = response.status;
        answer = await readJson(response);
      } catch (error) {
        const kind = classifyOutboundFailure(error);
        const reason = outboundFailureSaid(error, { host: this.host, timeoutMs });
        if (kind === "blocked" || kind === "aborted" || attempt >= maxAttempts || kind !== "reset")
          throw kind === "blocked" || kind === "aborted"
            ? new RetailCrmRefusedError(0, said("client.notCalled", { system: "RetailCRM", reason }))
            : new RetailCrmUnavailableError(said("client.unreachableBecause", { system: "RetailCRM", reason }), {
                cause: new Error(`${what} failed`, { cause: error }),
              });
        await sleep(pause, signal);
        pause *= 2;
        continue;
      }
      if (status === 503 || status === 429) {
        this.throttled++;
        if (attempt >= maxAttempts)
          throw new RetailCrmUnavailableError(said("client.busy", { system: "RetailCRM", what, status }), {
            retryAfterMs: pause,
          });
        await sleep(pause, signal);
        pause *= 2;
        continue;
      }
      if (status >= 500)
        throw new RetailCrmUnavailableError(said("client.failed", { system: "RetailCRM", what, status }));
      if (answer === null)
        throw new RetailCrmRefusedError(status, said("client.notItsApi", { system: "RetailCRM", what, status }));
      if (status >= 300 || answer.success === false) {
        const { success: _success, errorMsg: _message, errors, ...rest } = answer;
        throw new RetailCrmRefusedError(status, refusal(status, what), errors, rest);
      }
      return answer;
    }
  }
}

/** A refusal in the merchant's words, from the status alone (the body may come from anything). */
function refusal(status: number, what: string): Said {
  if (status === 401 || status === 403) return said("retailcrm.keyRefused", { status });
  if (status === 404) return said("client.unknownCheckAddress", { system: "RetailCRM", what, status });
  if (status === 400) return said("client.refusedInvalid", { system: "RetailCRM", what });
  return said("client.refused", { system: "RetailCRM", what, status });
}

async function readJson(response: Response): Promise<RetailCrmAnswer | null> {
  const text = await response.text();
  try {
    const value = JSON.parse(text) as unknown;
    return value && typeof value === "object" && !Array.isArray(value) ? (value as RetailCrmAnswer) : null;
  } catch {
    return null;
  }
}
