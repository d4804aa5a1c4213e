// The Shopify emulator: one HTTP server standing in for Shopify (Admin GraphQL on the real schema,
// cost and throttling, token exchange, session tokens, the embedded admin page, App Bridge stand-in,
// webhook deliveries) plus a control API for tests and the demo. See README.md.
import path from "node:path";
import type { ServerResponse } from "node:http";
import { FaultInjector, startHttpServer } from "../_kit/index";
import { DEFAULT_SCOPES, type AppConfig } from "./app-config";
import { CallLog, type AdminCall } from "./calls";
import { AdminFaults, type AdminFaultConfig } from "./faults";
import { ADMIN_API_VERSION, loadAdminSchema } from "./schema";
import { createHandler } from "./server";
import { mintSessionToken } from "./session-token";
import { applyShopSeed, type SeedShop } from "./shops";
import { EmulatorStore, normalizeShopDomain } from "./store";
import {
  SHOPIFY_RETRY_DELAYS_MS,
  WebhookDispatcher,
  type DeliveryAttempt,
  type WebhookDelivery,
} from "./webhooks/deliver";
import { readAppToml } from "./webhooks/toml";

export type { AdminCall } from "./calls";
export type { AdminFaultConfig } from "./faults";
export type { DeliveryAttempt, WebhookDelivery } from "./webhooks/deliver";
export type { SeedShop, SeedLocation } from "./shops";
export type { ProductInput, VariantInput } from "./catalog";
export { mintSessionToken } from "./session-token";
export { loadAdminSchema, ADMIN_API_VERSION } from "./schema";
export {
  appUninstalledPayload,
  customersDataRequestPayload,
  customersRedactPayload,
  shopRedactPayload,
} from "./webhooks/payloads";

export interface ShopifyEmulatorOptions {
  /** 0 (default) picks a free port. */
  port?: number;
  host?: string;
  app: { apiKey: string; apiSecret: string; appUrl: string; handle?: string; tomlPath?: string; scopes?: string };
  shops?: SeedShop[];
  /** Clock of the buckets, session tokens and logs (tests pass a controllable one). */
  now?: () => number;
  webhookRetryDelaysMs?: number[];
}

export interface ShopifyEmulator {
  /** e.g. http://127.0.0.1:41234 — give it to the app as SHOPIFY_API_ORIGIN_OVERRIDE. */
  url: string;
  store: EmulatorStore;
  app: AppConfig;
  /** The embedded admin page of the app for a shop. */
  adminUrl(shop: string): string;
  mintSessionToken(shop: string): string;
  issueAccessToken(shop: string): string;
  deliverWebhook(delivery: WebhookDelivery): Promise<DeliveryAttempt[]>;
  callLog(filter?: { shop?: string }): AdminCall[];
  /** 5xx / THROTTLED storms on the Admin API (also PUT /_emulator/faults). */
  setFaults(faults: AdminFaultConfig): void;
  /** The kit's HTTP-level rules on every emulated route (also POST /_emulator/faults). */
  faults: FaultInjector;
  /** Back to the seeded shops (tokens stay valid), call log and faults cleared (POST /_emulator/reset). */
  reset(): void;
  close(): Promise<void>;
}

export async function startShopifyEmulator(options: ShopifyEmulatorOptions): Promise<ShopifyEmulator> {
  const now = options.now ?? Date.now;
  const toml = readAppToml(options.app.tomlPath);
  const app: AppConfig = {
    apiKey: options.app.apiKey,
    apiSecret: options.app.apiSecret,
    appUrl: options.app.appUrl.replace(/\/$/, ""),
    handle: options.app.handle ?? "passerelle",
    scopes: options.app.scopes ?? toml.scopes ?? DEFAULT_SCOPES,
    appProxy: toml.appProxy,
    // Extensions are deployed from the app's folder, beside its shopify.app.toml.
    extensionsDir: options.app.tomlPath ? path.join(path.dirname(options.app.tomlPath), "extensions") : undefined,
  };
  const store = new EmulatorStore(now);
  for (const seed of options.shops ?? []) applyShopSeed(store, seed);
  const calls = new CallLog();
  const webhooks = new WebhookDispatcher({
    store,
    app,
    tomlSubscriptions: toml.subscriptions,
    apiVersion: toml.apiVersion ?? ADMIN_API_VERSION,
    retryDelaysMs: options.webhookRetryDelaysMs ?? SHOPIFY_RETRY_DELAYS_MS,
    now,
  });
  const mint = (shop: string) =>
    mintSessionToken({ shop: store.shop(shop).domain, apiKey: app.apiKey, apiSecret: app.apiSecret, now });
  const faults = new AdminFaults(now);
  loadAdminSchema(); // load before the first request so its cost is not paid by a timed call

  const rules = new FaultInjector();
  const reset = () => {
    const seeded = new Set((options.shops ?? []).map((seed) => normalizeShopDomain(seed.domain)));
    for (const domain of [...store.shops.keys()]) if (!seeded.has(domain)) store.shops.delete(domain);
    for (const seed of options.shops ?? []) applyShopSeed(store, seed);
    calls.clear();
    faults.set({});
    rules.clear();
    webhooks.forgetAttempts();
  };
  let hold: (res: ServerResponse) => void = () => undefined;
  const server = await startHttpServer(
    createHandler({
      store,
      app,
      schema: () => loadAdminSchema(),
      calls,
      webhooks,
      now,
      mintSessionToken: mint,
      faults,
      rules,
      hold: (res) => hold(res),
      reset,
    }),
    { port: options.port, host: options.host },
  );
  server.server.keepAliveTimeout = 5_000;
  hold = server.hold;
  const url = server.url;

  return {
    url,
    store,
    app,
    adminUrl: (shop) => `${url}/store/${store.shop(shop).domain.replace(/\.myshopify\.com$/, "")}/apps/${app.handle}`,
    mintSessionToken: mint,
    issueAccessToken: (shop) => store.issueAccessToken(shop),
    deliverWebhook: (delivery) => webhooks.deliver(delivery),
    callLog: (filter) => calls.list(filter),
    setFaults: (config) => faults.set(config),
    faults: rules,
    reset,
    close: () => {
      webhooks.close();
      return server.close();
    },
  };
}
