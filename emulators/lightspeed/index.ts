// The Lightspeed Retail (R-Series) emulator: API V3 (and the older /API/Account paths) as a stock sync
// uses it — Item with ItemShops qoh, ItemShop, Sale — with OAuth tokens that expire and rotate, and the
// leaky bucket. Built on emulators/_kit. See README.md.
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
import { DEFAULT_BUCKET, LeakyBucket, type BucketSettings } from "./bucket";
import { lightspeedTime } from "./context";
import { faultBody } from "./errors";
import { TokenBook, type OAuthClient, type TokenPair } from "./oauth";
import { applySeed, DEMO_SEED, SeedError, type LightspeedSeed } from "./seed";
import { Account } from "./store";

export type { LightspeedSeed, LightspeedSeedItem } from "./seed";
export type { TokenPair, OAuthClient } from "./oauth";
export { DEMO_SEED } from "./seed";

export interface LightspeedEmulatorOptions {
  port?: number;
  host?: string;
  accountID?: string;
  accountName?: string;
  /** The app's OAuth client (default: one demo client). */
  clients?: OAuthClient[];
  seed?: "demo" | LightspeedSeed;
  /** Lifetime of an access token (Lightspeed: 3600 s). */
  accessTokenTtlSeconds?: number;
  bucket?: Partial<BucketSettings>;
  faults?: FaultRule[];
  clock?: EmulatorClock;
}

export interface LightspeedEmulator {
  url: string;
  accountID: string;
  clients: OAuthClient[];
  clock: EmulatorClock;
  faults: FaultInjector;
  state(): ReturnType<Account["snapshot"]>;
  seed(seed: LightspeedSeed): void;
  /** As if the merchant had authorised the app: a fresh access and refresh token. */
  issueTokens(): TokenPair;
  /** The merchant disconnects the app (one grant by its refresh token, or all). */
  revokeTokens(refreshToken?: string): number;
  /** Access tokens expire now (one, or all). */
  expireAccessTokens(accessToken?: string): number;
  /** A count or sale in the shop. */
  setQoh(itemID: number, shopID: number, qoh: number): void;
  bucket(): ReturnType<LeakyBucket["snapshot"]>;
  reset(): void;
  calls(): RecordedCall[];
  close(): Promise<void>;
}

export const DEMO_CLIENT: OAuthClient = { clientId: "lightspeed-demo-client", clientSecret: "lightspeed-demo-secret" };

export async function startLightspeedEmulator(options: LightspeedEmulatorOptions = {}): Promise<LightspeedEmulator> {
  const clock = options.clock ?? new EmulatorClock();
  const accountID = options.accountID ?? "123456";
  const clients = options.clients ?? [DEMO_CLIENT];
  const initialSeed = options.seed === "demo" ? DEMO_SEED : options.seed;
  const now = () => lightspeedTime(clock.date());
  const fresh = () => {
    const account = new Account(accountID, options.accountName ?? "Passerelle demo");
    if (initialSeed) applySeed(account, initialSeed, now());
    return account;
  };
  let account = fresh();
  const ttl = options.accessTokenTtlSeconds ?? 3600;
  const tokens = new TokenBook(clock, clients, ttl);
  const settings = (): BucketSettings => ({ ...DEFAULT_BUCKET, ...options.bucket });
  let bucket = new LeakyBucket(clock, settings());
  const reset = () => {
    account = fresh();
    tokens.clear();
    tokens.accessTtlSeconds = ttl;
    bucket = new LeakyBucket(clock, settings());
  };

  const seed = (input: LightspeedSeed) => {
    try {
      applySeed(account, input, now());
    } catch (error) {
      if (error instanceof SeedError) throw new ControlError(400, error.message);
      throw error;
    }
  };
  const setQoh = (itemID: number, shopID: number, qoh: number) => {
    if (!account.items.has(itemID)) throw new ControlError(404, `no item ${itemID}`);
    if (!account.shops.has(shopID)) throw new ControlError(404, `no shop ${shopID}`);
    if (!Number.isInteger(qoh)) throw new ControlError(400, "qoh must be a whole number");
    account.setQoh(itemID, shopID, qoh, now());
  };

  const server = await startEmulatorServer({
    port: options.port,
    host: options.host,
    clock,
    faults: options.faults,
    faultBody,
    handle: createApiHandler({ account: () => account, clock, tokens, bucket: () => bucket }),
    control: {
      reset,
      state: () => ({
        ...account.snapshot(now()),
        bucket: bucket.snapshot(),
        tokenRequests: tokens.log,
        accessTokenTtlSeconds: tokens.accessTtlSeconds,
      }),
      routes: {
        "POST seed": ({ body }) => {
          seed(body as LightspeedSeed);
          return new ControlAnswer(201, account.snapshot(now()));
        },
        "POST qoh": ({ body }) => {
          setQoh(Number(body.itemID), Number(body.shopID), body.qoh as number);
          return account.snapshot(now()).items.find((item) => item.itemID === Number(body.itemID));
        },
        "POST tokens": () => new ControlAnswer(201, tokens.issue(accountID)),
        "POST oauth/code": () => new ControlAnswer(201, { code: tokens.code(accountID) }),
        // { refreshToken? }: that grant, or every grant.
        "POST tokens/revoke": ({ body }) => ({
          revoked: tokens.revoke(typeof body.refreshToken === "string" ? body.refreshToken : undefined),
        }),
        // { accessToken?, ttlSeconds? }: expire now, and/or change the lifetime of tokens issued from now on.
        "POST tokens/expire": ({ body }) => {
          if (body.ttlSeconds !== undefined) {
            if (typeof body.ttlSeconds !== "number" || body.ttlSeconds <= 0)
              throw new ControlError(400, "ttlSeconds must be a positive number");
            tokens.accessTtlSeconds = body.ttlSeconds;
            return { expired: 0, accessTokenTtlSeconds: tokens.accessTtlSeconds };
          }
          const expired = tokens.expire(typeof body.accessToken === "string" ? body.accessToken : undefined);
          return { expired, accessTokenTtlSeconds: tokens.accessTtlSeconds };
        },
        "GET bucket": () => bucket.snapshot(),
        // { size?, dripPerSecond?, level? }
        "POST bucket": ({ body }) => {
          for (const field of ["size", "dripPerSecond", "level"] as const)
            if (body[field] !== undefined && (typeof body[field] !== "number" || (body[field] as number) < 0))
              throw new ControlError(400, `${field} must be a number ≥ 0`);
          if (body.size !== undefined) bucket.settings = { ...bucket.settings, size: body.size as number };
          if (body.dripPerSecond !== undefined)
            bucket.settings = { ...bucket.settings, dripPerSecond: body.dripPerSecond as number };
          if (body.level !== undefined) bucket.fill(body.level as number);
          return bucket.snapshot();
        },
      },
    },
  });

  return {
    url: server.url,
    accountID,
    clients,
    clock,
    faults: server.faults,
    state: () => structuredClone(account.snapshot(now())),
    seed,
    issueTokens: () => tokens.issue(accountID),
    revokeTokens: (refreshToken) => tokens.revoke(refreshToken),
    expireAccessTokens: (accessToken) => tokens.expire(accessToken),
    setQoh,
    bucket: () => bucket.snapshot(),
    reset: () => {
      reset();
      server.faults.clear();
      server.calls.clear();
    },
    calls: () => server.calls.list(),
    close: () => server.close(),
  };
}
