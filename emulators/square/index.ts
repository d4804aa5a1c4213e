// The Square emulator: Locations, Catalog and Inventory API v2 as a stock sync uses them, Bearer tokens,
// Square's error body, a per-token rate limit, and inventory.count.updated webhooks signed as Square
// signs them. Built on emulators/_kit. See README.md.
import {
  ControlAnswer,
  ControlError,
  EmulatorClock,
  SlidingWindowLimiter,
  startEmulatorServer,
  type FaultInjector,
  type FaultRule,
  type RecordedCall,
} from "../_kit/index";
import { createApiHandler } from "./api";
import type { IdempotentAnswer } from "./context";
import { faultBody } from "./errors";
import { emitCountsUpdated } from "./inventory";
import { applySeed, DEMO_SEED, SeedError, type SquareSeed } from "./seed";
import { Merchant, STATES, UNTRACKED_STATES, type Count } from "./store";
import { subscriptionView, Webhooks, type Delivery } from "./webhooks";

export type { SquareSeed, SquareSeedVariation } from "./seed";
export type { Delivery } from "./webhooks";
export { DEMO_SEED } from "./seed";
export { squareSignature } from "./webhooks";
export { MAX_CHANGES } from "./inventory";

export interface SquareEmulatorOptions {
  port?: number;
  host?: string;
  /** Accepted access tokens (default: one demo token). */
  accessTokens?: string[];
  merchantId?: string;
  /** "demo", a seed, or nothing (an empty account). Reset returns to it. */
  seed?: "demo" | SquareSeed;
  /** Requests per window per access token (default 10 per 1000 ms). */
  rateLimit?: { limit: number; windowMs: number };
  /** Objects per page of GET /v2/catalog/list (default 100). */
  catalogPageSize?: number;
  faults?: FaultRule[];
  clock?: EmulatorClock;
  webhookTimeoutMs?: number;
}

export interface SquareEmulator {
  url: string;
  accessTokens: string[];
  clock: EmulatorClock;
  faults: FaultInjector;
  state(): ReturnType<Merchant["snapshot"]>;
  seed(seed: SquareSeed): void;
  /** A count done in the shop (fires inventory.count.updated). */
  setCount(input: { catalogObjectId: string; locationId: string; quantity: number; state?: string }): void;
  /** Registers a webhook subscription; answers it with its signature key. */
  subscribe(input: { notificationUrl: string; signatureKey?: string; eventTypes?: string[] }): {
    id: string;
    signatureKey: string;
  };
  deliveries(): Delivery[];
  /** Waits for every webhook delivery started so far. */
  deliveriesSettled(): Promise<Delivery[]>;
  revokeToken(token: string): void;
  reset(): void;
  calls(): RecordedCall[];
  close(): Promise<void>;
}

export const DEMO_ACCESS_TOKEN = "square-demo-access-token";

export async function startSquareEmulator(options: SquareEmulatorOptions = {}): Promise<SquareEmulator> {
  const clock = options.clock ?? new EmulatorClock();
  const merchantId = options.merchantId ?? "MLDEMO000001";
  const accessTokens = options.accessTokens ?? [DEMO_ACCESS_TOKEN];
  const initialSeed = options.seed === "demo" ? DEMO_SEED : options.seed;
  const fresh = () => {
    const merchant = new Merchant(merchantId);
    if (initialSeed) applySeed(merchant, initialSeed, clock.date());
    return merchant;
  };
  let merchant = fresh();
  const tokens = new Map<string, "active" | "revoked">();
  const idempotency = new Map<string, IdempotentAnswer>();
  const webhooks = new Webhooks(clock, () => merchantId, options.webhookTimeoutMs ?? 10_000);
  let rateLimit = options.rateLimit ?? { limit: 10, windowMs: 1_000 };
  let limiter = new SlidingWindowLimiter(clock, rateLimit.limit, rateLimit.windowMs);
  let catalogPageSize = options.catalogPageSize ?? 100;
  const reset = () => {
    merchant = fresh();
    tokens.clear();
    for (const token of accessTokens) tokens.set(token, "active");
    idempotency.clear();
    webhooks.clear();
    rateLimit = options.rateLimit ?? { limit: 10, windowMs: 1_000 };
    limiter = new SlidingWindowLimiter(clock, rateLimit.limit, rateLimit.windowMs);
    catalogPageSize = options.catalogPageSize ?? 100;
  };
  reset();

  const seed = (input: SquareSeed) => {
    try {
      applySeed(merchant, input, clock.date());
    } catch (error) {
      if (error instanceof SeedError) throw new ControlError(400, error.message);
      throw error;
    }
  };
  const setCount = (input: { catalogObjectId: string; locationId: string; quantity: number; state?: string }) => {
    const state = input.state ?? "IN_STOCK";
    if (!merchant.variations.has(input.catalogObjectId))
      throw new ControlError(404, `no item variation ${input.catalogObjectId}`);
    if (!merchant.locations.has(input.locationId)) throw new ControlError(404, `no location ${input.locationId}`);
    if (typeof input.quantity !== "number" || !Number.isFinite(input.quantity))
      throw new ControlError(400, "quantity must be a number");
    if (!STATES.has(state) || UNTRACKED_STATES.has(state)) throw new ControlError(400, `cannot count state ${state}`);
    const at = clock.date().toISOString();
    merchant.physicalCount(
      {
        objectId: input.catalogObjectId,
        locationId: input.locationId,
        state,
        quantity: input.quantity,
        occurredAt: at,
      },
      at,
      "control",
    );
    emitCountsUpdated({ webhooks }, [merchant.count(input.catalogObjectId, input.locationId, state) as Count]);
  };
  const subscribe = (input: { notificationUrl: string; signatureKey?: string; eventTypes?: string[] }) => {
    if (typeof input.notificationUrl !== "string" || !/^https?:\/\//.test(input.notificationUrl))
      throw new ControlError(400, "notificationUrl must be an http(s) URL");
    const subscription = webhooks.subscribe(input);
    return { id: subscription.id, signatureKey: subscription.signatureKey };
  };
  const revokeToken = (token: string) => {
    if (!tokens.has(token)) throw new ControlError(404, "no such access token");
    tokens.set(token, "revoked");
  };

  const server = await startEmulatorServer({
    port: options.port,
    host: options.host,
    clock,
    faults: options.faults,
    faultBody,
    handle: createApiHandler({
      merchant: () => merchant,
      clock,
      webhooks,
      idempotency,
      tokens,
      limiter: () => limiter,
      catalogPageSize: () => catalogPageSize,
    }),
    control: {
      reset,
      state: () => ({
        ...merchant.snapshot(),
        tokens: Object.fromEntries(tokens),
        rateLimit,
        subscriptions: [...webhooks.subscriptions.values()].map((subscription) => subscriptionView(subscription, true)),
        deliveries: webhooks.deliveries,
      }),
      routes: {
        "POST seed": ({ body }) => {
          seed(body as SquareSeed);
          return new ControlAnswer(201, merchant.snapshot());
        },
        "POST counts": ({ body }) => {
          const counts = Array.isArray(body.counts) ? body.counts : [body];
          for (const count of counts) setCount(count as Parameters<typeof setCount>[0]);
          return { counts: merchant.snapshot().counts };
        },
        "POST webhooks": ({ body }) => new ControlAnswer(201, subscribe(body as Parameters<typeof subscribe>[0])),
        "GET webhooks/deliveries": async () => ({ deliveries: await webhooks.settled() }),
        "POST tokens": ({ body }) => {
          if (typeof body.token !== "string" || !body.token) throw new ControlError(400, "token must be a string");
          tokens.set(body.token, "active");
          return new ControlAnswer(201, { tokens: Object.fromEntries(tokens) });
        },
        "POST tokens/:token/revoke": ({ params }) => {
          revokeToken(params.token);
          return { tokens: Object.fromEntries(tokens) };
        },
        "POST rate-limit": ({ body }) => {
          const { limit, windowMs } = body;
          if (typeof limit !== "number" || !Number.isInteger(limit) || limit < 0)
            throw new ControlError(400, "limit must be a whole number ≥ 0");
          if (windowMs !== undefined && (typeof windowMs !== "number" || windowMs <= 0))
            throw new ControlError(400, "windowMs must be a positive number");
          rateLimit = { limit, windowMs: (windowMs as number | undefined) ?? rateLimit.windowMs };
          limiter = new SlidingWindowLimiter(clock, rateLimit.limit, rateLimit.windowMs);
          return { rateLimit };
        },
        "POST catalog-page-size": ({ body }) => {
          if (typeof body.size !== "number" || !Number.isInteger(body.size) || body.size < 1)
            throw new ControlError(400, "size must be a whole number ≥ 1");
          catalogPageSize = body.size;
          return { catalogPageSize };
        },
      },
    },
  });

  return {
    url: server.url,
    accessTokens,
    clock,
    faults: server.faults,
    state: () => structuredClone(merchant.snapshot()),
    seed,
    setCount,
    subscribe,
    deliveries: () => [...webhooks.deliveries],
    deliveriesSettled: () => webhooks.settled(),
    revokeToken,
    reset: () => {
      reset();
      server.faults.clear();
      server.calls.clear();
    },
    calls: () => server.calls.list(),
    close: () => server.close(),
  };
}
