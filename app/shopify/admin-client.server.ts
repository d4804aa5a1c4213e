// The one Admin GraphQL client of the app. Paces on the shop's cost bucket before sending, retries
// THROTTLED / 429 / 5xx / network failures with backoff, and turns everything else into typed errors.
// It uses undici's fetch explicitly: remix-serve replaces the global fetch with a polyfill that would
// bypass the process's dispatcher (api-origin.server.ts).
import { fetch, type Response } from "undici";
import { PermanentError, TransientError, AuthenticationError } from "../lib/errors";
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

export class ShopifyGraphQLError extends PermanentError {
  constructor(
    readonly operation: string,
    readonly errors: { message: string; extensions?: { code?: string } }[],
  ) {
    super(`Shopify rejected ${operation}: ${errors.map((e) => e.message).join("; ")}`);
  }
}

export class ShopifyUserErrors extends PermanentError {
  constructor(
    readonly operation: string,
    readonly userErrors: UserError[],
  ) {
    super(
      `${operation} failed: ${userErrors.map((e) => (e.field?.length ? `${e.field.join(".")}: ${e.message}` : e.message)).join("; ")}`,
    );
  }
}

export class ShopifyUnavailableError extends TransientError {}

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
    let lastStatus = 0;
    let lastRequestId: string | null = null;
    for (let attempt = 1; ; attempt++) {
      await this.wait(this.bucket.reserve(expectedCost));
      let response: Response;
      try {
        response = await fetch(this.endpoint, {
          method: "POST",
          headers: {
            "content-type": "application/json",
            accept: "application/json",
            "x-shopify-access-token": this.accessToken,
          },
          body: JSON.stringify({ query: operation.document, variables: variables ?? {}, operationName: operation.name }),
          signal: AbortSignal.timeout(this.timeoutMs),
        });
      } catch (cause) {
        if (attempt >= this.maxAttempts) throw this.fail(operation.name, started, attempt, 0, null, new ShopifyUnavailableError(`Shopify did not answer ${operation.name}`, { cause }));
        await this.wait(backoffDelay(attempt));
        continue;
      }
      lastStatus = response.status;
      lastRequestId = response.headers.get("x-request-id");

      if (response.status === 401 || response.status === 403) {
        throw this.fail(operation.name, started, attempt, response.status, lastRequestId,
          new AuthenticationError(`Shopify refused the app's access token for ${this.shop} (HTTP ${response.status}); reinstall or re-open the app`));
      }
      if (response.status === 429 || response.status >= 500) {
        if (attempt >= this.maxAttempts) throw this.fail(operation.name, started, attempt, response.status, lastRequestId, new ShopifyUnavailableError(`Shopify answered HTTP ${response.status} to ${operation.name}`));
        const retryAfter = Number(response.headers.get("retry-after"));
        await response.body?.cancel();
        await this.wait(Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter * 1000 : backoffDelay(attempt));
        continue;
      }
      if (!response.ok) {
        const text = await response.text();
        throw this.fail(operation.name, started, attempt, response.status, lastRequestId, new PermanentError(`Shopify answered HTTP ${response.status} to ${operation.name}: ${text.slice(0, 300)}`));
      }

      const body = (await response.json()) as GraphQLResponse<TData>;
      const cost = body.extensions?.cost;
      if (cost) this.bucket.observe(cost.throttleStatus);

      if (body.errors?.some((e) => e.extensions?.code === "THROTTLED")) {
        if (attempt >= this.maxAttempts) throw this.fail(operation.name, started, attempt, response.status, lastRequestId, new ShopifyUnavailableError(`Shopify kept throttling ${operation.name}`));
        // The bucket now holds Shopify's figures; reserve() will wait for the refill before retrying.
        continue;
      }
      if (body.errors?.length || !body.data) {
        throw this.fail(operation.name, started, attempt, response.status, lastRequestId, new ShopifyGraphQLError(operation.name, body.errors ?? [{ message: "no data" }]));
      }
      this.onCall?.({ shop: this.shop, operation: operation.name, status: lastStatus, attempts: attempt, cost, requestId: lastRequestId, durationMs: Date.now() - started });
      return { data: body.data, cost };
    }
  }

  private fail(operation: string, started: number, attempts: number, status: number, requestId: string | null, error: Error): Error {
    this.onCall?.({ shop: this.shop, operation, status, attempts, requestId, durationMs: Date.now() - started, error: error.message });
    return error;
  }
}

/** Throws when a mutation payload carries userErrors; returns the payload otherwise. */
export function assertNoUserErrors<T extends { userErrors?: UserError[] | null }>(operation: string, payload: T | null | undefined): T {
  if (!payload) throw new PermanentError(`${operation} returned nothing`);
  if (payload.userErrors && payload.userErrors.length > 0) throw new ShopifyUserErrors(operation, payload.userErrors);
  return payload;
}
