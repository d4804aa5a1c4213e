// The Hiboutik emulator: the REST API of one account (https://{account}.hiboutik.com/api/) as a stock
// sync uses it — products, stock available per warehouse, sales with stock withdrawal — with Basic auth,
// the call quota and Hiboutik's error body. Built on emulators/_kit. See README.md.
import {
  ControlAnswer,
  ControlError,
  EmulatorClock,
  startEmulatorServer,
  type FaultInjector,
  type FaultRule,
  type RecordedCall,
} from "../_kit/index";
import { createApiHandler } from "./api";
import { faultBody } from "./errors";
import { CallQuota, type QuotaPeriod } from "./quota";
import { applySeed, DEMO_SEED, SeedError, type HiboutikSeed } from "./seed";
import { HiboutikAccount } from "./store";

export type { HiboutikSeed, HiboutikSeedProduct } from "./seed";
export type { QuotaPeriod } from "./quota";
export { DEMO_SEED } from "./seed";

export interface HiboutikEmulatorOptions {
  port?: number;
  host?: string;
  /** The account name (the {account} of {account}.hiboutik.com). */
  account?: string;
  /** API users: e-mail and API key (default: one demo user). */
  users?: { email: string; apiKey: string }[];
  seed?: "demo" | HiboutikSeed;
  /** Calls allowed per period (the seed's MaximumRequests; default 10,000 per day). */
  quota?: { limit: number; period?: QuotaPeriod };
  /** Rows per page of long lists (Hiboutik: 250). */
  pageSize?: number;
  faults?: FaultRule[];
  clock?: EmulatorClock;
}

export interface HiboutikEmulator {
  url: string;
  account: string;
  users: { email: string; apiKey: string }[];
  clock: EmulatorClock;
  faults: FaultInjector;
  state(): ReturnType<HiboutikAccount["snapshot"]>;
  seed(seed: HiboutikSeed): void;
  /** Stock counted or sold in the shop. */
  setStock(input: { productId: number; warehouseId: number; quantity: number; sizeId?: number }): void;
  quota(): ReturnType<CallQuota["snapshot"]>;
  reset(): void;
  calls(): RecordedCall[];
  close(): Promise<void>;
}

export const DEMO_USER = { email: "demo@passerelle.test", apiKey: "hiboutik-demo-api-key" };

export async function startHiboutikEmulator(options: HiboutikEmulatorOptions = {}): Promise<HiboutikEmulator> {
  const clock = options.clock ?? new EmulatorClock();
  const accountName = options.account ?? "passerelle-demo";
  const userList = options.users ?? [DEMO_USER];
  const users = new Map(userList.map((user) => [user.email.toLowerCase(), user.apiKey]));
  const initialSeed = options.seed === "demo" ? DEMO_SEED : options.seed;
  const fresh = () => {
    const account = new HiboutikAccount(accountName);
    if (initialSeed) applySeed(account, initialSeed);
    return account;
  };
  let account = fresh();
  const quota = new CallQuota(clock, options.quota?.limit ?? 10_000, options.quota?.period ?? "day");
  let pageSize = options.pageSize ?? 250;
  const reset = () => {
    account = fresh();
    quota.reset();
    quota.limit = options.quota?.limit ?? 10_000;
    quota.period = options.quota?.period ?? "day";
    pageSize = options.pageSize ?? 250;
  };

  const seed = (input: HiboutikSeed) => {
    try {
      applySeed(account, input);
    } catch (error) {
      if (error instanceof SeedError) throw new ControlError(400, error.message);
      throw error;
    }
  };
  const setStock = (input: { productId: number; warehouseId: number; quantity: number; sizeId?: number }) => {
    const product = account.products.get(input.productId);
    if (!product) throw new ControlError(404, `no product ${input.productId}`);
    if (!product.sizes.has(input.sizeId ?? 0)) throw new ControlError(404, `no size ${input.sizeId ?? 0}`);
    if (!account.warehouses.has(input.warehouseId)) throw new ControlError(404, `no warehouse ${input.warehouseId}`);
    if (typeof input.quantity !== "number" || !Number.isFinite(input.quantity))
      throw new ControlError(400, "quantity must be a number");
    account.setStock(input.productId, input.sizeId ?? 0, input.warehouseId, input.quantity);
  };

  const server = await startEmulatorServer({
    port: options.port,
    host: options.host,
    clock,
    faults: options.faults,
    faultBody,
    handle: createApiHandler({ account: () => account, clock, users, quota, pageSize: () => pageSize }),
    control: {
      reset,
      state: () => ({ ...account.snapshot(), quota: quota.snapshot() }),
      routes: {
        "POST seed": ({ body }) => {
          seed(body as HiboutikSeed);
          return new ControlAnswer(201, account.snapshot());
        },
        "POST stock": ({ body }) => {
          const lines = Array.isArray(body.stock) ? body.stock : [body];
          for (const line of lines) setStock(line as Parameters<typeof setStock>[0]);
          return { stock: account.stockLines({}) };
        },
        "GET quota": () => quota.snapshot(),
        // { limit?, period?, used? }: change the quota, or use up calls as another app would.
        "POST quota": ({ body }) => {
          if (body.limit !== undefined) {
            if (typeof body.limit !== "number" || !Number.isInteger(body.limit) || body.limit < 0)
              throw new ControlError(400, "limit must be a whole number ≥ 0");
            quota.limit = body.limit;
          }
          if (body.period !== undefined) {
            if (body.period !== "day" && body.period !== "month")
              throw new ControlError(400, "period must be day or month");
            quota.period = body.period;
          }
          if (body.consume !== undefined) {
            if (typeof body.consume !== "number" || body.consume < 0)
              throw new ControlError(400, "consume must be a number ≥ 0");
            quota.consume(body.consume);
          }
          return quota.snapshot();
        },
        "POST page-size": ({ body }) => {
          if (typeof body.size !== "number" || !Number.isInteger(body.size) || body.size < 1)
            throw new ControlError(400, "size must be a whole number ≥ 1");
          pageSize = body.size;
          return { pageSize };
        },
      },
    },
  });

  return {
    url: server.url,
    account: accountName,
    users: userList,
    clock,
    faults: server.faults,
    state: () => structuredClone(account.snapshot()),
    seed,
    setStock,
    quota: () => quota.snapshot(),
    reset: () => {
      reset();
      server.faults.clear();
      server.calls.clear();
    },
    calls: () => server.calls.list(),
    close: () => server.close(),
  };
}
