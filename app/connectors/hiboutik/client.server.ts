// Hiboutik's REST API over HTTP: Basic auth (user e-mail + API key), JSON bodies, pages of 250 (?p=, a
// Link header with rel="next" while more follow), and the daily quota counted before every call
// (quota.server.ts). Every call goes through outboundFetch (a deadline covering the body) and the
// connector URL policy; errors are told in plain words from the status, never Hiboutik's text.
import type { Dispatcher } from "undici";
import { type Message, said } from "../../i18n/stored-words";
import { ExternalSystemError, TransientError } from "../../lib/errors";
import { outboundFailureSaid, outboundFetch } from "../../lib/http-outbound.server";
import { checkConnectorUrl, connectorDispatcher, type ConnectorUrlPolicy } from "../../lib/http-url-policy.server";
import { SLOW_DOWN_SHARE, type DailyQuota, type QuotaPurpose } from "./quota.server";

export interface HiboutikClientOptions {
  apiRoot: string;
  email: string;
  apiKey: string;
  timeoutMs: number;
  urlPolicy: ConnectorUrlPolicy;
  quota: DailyQuota;
  /** Pause before each read once 80% of the day's quota is used. */
  slowDownMs: number;
}

/** Hiboutik refused the request for good (unknown product, store, closed sale…). */
export class HiboutikRefusedError extends ExternalSystemError {
  constructor(
    readonly status: number,
    message: Message,
    /** Hiboutik's field errors ({ product_id: "…" }), for choosing the merchant's words; never shown as is. */
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

/** Today's part of the quota for reads is used up: the rest is kept for sales. */
export class HiboutikReadsPausedError extends TransientError {}

/** Hiboutik could not be reached, failed, or its quota is used up: worth retrying later. */
export class HiboutikUnavailableError extends TransientError {}

export interface HiboutikAnswer {
  status: number;
  body: unknown;
  /** The Link header announced a next page. */
  hasNext: boolean;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export class HiboutikClient {
  readonly host: string;
  private readonly root: URL;
  private readonly dispatcher: Dispatcher | undefined;
  private readonly authorization: string;
  /** Requests sent (tests, benchmarks). */
  requests = 0;
  /** Reads that waited because 80% of the day's quota was used. */
  slowed = 0;

  constructor(private readonly options: HiboutikClientOptions) {
    const check = checkConnectorUrl(options.apiRoot, options.urlPolicy);
    if (!check.ok)
      throw new HiboutikRefusedError(0, said("client.addressUnusable", { system: "Hiboutik", problem: check.said }));
    this.root = check.url;
    this.host = check.url.host;
    this.dispatcher = connectorDispatcher(options.urlPolicy);
    this.authorization = `Basic ${Buffer.from(`${options.email}:${options.apiKey}`).toString("base64")}`;
  }

  get(path: string, query: Record<string, string | number> = {}, purpose: QuotaPurpose = "read") {
    const url = new URL(path, this.root);
    for (const [key, value] of Object.entries(query)) url.searchParams.set(key, String(value));
    return this.send(url, { method: "GET" }, purpose);
  }

  post(path: string, body: Record<string, unknown>) {
    return this.send(
      new URL(path, this.root),
      { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) },
      "sale",
    );
  }

  /** Every row of a long list, page after page (Hiboutik: 250 a page, ?p= from 1). */
  async eachPage(path: string, onRows: (rows: unknown[]) => void): Promise<void> {
    for (let page = 1; ; page++) {
      const answer = await this.get(path, page > 1 ? { p: page } : {});
      const rows = Array.isArray(answer.body) ? answer.body : [];
      if (rows.length) onRows(rows);
      if (!answer.hasNext || !rows.length) return;
    }
  }

  private async send(url: URL, init: RequestInit, purpose: QuotaPurpose): Promise<HiboutikAnswer> {
    const { quota, timeoutMs } = this.options;
    const what = `${init.method} ${url.pathname.replace(/^.*\/api\//, "/")}`;
    if (!(await quota.take(purpose))) {
      if (purpose === "read")
        throw new HiboutikReadsPausedError(
          said("hiboutik.readsPaused", {
            used: quota.limit - quota.reserve,
            limit: quota.limit,
            reserve: quota.reserve,
          }),
          { retryAfterMs: quota.resetsAt().getTime() - Date.now() },
        );
      throw this.quotaGone(quota);
    }
    if (purpose === "read" && (await quota.used()) >= quota.limit * SLOW_DOWN_SHARE && this.options.slowDownMs > 0) {
      this.slowed++;
      await sleep(this.options.slowDownMs);
    }
    this.requests++;
    let response: Response;
    let text: string;
    try {
      response = await outboundFetch(
        url,
        {
          ...init,
          headers: {
            ...(init.headers as Record<string, string>),
            authorization: this.authorization,
            accept: "application/json",
          },
        },
        { timeoutMs, dispatcher: this.dispatcher },
      );
      text = await response.text();
    } catch (error) {
      throw new HiboutikUnavailableError(
        said("client.unreachableBecause", {
          system: "Hiboutik",
          reason: outboundFailureSaid(error, { host: this.host, timeoutMs }),
        }),
        { cause: new Error(`${what} failed`, { cause: error }) },
      );
    }
    const status = response.status;
    let body: unknown = null;
    try {
      body = text ? (JSON.parse(text) as unknown) : null;
    } catch {
      body = undefined;
    }
    if (status === 429) {
      await quota.exhausted();
      throw this.quotaGone(quota);
    }
    if (status >= 500) throw new HiboutikUnavailableError(said("client.failed", { system: "Hiboutik", what, status }));
    if (status === 401 || status === 403)
      throw new HiboutikRefusedError(status, said("hiboutik.credentialsRefused", { status }));
    if (body === undefined)
      throw new HiboutikRefusedError(
        status,
        said("client.notItsApiCheckAccount", { system: "Hiboutik", what, status }),
      );
    if (status >= 300) {
      const details = (body as { details?: unknown } | null)?.details;
      throw new HiboutikRefusedError(
        status,
        status === 404
          ? said("client.unknownCheckAccount", { system: "Hiboutik", what })
          : said("client.refused", { system: "Hiboutik", what, status }),
        details && typeof details === "object" ? (details as Record<string, unknown>) : {},
      );
    }
    return { status, body, hasNext: /rel="next"/.test(response.headers.get("link") ?? "") };
  }

  private quotaGone(quota: DailyQuota): HiboutikUnavailableError {
    return new HiboutikUnavailableError(said("hiboutik.quotaUsedUp", { limit: quota.limit }), {
      retryAfterMs: Math.max(60_000, quota.resetsAt().getTime() - Date.now()),
    });
  }
}
