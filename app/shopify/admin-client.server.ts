// The one Admin GraphQL client of the app. Paces on the shop's cost bucket before sending, retries
// THROTTLED / 429 / 5xx / network failures with backoff, and turns everything else into typed errors.
// It uses undici's fetch explicitly: remix-serve replaces the global fetch with a polyfill that would
// bypass the process's dispatcher (api-origin.server.ts).
import { fetch, type Response } from "undici";
import { type Message, said } from "../i18n/stored-words";
import { PermanentError, TransientError, AuthenticationError } from "../lib/errors";
import { outboundFailureSaid } from "../lib/http-outbound.server";
import { backoffDelay, sleep } from "../lib/time";
import { SHOPIFY_API_VERSION } from "./api-version";
import { bucketForShop, type CostBucket, type ThrottleStatus } from "./cost-bucket";
import { expectedCostOf, type AdminOperation, type UserError } from "./operation";

export interface QueryCost {
  requestedQueryCost: number;
  actualQueryCost: number | null;
  throttleStatus: ThrottleStatus;
}

export interface AdminCallRecord {
  shop: string;
  operation: string;
  status: number;
  attempts: number;
  cost?: QueryCost;
  requestId?: string | null;
  durationMs: number;
  error?: string;
}

export interface AdminClientOptions {
  shop: string;
  accessToken: string;
  apiVersion?: string;
  maxAttempts?: number;
  timeoutMs?: number;
  bucket?: CostBucket;
  /** Called once per operation (after retries) — the per-call API log. */
  onCall?: (record: AdminCallRecord) => void;
  sleep?: (ms: number) => Promise<void>;
}

/** The first backoff step after a 5xx or network failure (500 ms). Tests that put Shopify in an outage on
 *  purpose shorten it: the same tries, without seconds of waiting. */
export const adminRetryBackoff = { baseMs: 500 };

export class ShopifyGraphQLError extends PermanentError {
  constructor(
    readonly operation: string,
    readonly errors: { message: string; extensions?: { code?: string } }[],
  ) {
    super(said("shopify.rejected", { operation, errors: errors.map((e) => e.message).join("; ") }));
  }
}

export class ShopifyUserErrors extends PermanentError {
  constructor(
    readonly operation: string,
    readonly userErrors: UserError[],
  ) {
    const errors = userErrors.map((e) => (e.field?.length ? `${e.field.join(".")}: ${e.message}` : e.message));
    super(said("shopify.userErrors", { operation, errors: errors.join("; ") }));
  }
}

export class ShopifyUnavailableError extends TransientError {}

type AttemptOutcome<TData> =
  | { kind: "done"; status: number; requestId: string | null; data: TData; cost?: QueryCost }
  | { kind: "failed"; status: number; requestId: string | null; error: Error }
  /** Worth another attempt; retryAfterMs: wait this long (null: backoff), undefined: the bucket paces it. */
  | {
      kind: "retry";
      status: number;
      requestId: string | null;
      reason: Message;
      cause?: unknown;
      retryAfterMs?: number | null;
    };

interface GraphQLResponse<TData> {
  data?: TData;
  errors?: { message: string; extensions?: { code?: string } }[];
  extensions?: { cost?: QueryCost };
}

export class ShopifyAdminClient {
  readonly shop: string;
  private readonly accessToken: string;
  private readonly endpoint: string;
  private readonly maxAttempts: number;
  private readonly timeoutMs: number;
  private readonly bucket: CostBucket;
  private readonly onCall?: (record: AdminCallRecord) => void;
  private readonly wait: (ms: number) => Promise<void>;

  constructor(options: AdminClientOptions) {
    this.shop = options.shop;
    this.accessToken = options.accessToken;
    this.endpoint = `https://${options.shop}/admin/api/${options.apiVersion ?? SHOPIFY_API_VERSION}/graphql.json`;
    this.maxAttempts = options.maxAttempts ?? 6;
    this.timeoutMs = options.timeoutMs ?? 30_000;
    this.bucket = options.bucket ?? bucketForShop(options.shop);
    this.onCall = options.onCall;
    this.wait = options.sleep ?? sleep;
  }

  /** Runs an operation and returns its data; throws typed errors, never returns a THROTTLED answer. */
  async request<TData, TVariables>(
    operation: AdminOperation<TData, TVariables>,
    variables?: TVariables,
  ): Promise<{ data: TData; cost?: QueryCost }> {
    const started = Date.now();
    const expectedCost = expectedCostOf(operation, (variables ?? {}) as TVariables);
    for (let attempt = 1; ; attempt++) {
      await this.bucket.acquire(expectedCost, this.wait);
      const outcome = await this.attempt(operation, variables, expectedCost);
      if (outcome.kind === "done") {
        this.onCall?.({
          shop: this.shop,
          operation: operation.name,
          status: outcome.status,
          attempts: attempt,
          cost: outcome.cost,
          requestId: outcome.requestId,
          durationMs: Date.now() - started,
        });
        return { data: outcome.data, cost: outcome.cost };
      }
      if (outcome.kind === "failed" || attempt >= this.maxAttempts) {
        const error =
          outcome.kind === "failed"
            ? outcome.error
            : new ShopifyUnavailableError(outcome.reason, { cause: outcome.cause });
        throw this.fail(operation.name, started, attempt, outcome.status, outcome.requestId, error);
      }
      // After THROTTLED the bucket holds Shopify's figures and reserve() waits for the refill; other failures back off.
      if (outcome.retryAfterMs !== undefined)
        await this.wait(outcome.retryAfterMs ?? backoffDelay(attempt, adminRetryBackoff.baseMs));
    }
  }

  /** One HTTP round trip; settles the points it booked whatever happens. */
  private async attempt<TData, TVariables>(
    operation: AdminOperation<TData, TVariables>,
    variables: TVariables | undefined,
    expectedCost: number,
  ): Promise<AttemptOutcome<TData>> {
    let reported: ThrottleStatus | undefined;
    try {
      let response: Response;
      try {
        response = await fetch(this.endpoint, {
          method: "POST",
          headers: {
            "content-type": "application/json",
            accept: "application/json",
            "x-shopify-access-token": this.accessToken,
          },
          body: JSON.stringify({
            query: operation.document,
            variables: variables ?? {},
            operationName: operation.name,
          }),
          signal: AbortSignal.timeout(this.timeoutMs),
        });
      } catch (cause) {
        return {
          kind: "retry",
          status: 0,
          requestId: null,
          reason: said("words7.shopify.noAnswer", { operation: operation.name }),
          cause,
          retryAfterMs: null,
        };
      }
      const status = response.status;
      const requestId = response.headers.get("x-request-id");
      if (status === 401 || status === 403) {
        await response.body?.cancel();
        const message = said("shopify.tokenRefused", { shop: this.shop, status });
        return { kind: "failed", status, requestId, error: new AuthenticationError(message) };
      }
      if (status === 429 || status >= 500) {
        const retryAfter = Number(response.headers.get("retry-after"));
        await response.body?.cancel();
        const retryAfterMs = Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter * 1000 : null;
        return {
          kind: "retry",
          status,
          requestId,
          reason: said("words7.shopify.httpStatus", { status, operation: operation.name }),
          retryAfterMs,
        };
      }
      if (!response.ok) {
        const text = await response.text().catch(() => "");
        return {
          kind: "failed",
          status,
          requestId,
          error: new PermanentError(
            said("words5.shopify.httpRefused", { status, operation: operation.name, answer: text.slice(0, 300) }),
          ),
        };
      }
      let body: GraphQLResponse<TData>;
      try {
        body = (await response.json()) as GraphQLResponse<TData>;
      } catch (cause) {
        // The deadline also covers the body; a cut or unreadable answer is worth another try.
        const reason = said("words7.shopify.incomplete", {
          operation: operation.name,
          reason: outboundFailureSaid(cause, { timeoutMs: this.timeoutMs }),
        });
        return { kind: "retry", status, requestId, reason, cause, retryAfterMs: null };
      }
      const cost = body.extensions?.cost;
      reported = cost?.throttleStatus;
      if (body.errors?.some((e) => e.extensions?.code === "THROTTLED")) {
        return {
          kind: "retry",
          status,
          requestId,
          reason: said("words7.shopify.throttled", { operation: operation.name }),
        };
      }
      if (body.errors?.length || !body.data) {
        return {
          kind: "failed",
          status,
          requestId,
          error: new ShopifyGraphQLError(operation.name, body.errors ?? [{ message: "no data" }]),
        };
      }
      return { kind: "done", status, requestId, data: body.data, cost };
    } finally {
      this.bucket.settle(expectedCost, reported);
    }
  }

  private fail(
    operation: string,
    started: number,
    attempts: number,
    status: number,
    requestId: string | null,
    error: Error,
  ): Error {
    this.onCall?.({
      shop: this.shop,
      operation,
      status,
      attempts,
      requestId,
      durationMs: Date.now() - started,
      error: error.message,
    });
    return error;
  }
}

/** Throws when a mutation payload carries userErrors; returns the payload otherwise. */
export function assertNoUserErrors<T extends { userErrors?: UserError[] | null }>(
  operation: string,
  payload: T | null | undefined,
): T {
  if (!payload) throw new PermanentError(said("words6.shopify.returnedNothing", { operation }));
  if (payload.userErrors && payload.userErrors.length > 0) throw new ShopifyUserErrors(operation, payload.userErrors);
  return payload;
}
