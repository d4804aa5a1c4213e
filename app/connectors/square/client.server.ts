// Square API v2 over HTTP: Bearer access token, JSON bodies, Square's { errors: [{ category, code, detail }] }
// refusals, cursor pagination. Every call goes through outboundFetch (a deadline covering the body) and the
// connector URL policy. A 429 (Square publishes no fixed rate) is retried after Retry-After when Square
// sends one, else after a doubling pause; a 5xx or a reset connection is retried the same way.
import type { Dispatcher } from "undici";
import { type Message, said, type Said } from "../../i18n/stored-words";
import { ExternalSystemError, TransientError } from "../../lib/errors";
import { classifyOutboundFailure, outboundFailureSaid, outboundFetch } from "../../lib/http-outbound.server";
import { checkConnectorUrl, connectorDispatcher, type ConnectorUrlPolicy } from "../../lib/http-url-policy.server";
import { sleep } from "../../lib/time";

export const SQUARE_API_URL = "https://connect.squareup.com";
export const SQUARE_VERSION = "2024-10-17";

export interface SquareClientOptions {
  /** https://connect.squareup.com (production), https://connect.squareupsandbox.com, or an emulator. */
  apiUrl: string;
  accessToken: string;
  timeoutMs: number;
  urlPolicy: ConnectorUrlPolicy;
  /** Attempts of one request answered 429/5xx or not answered at all. */
  maxAttempts?: number;
  /** First pause after a 429 without Retry-After; doubles each time. */
  backoffMs?: number;
  /** Longest pause honoured from a Retry-After header. */
  maxRetryAfterMs?: number;
  signal?: AbortSignal;
}

/** Square could not be reached, answered 5xx, or kept answering 429: worth retrying later. */
export class SquareUnavailableError extends TransientError {}

/** Square refused the request (4xx). The message is in plain words; `codes` are Square's, for tests and logs. */
export class SquareRefusedError extends ExternalSystemError {
  constructor(
    readonly status: number,
    message: Message,
    readonly codes: string[] = [],
  ) {
    super(message);
  }
}

export type SquareAnswer = Record<string, unknown>;

export class SquareClient {
  readonly host: string;
  private readonly base: URL;
  private readonly dispatcher: Dispatcher | undefined;
  /** Requests sent, retries included (benchmarks, tests). */
  requests = 0;
  /** 429 answers met (and retried). */
  throttled = 0;

  constructor(private readonly options: SquareClientOptions) {
    const check = checkConnectorUrl(options.apiUrl || SQUARE_API_URL, options.urlPolicy);
    if (!check.ok)
      throw new SquareRefusedError(0, said("client.addressUnusable", { system: "Square", problem: check.said }));
    this.base = new URL(check.url.origin);
    this.host = check.url.host;
    this.dispatcher = connectorDispatcher(options.urlPolicy);
  }

  get(path: string, query: Record<string, string | undefined> = {}): Promise<SquareAnswer> {
    const url = new URL(path, this.base);
    for (const [key, value] of Object.entries(query)) if (value !== undefined) url.searchParams.set(key, value);
    return this.send(url, { method: "GET" });
  }

  post(path: string, body: Record<string, unknown>): Promise<SquareAnswer> {
    return this.send(new URL(path, this.base), {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(body),
    });
  }

  /** Every page of a cursor-paginated POST, handing each answer to onPage. */
  async postPages(path: string, body: Record<string, unknown>, onPage: (answer: SquareAnswer) => void): Promise<void> {
    let cursor: string | undefined;
    do {
      const answer = await this.post(path, cursor ? { ...body, cursor } : body);
      onPage(answer);
      cursor = typeof answer.cursor === "string" && answer.cursor ? answer.cursor : undefined;
    } while (cursor);
  }

  /** Every page of a cursor-paginated GET. */
  async getPages(path: string, query: Record<string, string>, onPage: (answer: SquareAnswer) => void): Promise<void> {
    let cursor: string | undefined;
    do {
      const answer = await this.get(path, { ...query, cursor });
      onPage(answer);
      cursor = typeof answer.cursor === "string" && answer.cursor ? answer.cursor : undefined;
    } while (cursor);
  }

  private async send(url: URL, init: RequestInit): Promise<SquareAnswer> {
    const { timeoutMs, signal } = this.options;
    const maxAttempts = this.options.maxAttempts ?? 6;
    let pause = this.options.backoffMs ?? 500;
    const what = `${init.method} ${url.pathname}`;
    for (let attempt = 1; ; attempt++) {
      this.requests++;
      let response: Response;
      let answer: SquareAnswer | null;
      try {
        response = await outboundFetch(
          url,
          {
            ...init,
            headers: {
              ...(init.headers as Record<string, string>),
              authorization: `Bearer ${this.options.accessToken}`,
              "square-version": SQUARE_VERSION,
              accept: "application/json",
            },
          },
          { timeoutMs, signal, dispatcher: this.dispatcher },
        );
        answer = await readJson(response);
      } catch (error) {
        const kind = classifyOutboundFailure(error);
        const reason = outboundFailureSaid(error, { host: this.host, timeoutMs });
        if (kind === "blocked" || kind === "aborted")
          throw new SquareRefusedError(0, said("client.notCalled", { system: "Square", reason }));
        if (attempt >= maxAttempts || kind !== "reset")
          throw new SquareUnavailableError(said("client.unreachableBecause", { system: "Square", reason }), {
            cause: new Error(`${what} failed`, { cause: error }),
          });
        await sleep(pause, signal);
        pause *= 2;
        continue;
      }
      const status = response.status;
      if (status === 429 || status >= 500) {
        if (status === 429) this.throttled++;
        const wait = retryAfterMs(response.headers.get("retry-after"), this.options.maxRetryAfterMs ?? 60_000) ?? pause;
        if (attempt >= maxAttempts)
          throw new SquareUnavailableError(
            status === 429
              ? said("square.slowDown", { what })
              : said("client.failed", { system: "Square", what, status }),
            { retryAfterMs: wait },
          );
        await sleep(wait, signal);
        pause *= 2;
        continue;
      }
      if (answer === null)
        throw new SquareRefusedError(status, said("client.notItsApiCheckAddress", { system: "Square", what, status }));
      if (status >= 300) {
        const codes = errorCodes(answer);
        throw new SquareRefusedError(status, refusal(status, what, codes), codes);
      }
      return answer;
    }
  }
}

/** Retry-After in seconds or as an HTTP date, capped; undefined when absent or unreadable. */
export function retryAfterMs(header: string | null, cap: number): number | undefined {
  if (!header) return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds) && seconds >= 0) return Math.min(seconds * 1000, cap);
  const date = Date.parse(header);
  if (Number.isFinite(date)) return Math.min(Math.max(0, date - Date.now()), cap);
  return undefined;
}

function errorCodes(answer: SquareAnswer): string[] {
  const errors = Array.isArray(answer.errors) ? (answer.errors as { code?: unknown }[]) : [];
  return errors.map((error) => (typeof error.code === "string" ? error.code : "")).filter(Boolean);
}

/** A refusal in the merchant's words, from the status and Square's codes (never its detail text). */
function refusal(status: number, what: string, codes: string[]): Said {
  if (codes.includes("ACCESS_TOKEN_REVOKED")) return said("square.tokenRevoked");
  if (status === 401) return said("square.tokenRefused", { status });
  if (status === 403) return said("square.missingPermission", { what, status });
  if (status === 404) return said("square.unknown", { what, status });
  if (codes.includes("IDEMPOTENCY_KEY_REUSED")) return said("square.keyReused", { what });
  if (status === 400) return said("square.invalid", { what, codes: codes.join(", ") });
  return said("client.refused", { system: "Square", what, status });
}

async function readJson(response: Response): Promise<SquareAnswer | null> {
  const text = await response.text();
  try {
    const value = JSON.parse(text) as unknown;
    return value && typeof value === "object" && !Array.isArray(value) ? (value as SquareAnswer) : null;
  } catch {
    return null;
  }
}
