// Lightspeed Retail (R-Series) over HTTP: Bearer access tokens refreshed on a 401, one refresh per account
// at a time in the process and across processes (the rotated pair stored before it is used), the leaky
// bucket kept from X-LS-API-Bucket-Level (GET 1 unit, writes 10: a call waits until it fits, a 429
// waits Retry-After and is sent again), V3 cursor pages. Every call has a deadline and the connector URL
// policy; errors are told in plain words, never Lightspeed's text.
import type { Dispatcher } from "undici";
import type { PosAccountContext } from "../../capabilities/point-of-sale";
import { type Message, said } from "../../i18n/stored-words";
import { ExternalSystemError, TransientError } from "../../lib/errors";
import { outboundFailureSaid, outboundFetch } from "../../lib/http-outbound.server";
import { checkConnectorUrl, connectorDispatcher, type ConnectorUrlPolicy } from "../../lib/http-url-policy.server";

const REAUTHORIZE_SAID = said("lightspeed.reauthorize");
export const REAUTHORIZE = REAUTHORIZE_SAID.text;

/** Lightspeed refused the request for good (400, 403, 404…), or the authorization. */
export class LightspeedRefusedError extends ExternalSystemError {
  constructor(
    readonly status: number,
    message: Message,
  ) {
    super(message);
  }
}

/** Lightspeed could not be reached, failed, or stayed full: worth retrying later. */
export class LightspeedUnavailableError extends TransientError {}

/** One account's tokens, shared by every port of the process built for it (a refresh token works once). */
export interface TokenState {
  accessToken: string;
  refreshToken: string;
  /** Every refresh token this state has held: a port built from older saved secrets still finds it. */
  seen: Set<string>;
  refreshing?: Promise<void>;
  /** Lightspeed refused the refresh: no more attempts until the account gets new tokens. */
  refused?: Message;
  /** Refreshes made (tests, screens). */
  refreshes: number;
}

/** The account's bucket as Lightspeed last told it, drained since at its drip rate. */
interface BucketState {
  level: number;
  size: number;
  dripPerSecond: number;
  at: number;
}

const tokensByAccount = new Map<string, TokenState>();
const bucketsByAccount = new Map<string, BucketState>();

/** The shared token state for these secrets: the one already in use, unless the account was reconnected. */
export function tokenState(key: string, secrets: Record<string, string>): TokenState {
  const given = secrets.refreshToken ?? "";
  const known = tokensByAccount.get(key);
  if (known && known.seen.has(given)) return known;
  const fresh: TokenState = {
    accessToken: secrets.accessToken ?? "",
    refreshToken: given,
    seen: new Set([given]),
    refreshes: 0,
  };
  tokensByAccount.set(key, fresh);
  return fresh;
}

export interface LightspeedClientOptions {
  /** Process-wide key of the account (shop + account row). */
  key: string;
  apiRoot: string;
  tokenUrl: string;
  clientId: string;
  clientSecret: string;
  tokens: TokenState;
  saveSecrets(update: Record<string, string>): Promise<void>;
  /** The account's stored tokens rotated once for every process (absent: a form's values, not stored). */
  rotateSecrets?: PosAccountContext["rotateSecrets"];
  timeoutMs: number;
  urlPolicy: ConnectorUrlPolicy;
  /** 429 answers retried per call before giving up for now. */
  maxThrottled?: number;
}

export interface LightspeedPage {
  rows: Record<string, unknown>[];
  next: string;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export class LightspeedClient {
  private readonly root: URL;
  private readonly tokenEndpoint: URL;
  private readonly dispatcher: Dispatcher | undefined;
  /** Requests sent, token requests excluded (tests, benchmarks). */
  requests = 0;
  /** 429 answers met and waited out. */
  throttled = 0;
  /** Calls that waited for the bucket before being sent. */
  waited = 0;

  constructor(private readonly options: LightspeedClientOptions) {
    const api = checkConnectorUrl(options.apiRoot, options.urlPolicy);
    if (!api.ok)
      throw new LightspeedRefusedError(0, said("client.addressUnusable", { system: "Lightspeed", problem: api.said }));
    const token = checkConnectorUrl(options.tokenUrl, options.urlPolicy);
    if (!token.ok)
      throw new LightspeedRefusedError(0, said("lightspeed.signInAddressUnusable", { problem: token.said }));
    this.root = api.url;
    this.tokenEndpoint = token.url;
    this.dispatcher = connectorDispatcher(options.urlPolicy);
  }

  /** The bucket as last seen, drained to now; null before the first answer. */
  bucket(): { level: number; size: number } | null {
    const state = bucketsByAccount.get(this.options.key);
    if (!state) return null;
    return { level: drained(state, Date.now()), size: state.size };
  }

  url(path: string, query: Record<string, string | number> = {}): URL {
    const url = new URL(path, this.root);
    for (const [name, value] of Object.entries(query)) url.searchParams.set(name, String(value));
    return url;
  }

  async get(url: URL | string): Promise<Record<string, unknown>> {
    return this.send("GET", typeof url === "string" ? new URL(url) : url);
  }

  async write(method: "POST" | "PUT", url: URL, body: Record<string, unknown>): Promise<Record<string, unknown>> {
    return this.send(method, url, body);
  }

  /** Every row of a V3 list, following @attributes.next. */
  async eachPage(url: URL, name: string, onRows: (rows: Record<string, unknown>[]) => void): Promise<void> {
    let next: string = url.toString();
    while (next) {
      const answer = await this.get(next);
      const rows = asRows(answer[name]);
      if (rows.length) onRows(rows);
      const attributes = answer["@attributes"] as { next?: unknown } | undefined;
      next = typeof attributes?.next === "string" ? attributes.next : "";
    }
  }

  private async send(method: string, url: URL, body?: Record<string, unknown>): Promise<Record<string, unknown>> {
    const what = `${method} ${url.pathname.replace(/^.*\/API\/V3\//, "")}`;
    const cost = method === "GET" ? 1 : 10;
    let refreshed = 0;
    for (let throttled = 0; ;) {
      const tokens = this.options.tokens;
      if (tokens.refused) throw new LightspeedRefusedError(401, tokens.refused);
      await this.waitForRoom(cost);
      const accessToken = tokens.accessToken;
      this.requests++;
      const { status, json, headers } = await this.fetch(url, what, {
        method,
        headers: {
          authorization: `Bearer ${accessToken}`,
          accept: "application/json",
          ...(body ? { "content-type": "application/json" } : {}),
        },
        ...(body ? { body: JSON.stringify(body) } : {}),
      });
      this.observe(headers);
      if (status === 429) {
        this.throttled++;
        if (++throttled > (this.options.maxThrottled ?? 8))
          throw new LightspeedUnavailableError(said("lightspeed.bucketFull", { what }));
        const seconds = Number(headers.get("retry-after"));
        const state = bucketsByAccount.get(this.options.key);
        if (state) Object.assign(state, { level: state.size, at: Date.now() });
        await sleep((Number.isFinite(seconds) && seconds > 0 ? seconds : 1) * 1000);
        continue;
      }
      if (status === 401) {
        // Expired (or otherwise refused) access token: refresh and send again. Twice at most: the tokens
        // another process stored may have expired too; a third 401 is final.
        if (refreshed >= 2) throw new LightspeedRefusedError(401, REAUTHORIZE_SAID);
        await this.refresh(accessToken);
        refreshed++;
        continue;
      }
      if (status >= 500)
        throw new LightspeedUnavailableError(said("client.failed", { system: "Lightspeed", what, status }));
      if (json === undefined)
        throw new LightspeedRefusedError(status, said("client.notItsApiStop", { system: "Lightspeed", what, status }));
      if (status === 403) throw new LightspeedRefusedError(status, said("lightspeed.accountRefused"));
      if (status >= 300)
        throw new LightspeedRefusedError(
          status,
          status === 404
            ? said("client.unknownStop", { system: "Lightspeed", what })
            : said("client.refused", { system: "Lightspeed", what, status }),
        );
      return (json ?? {}) as Record<string, unknown>;
    }
  }

  /** Waits until `cost` units fit in the bucket as last seen, then counts them in (for this process's other calls). */
  private async waitForRoom(cost: number): Promise<void> {
    const state = bucketsByAccount.get(this.options.key);
    if (!state) return;
    for (;;) {
      const now = Date.now();
      const level = drained(state, now);
      if (level + cost <= state.size) {
        Object.assign(state, { level: level + cost, at: now });
        return;
      }
      this.waited++;
      // A little beyond the exact time: the two clocks and rounding of the level header.
      await sleep(Math.ceil(((level + cost - state.size) / state.dripPerSecond) * 1000) + 50);
    }
  }

  private observe(headers: Headers): void {
    const match = /^([\d.]+)\/([\d.]+)$/.exec(headers.get("x-ls-api-bucket-level")?.trim() ?? "");
    if (!match) return;
    const drip = Number(headers.get("x-ls-api-drip-rate"));
    bucketsByAccount.set(this.options.key, {
      level: Number(match[1]),
      size: Number(match[2]),
      dripPerSecond: Number.isFinite(drip) && drip > 0 ? drip : 1,
      at: Date.now(),
    });
  }

  /**
   * One refresh per account at a time: in the process (the calls share the refresh under way; a caller
   * whose token was already replaced just uses the new one) and across processes (rotateSecrets: one
   * process asks Lightspeed, the others take the pair it stored).
   */
  private async refresh(usedAccessToken: string): Promise<void> {
    const tokens = this.options.tokens;
    if (tokens.accessToken !== usedAccessToken) return;
    tokens.refreshing ??= this.rotate(tokens).finally(() => {
      tokens.refreshing = undefined;
    });
    await tokens.refreshing;
  }

  private async rotate(tokens: TokenState): Promise<void> {
    if (tokens.refused) throw new LightspeedRefusedError(401, tokens.refused);
    const shared = this.options.rotateSecrets;
    if (!shared) {
      const pair = await this.requestTokens(tokens, tokens.refreshToken);
      // Saved before use: the old refresh token no longer works, a crash now must not lose the new one.
      await this.options.saveSecrets(pair);
      this.use(tokens, pair, true);
      return;
    }
    const spent = tokens.refreshToken;
    let asked = false;
    const stored = await shared({
      // Still the refresh token this process holds: nobody has rotated it yet.
      needed: (current) => (current.refreshToken ?? "") === spent,
      rotate: async (current) => {
        asked = true;
        return this.requestTokens(tokens, current.refreshToken ?? spent);
      },
      claimMs: this.options.timeoutMs + 5_000,
    });
    this.use(tokens, { accessToken: stored.accessToken ?? "", refreshToken: stored.refreshToken ?? "" }, asked);
  }

  private use(tokens: TokenState, pair: { accessToken: string; refreshToken: string }, asked: boolean): void {
    tokens.accessToken = pair.accessToken;
    tokens.refreshToken = pair.refreshToken;
    tokens.seen.add(pair.refreshToken);
    if (asked) tokens.refreshes++;
  }

  /** Lightspeed's token endpoint: the new pair for this refresh token (which it then retires). */
  private async requestTokens(
    tokens: TokenState,
    refreshToken: string,
  ): Promise<{ accessToken: string; refreshToken: string }> {
    const form = new URLSearchParams({
      grant_type: "refresh_token",
      refresh_token: refreshToken,
      client_id: this.options.clientId,
      client_secret: this.options.clientSecret,
    });
    const { status, json } = await this.fetch(this.tokenEndpoint, "the token refresh", {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", accept: "application/json" },
      body: form.toString(),
    });
    const answer = (json ?? {}) as { access_token?: unknown; refresh_token?: unknown; error?: unknown };
    if (status >= 500) throw new LightspeedUnavailableError(said("lightspeed.signInFailed", { status }));
    if (status === 401 || answer.error === "invalid_client") {
      tokens.refused = said("lightspeed.clientRefused");
      throw new LightspeedRefusedError(401, tokens.refused);
    }
    if (status >= 400) {
      tokens.refused = REAUTHORIZE_SAID;
      throw new LightspeedRefusedError(status, REAUTHORIZE_SAID);
    }
    if (typeof answer.access_token !== "string" || !answer.access_token)
      throw new LightspeedUnavailableError(said("lightspeed.noAccessToken"));
    const rotated =
      typeof answer.refresh_token === "string" && answer.refresh_token ? answer.refresh_token : refreshToken;
    return { accessToken: answer.access_token, refreshToken: rotated };
  }

  private async fetch(
    url: URL,
    what: string,
    init: RequestInit,
  ): Promise<{ status: number; json: unknown; headers: Headers }> {
    const { timeoutMs } = this.options;
    try {
      const response = await outboundFetch(url, init, { timeoutMs, dispatcher: this.dispatcher });
      const text = await response.text();
      let json: unknown;
      try {
        json = text ? (JSON.parse(text) as unknown) : null;
      } catch {
        json = undefined;
      }
      return { status: response.status, json, headers: response.headers };
    } catch (error) {
      throw new LightspeedUnavailableError(
        said("client.unreachableBecause", {
          system: "Lightspeed",
          reason: outboundFailureSaid(error, { host: url.host, timeoutMs }),
        }),
        { cause: new Error(`${what} failed`, { cause: error }) },
      );
    }
  }
}

function drained(state: BucketState, now: number): number {
  return Math.max(0, state.level - ((now - state.at) / 1000) * state.dripPerSecond);
}

/** Lightspeed's collections: one row is an object, several an array, none absent. */
export function asRows(value: unknown): Record<string, unknown>[] {
  if (Array.isArray(value)) return value as Record<string, unknown>[];
  return value && typeof value === "object" ? [value as Record<string, unknown>] : [];
}
