// The Tuyo marketplace emulator: the seller API of seed 004 (categories, products, stock, promos,
// order progress) with its x-api-token keys (production and testing), its fresh-timestamp rule and its
// { status, response } answers. Built on emulators/_kit. See README.md.
import {
  ControlAnswer,
  ControlError,
  EmulatorClock,
  startEmulatorServer,
  type ControlRequest,
  type FaultInjector,
  type FaultRule,
  type RecordedCall,
} from "../_kit/index";
import { createApiHandler } from "./api";
import { TuyoError } from "./envelope";
import { OrderError, placeOrder, type NewOrder } from "./orders";
import { applySeed, DEMO_CATEGORIES, DEMO_KEYS, DEMO_STORE, SeedError, type TuyoSeed } from "./seed";
import { MODES, Tuyo, type ApiKey, type Catalog, type Mode, type Order, type Product, type Store } from "./store";

export type { TuyoSeed } from "./seed";
export type { ApiKey, Category, Mode, Order, Product, Store, Variant } from "./store";
export type { NewOrder } from "./orders";
export { DEMO_CATEGORIES, DEMO_KEYS, DEMO_PRODUCTION_TOKEN, DEMO_STORE, DEMO_TESTING_TOKEN } from "./seed";
export { MAX_SKU_LENGTH } from "./fields";

export interface TuyoEmulatorOptions {
  port?: number;
  host?: string;
  /** Sellers' stores with their branch and user ids (default: DEMO_STORE). */
  stores?: Store[];
  /** API keys, each for one store in one environment (default: DEMO_KEYS, production and testing). */
  keys?: ApiKey[];
  /** "demo" (default): DEMO_CATEGORIES; "empty": no categories; or a seed. Reset returns to it. */
  seed?: "demo" | "empty" | TuyoSeed;
  /** How far `timestamp` may be from the emulator clock, either way (default 5 minutes). */
  timestampToleranceMs?: number;
  faults?: FaultRule[];
  clock?: EmulatorClock;
}

export interface TuyoEmulator {
  url: string;
  keys: ApiKey[];
  clock: EmulatorClock;
  faults: FaultInjector;
  state(): ReturnType<Tuyo["snapshot"]>;
  /** The products of a store (default: the first) in an environment (default: production). */
  products(mode?: Mode, storeId?: number): Product[];
  orders(mode?: Mode, storeId?: number): Order[];
  seed(seed: TuyoSeed): void;
  /** A sale on Tuyo, as a customer would make it: stock is taken, the order awaits the seller. */
  createOrder(order: NewOrder, where?: { mode?: Mode; storeId?: number }): Order;
  reset(): void;
  calls(): RecordedCall[];
  close(): Promise<void>;
}

export async function startTuyoEmulator(options: TuyoEmulatorOptions = {}): Promise<TuyoEmulator> {
  const clock = options.clock ?? new EmulatorClock();
  const stores = options.stores ?? [DEMO_STORE];
  const keys = options.keys ?? DEMO_KEYS;
  const initialSeed: TuyoSeed | undefined =
    options.seed === "empty"
      ? undefined
      : options.seed === "demo" || !options.seed
        ? { categories: DEMO_CATEGORIES }
        : options.seed;
  const fresh = () => {
    const tuyo = new Tuyo(structuredClone(stores), keys);
    if (initialSeed) applySeed(tuyo, structuredClone(initialSeed), clock.date().toISOString());
    return tuyo;
  };
  let tuyo = fresh();

  const catalogOf = (mode: unknown = "production", storeId: unknown = stores[0]?.id): Catalog => {
    if (!MODES.includes(mode as Mode)) throw new ControlError(400, "mode must be production or testing");
    const catalog = tuyo.catalog(mode as Mode, Number(storeId));
    if (!catalog) throw new ControlError(404, `no store ${String(storeId)}`);
    return catalog;
  };
  const catalogIn = ({ query }: ControlRequest) =>
    catalogOf(query.get("mode") ?? undefined, query.get("storeId") ?? undefined);
  const seed = (input: TuyoSeed) => {
    try {
      applySeed(tuyo, input, clock.date().toISOString());
    } catch (error) {
      if (error instanceof SeedError) throw new ControlError(error.status, error.message);
      throw error;
    }
  };
  const createOrder = (input: NewOrder, where: { mode?: Mode; storeId?: number } = {}) => {
    const catalog = catalogOf(where.mode, where.storeId);
    try {
      return placeOrder(catalog, input, input?.code ?? tuyo.nextOrderCode(catalog), clock.date().toISOString());
    } catch (error) {
      if (error instanceof OrderError) throw new ControlError(error.status, error.message);
      throw error;
    }
  };

  const server = await startEmulatorServer({
    port: options.port,
    host: options.host,
    clock,
    faults: options.faults,
    faultBody: (status) => new TuyoError(status, status >= 500 ? "Internal Server Error" : "Injected error").body(),
    handle: createApiHandler({
      tuyo: () => tuyo,
      clock,
      timestampToleranceMs: options.timestampToleranceMs ?? 5 * 60_000,
    }),
    control: {
      reset: () => (tuyo = fresh()),
      state: () => tuyo.snapshot(),
      routes: {
        "POST seed": ({ body }) => {
          seed(body as TuyoSeed);
          return new ControlAnswer(201, tuyo.snapshot());
        },
        "GET products": (request) => ({ products: [...catalogIn(request).products.values()] }),
        "GET products/:sku": (request) => {
          const product = catalogIn(request).products.get(request.params.sku);
          if (!product) throw new ControlError(404, `no product ${request.params.sku}`);
          return product;
        },
        "GET orders": (request) => ({ orders: [...catalogIn(request).orders.values()] }),
        "GET orders/:code": (request) => {
          const order = catalogIn(request).orders.get(request.params.code);
          if (!order) throw new ControlError(404, `no order ${request.params.code}`);
          return order;
        },
        "POST orders": ({ body }) =>
          new ControlAnswer(
            201,
            createOrder(body as unknown as NewOrder, {
              mode: body.mode as Mode | undefined,
              storeId: body.storeId as number | undefined,
            }),
          ),
      },
    },
  });

  return {
    url: server.url,
    keys,
    clock,
    faults: server.faults,
    state: () => structuredClone(tuyo.snapshot()),
    products: (mode, storeId) => structuredClone([...catalogOf(mode, storeId).products.values()]),
    orders: (mode, storeId) => structuredClone([...catalogOf(mode, storeId).orders.values()]),
    seed,
    createOrder: (order, where) => structuredClone(createOrder(order, where)),
    reset: () => {
      tuyo = fresh();
      server.faults.clear();
      server.calls.clear();
    },
    calls: () => server.calls.list(),
    close: () => server.close(),
  };
}
