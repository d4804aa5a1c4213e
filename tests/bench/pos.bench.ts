// npm run bench:pos [-- ITEMS] — POS stock polls against the emulators: per system, an account of ITEMS
// items (default 10,000) at one location mapped to a Shopify location; a first poll (everything written),
// a second with nothing changed (0 Shopify writes), then one with 1% changed (only those written). Prints
// time, POS requests and Shopify writes per poll, and each system's own limit: Square's rate limit (429s
// answered), Hiboutik's daily quota (requests used and left of 10,000 a day, its default), Lightspeed's
// leaky bucket (fullest level seen, 429s answered). Systems are rows of SYSTEMS: add one with its emulator.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { HARMLESS_APP_ENV } from "../support/jobs-processes";

const items = Number(process.argv.slice(2).find((a) => !a.startsWith("--")) ?? 10_000);
const dbFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "pos-bench-")), "bench.sqlite");
for (const [key, value] of Object.entries(HARMLESS_APP_ENV)) process.env[key] ??= value;
process.env.DATABASE_URL = `file:${dbFile}`;

const { applyMigrations } = await import("../../app/db/migrations.server");
await applyMigrations(process.env.DATABASE_URL);
const { db } = await import("../../app/db.server");
const { savePosAccount } = await import("../../app/pos/accounts.server");
const { saveLocationMappings } = await import("../../app/pos/locations.server");
const { pollPosStock } = await import("../../app/pos/stock.server");
const { quietReporter } = await import("../../app/sync/sync-context");
const { ShopifyAdminClient } = await import("../../app/shopify/admin-client.server");
const { installShopifyOriginOverride } = await import("../../app/shopify/api-origin.server");
const { startShopifyEmulator } = await import("../../emulators/shopify/index");
const { createProduct } = await import("../../emulators/shopify/catalog");
const { startSquareEmulator } = await import("../../emulators/square/index");
const { startHiboutikEmulator } = await import("../../emulators/hiboutik/index");
const { DEMO_CLIENT, startLightspeedEmulator } = await import("../../emulators/lightspeed/index");

const sku = (i: number) => `BENCH-${String(i).padStart(6, "0")}`;

/** A POS system under bench: its emulator seeded with `n` items at one location, and the account to add. */
interface BenchSystem {
  id: string;
  start(n: number): Promise<{
    account: { system: string; settings: Record<string, unknown>; secrets: Record<string, string> };
    location: string;
    /** POS item id of item i. */
    itemId(i: number): string;
    /** Changes the count of item i at the location. */
    change(i: number, quantity: number): void;
    requests(): number;
    /** Where the POS requests stand against the system's own limit, after a poll. */
    limit(): string;
    close(): Promise<void>;
  }>;
}

const SYSTEMS: BenchSystem[] = [
  {
    id: "square",
    async start(n) {
      const square = await startSquareEmulator({
        port: 0,
        accessTokens: ["bench"],
        rateLimit: { limit: 10, windowMs: 1000 },
        seed: {
          locations: [{ id: "LBENCH", name: "Bench" }],
          items: Array.from({ length: n }, (_, i) => ({
            id: `I${i}`,
            name: `Item ${i}`,
            variations: [{ id: `V${i}`, sku: sku(i), counts: { LBENCH: i % 20 } }],
          })),
        },
      });
      return {
        account: { system: "square", settings: { apiUrl: square.url }, secrets: { accessToken: "bench" } },
        location: "LBENCH",
        itemId: (i) => `V${i}`,
        change: (i, quantity) => square.setCount({ catalogObjectId: `V${i}`, locationId: "LBENCH", quantity }),
        requests: () => square.calls().length,
        limit: () =>
          `rate limit 10 req/s: ${square.calls().filter((call) => call.status === 429).length} answered 429 so far`,
        close: () => square.close(),
      };
    },
  },
  {
    id: "hiboutik",
    async start(n) {
      const user = { email: "bench@hiboutik.test", apiKey: "bench" };
      const perDay = 10_000; // Hiboutik's default MaximumRequests
      const hiboutik = await startHiboutikEmulator({
        account: "bench",
        users: [user],
        quota: { limit: perDay, period: "day" },
        seed: {
          stores: [{ id: 1, name: "Bench" }],
          warehouses: [{ id: 10, name: "Bench", storeId: 1 }],
          products: Array.from({ length: n }, (_, i) => ({
            id: i + 1,
            model: `Item ${i}`,
            refExt: sku(i),
            stock: [{ warehouseId: 10, quantity: 1 + (i % 20) }],
          })),
        },
      });
      return {
        account: {
          system: "hiboutik",
          settings: { accountName: "bench", email: user.email, maximumRequests: perDay, apiUrl: hiboutik.url },
          secrets: { apiKey: user.apiKey },
        },
        location: "1",
        itemId: (i) => String(i + 1),
        change: (i, quantity) => hiboutik.setStock({ productId: i + 1, warehouseId: 10, quantity }),
        requests: () => hiboutik.calls().length,
        limit: () => {
          const quota = hiboutik.quota();
          return `daily quota: ${quota.used.toLocaleString("en")} used, ${quota.left.toLocaleString("en")} left of ${quota.limit.toLocaleString("en")}`;
        },
        close: () => hiboutik.close(),
      };
    },
  },
  {
    id: "lightspeed",
    async start(n) {
      const lightspeed = await startLightspeedEmulator({
        accountID: "4242",
        // Lightspeed's own bucket: 60 units, 1 a second drained; a GET costs 1.
        bucket: { size: 60, dripPerSecond: 1 },
        seed: {
          shops: [{ shopID: 1, name: "Bench" }],
          registers: [{ registerID: 1, name: "Caisse", shopID: 1 }],
          employees: [{ employeeID: 1, firstName: "Bench" }],
          items: Array.from({ length: n }, (_, i) => ({
            itemID: i + 1,
            description: `Item ${i}`,
            customSku: sku(i),
            qoh: { 1: 2 + (i % 20) },
          })),
        },
      });
      // The fullest the bucket got, sampled while the bench runs.
      let fullest = 0;
      const sampler = setInterval(() => (fullest = Math.max(fullest, lightspeed.bucket().level)), 20);
      const tokens = lightspeed.issueTokens();
      return {
        account: {
          system: "lightspeed",
          settings: {
            clientId: DEMO_CLIENT.clientId,
            accountId: "4242",
            shopId: 1,
            registerId: 1,
            employeeId: 1,
            apiUrl: lightspeed.url,
          },
          secrets: {
            clientSecret: DEMO_CLIENT.clientSecret,
            accessToken: tokens.access_token,
            refreshToken: tokens.refresh_token,
          },
        },
        location: "1",
        itemId: (i) => String(i + 1),
        change: (i, quantity) => lightspeed.setQoh(i + 1, 1, quantity),
        requests: () => lightspeed.calls().length,
        limit: () => {
          const bucket = lightspeed.bucket();
          const refused = lightspeed.calls().filter((call) => call.status === 429).length;
          return `bucket ${bucket.size} units, ${bucket.dripPerSecond}/s: fullest seen ${Math.round(fullest)}, ${refused} answered 429 so far`;
        },
        close: async () => {
          clearInterval(sampler);
          await lightspeed.close();
        },
      };
    },
  },
];

const shop = "pos-bench.myshopify.com";
const shopify = await startShopifyEmulator({
  app: { apiKey: "test-api-key", apiSecret: "test-api-secret", appUrl: "http://127.0.0.1:3999" },
  shops: [{ domain: shop, plan: "Plus", locations: [{ name: "Boutique" }] }],
});
installShopifyOriginOverride(shopify.url);
const record = shopify.store.shop(shop);
const location = [...record.locations.values()][0]!;
for (let i = 0; i < items; i++)
  createProduct(shopify.store, record, {
    title: `Item ${i}`,
    handle: `item-${i}`,
    variants: [{ sku: sku(i), price: "10.00", inventory: { [location.id]: 0 } }],
  });
const inventoryItemOf = new Map<string, number>();
for (const v of record.variants.values()) inventoryItemOf.set(v.sku ?? "", v.inventoryItemId);
const client = new ShopifyAdminClient({ shop, accessToken: shopify.issueAccessToken(shop), maxAttempts: 20 });
const writes = () => shopify.callLog({ shop }).filter((c) => c.operationName === "InventorySetQuantities").length;

console.log(`POS bench: ${items} items per account, ${SYSTEMS.length} system(s)`);
for (const system of SYSTEMS) {
  const pos = await system.start(items);
  const account = await savePosAccount(shop, { ...pos.account, name: `${system.id} bench` });
  await saveLocationMappings(shop, account.id, {
    mappings: [{ posLocationId: pos.location, shopifyLocationId: `gid://shopify/Location/${location.id}` }],
  });
  // The mapping as confirmed by the merchant (the suggestion step is measured by the tests, not here).
  await db.posItemMapping.createMany({
    data: Array.from({ length: items }, (_, i) => ({
      shop,
      accountId: account.id,
      posItemId: pos.itemId(i),
      posName: `Item ${i}`,
      posSku: sku(i),
      status: "confirmed",
      variantSku: sku(i),
      inventoryItemId: `gid://shopify/InventoryItem/${inventoryItemOf.get(sku(i))}`,
    })),
  });
  const poll = async (label: string) => {
    const [requests, written, started] = [pos.requests(), writes(), performance.now()];
    const report = await pollPosStock({
      db,
      shop,
      accountId: account.id,
      client,
      runId: label,
      report: quietReporter(),
    });
    console.log(
      `${system.id.padEnd(10)} ${label.padEnd(16)} ${((performance.now() - started) / 1000).toFixed(1).padStart(6)} s` +
        `  POS requests ${String(pos.requests() - requests).padStart(5)}` +
        `  levels moved ${String(report.moved).padStart(6)}  written ${String(report.written).padStart(6)}` +
        `  Shopify writes ${String(writes() - written).padStart(4)}  | ${pos.limit()}`,
    );
    return report;
  };
  await poll("first poll");
  const quiet = await poll("nothing changed");
  if (quiet.shopifyWrites !== 0) throw new Error("a poll with nothing changed wrote to Shopify");
  const changed = Math.ceil(items / 100);
  for (let k = 0; k < changed; k++) pos.change(k * 100, 1000 + k);
  const some = await poll("1% changed");
  if (some.written !== changed) throw new Error(`expected ${changed} levels written, got ${some.written}`);
  await pos.close();
}
await shopify.close();
await db.$disconnect();
fs.rmSync(path.dirname(dbFile), { recursive: true, force: true });
