// The RetailCRM emulator: API v5 as a warehouse system uses it (module registration, leftovers and
// purchase prices, items, order shipments), its error envelope and rate limit, and the inventoriesUpload
// callback RetailCRM makes to the warehouse system. Built on emulators/_kit. See README.md.
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
import { Callbacks, type CallActionOptions, type CallbackRecord } from "./callbacks";
import { RetailCrmError } from "./envelope";
import { orderView } from "./orders";
import { isRecord } from "./params";
import { applySeed, DEMO_SEED, SeedError, type RetailCrmSeed } from "./seed";
import { Account } from "./store";

export type { RetailCrmSeed, SeedOffer, SeedProduct } from "./seed";
export type { CallbackRecord, CallActionOptions } from "./callbacks";
export { DEMO_SEED } from "./seed";
export { MAX_UPLOAD_OFFERS } from "./inventories";

export interface RetailCrmEmulatorOptions {
  port?: number;
  host?: string;
  /** Accepted API keys (default: one demo key). */
  apiKeys?: string[];
  /** The account's site (shop) code. */
  site?: string;
  /** "demo", a seed, or nothing (an empty account). Reset returns to it. */
  seed?: "demo" | RetailCrmSeed;
  /** Requests per second per API key (RetailCRM: 10). */
  rateLimitPerSecond?: number;
  faults?: FaultRule[];
  clock?: EmulatorClock;
  /** How long a callback to the app may take. */
  callbackTimeoutMs?: number;
}

export interface RetailCrmEmulator {
  /** e.g. http://127.0.0.1:41234 — the account URL; the API is under /api/v5. */
  url: string;
  apiKeys: string[];
  site: string;
  clock: EmulatorClock;
  faults: FaultInjector;
  /** The account's current data (a copy). */
  state(): ReturnType<Account["snapshot"]>;
  seed(seed: RetailCrmSeed): void;
  reset(): void;
  /** Calls the app's action as RetailCRM would at a call point. */
  callAction(moduleCode: string, actionCode: string, options?: CallActionOptions): Promise<CallbackRecord>;
  callbacks(): CallbackRecord[];
  calls(): RecordedCall[];
  close(): Promise<void>;
}

export const DEMO_API_KEY = "retailcrm-demo-api-key";

export async function startRetailCrmEmulator(options: RetailCrmEmulatorOptions = {}): Promise<RetailCrmEmulator> {
  const clock = options.clock ?? new EmulatorClock();
  const site = options.site ?? "passerelle-demo";
  const apiKeys = options.apiKeys ?? [DEMO_API_KEY];
  const initialSeed = options.seed === "demo" ? DEMO_SEED : options.seed;
  const fresh = () => {
    const account = new Account(site);
    if (initialSeed) applySeed(account, initialSeed, clock.date());
    return account;
  };
  let account = fresh();
  const limiter = new SlidingWindowLimiter(clock, options.rateLimitPerSecond ?? 10, 1_000);
  const callbacks = new Callbacks(() => account, clock, options.callbackTimeoutMs ?? 10_000);
  const reset = () => {
    account = fresh();
    limiter.reset();
    callbacks.clear();
  };
  const seed = (input: RetailCrmSeed) => {
    try {
      applySeed(account, input, clock.date());
    } catch (error) {
      if (error instanceof SeedError) throw new ControlError(400, error.message);
      throw error;
    }
  };

  const server = await startEmulatorServer({
    port: options.port,
    host: options.host,
    clock,
    faults: options.faults,
    faultBody: (status) => new RetailCrmError(status, "Service temporarily unavailable").body(),
    handle: createApiHandler({ account: () => account, clock, apiKeys: new Set(apiKeys), limiter }),
    control: {
      reset,
      state: () => ({ ...account.snapshot(), callbacks: callbacks.log }),
      routes: {
        "POST seed": ({ body }) => {
          seed(body as RetailCrmSeed);
          return new ControlAnswer(201, account.snapshot());
        },
        "GET orders/:externalId": ({ params }) => {
          const order = account.findOrder(params.externalId, "externalId");
          if (!order) throw new ControlError(404, `no order ${params.externalId}`);
          return orderView(order);
        },
        "POST modules/:code/actions/:action/call": async ({ params, body }) => {
          const fields = body.fields;
          if (fields !== undefined && !isRecord(fields)) throw new ControlError(400, "fields must be an object");
          if (body.callPoint !== undefined && typeof body.callPoint !== "string")
            throw new ControlError(400, "callPoint must be a string");
          const record = await callbacks.call(params.code, params.action, {
            callPoint: body.callPoint as string | undefined,
            fields: fields as Record<string, unknown> | undefined,
          });
          return new ControlAnswer(record.status ? 200 : 502, record);
        },
        "GET callbacks": () => ({ callbacks: callbacks.log }),
      },
    },
  });

  return {
    url: server.url,
    apiKeys,
    site,
    clock,
    faults: server.faults,
    state: () => structuredClone(account.snapshot()),
    seed,
    reset: () => {
      reset();
      server.faults.clear();
      server.calls.clear();
    },
    callAction: (moduleCode, actionCode, callOptions) => callbacks.call(moduleCode, actionCode, callOptions),
    callbacks: () => [...callbacks.log],
    calls: () => server.calls.list(),
    close: () => server.close(),
  };
}
