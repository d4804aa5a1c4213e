// Shared by the stock-*.test.ts and price tests: a Fastmag emulator with a generated catalog, a Shopify
// emulator whose shop sells the same SKUs (one product per Fastmag reference), the app's Admin client
// pointed at it, and helpers to compare both sides.
import { ShopifyAdminClient } from "~/shopify/admin-client.server";
import { installShopifyOriginOverride } from "~/shopify/api-origin.server";
import type { PriceSource } from "~/capabilities/price-source";
import type { StockSource } from "~/capabilities/stock-source";
import { fastmagPriceSource, fastmagStockSource } from "~/connectors/fastmag/capabilities.server";
import type { FastmagSettings } from "~/connectors/fastmag/settings.server";
import { webStock } from "~/connectors/fastmag/stock";
import { stockFormulaOf } from "~/connectors/fastmag/settings-form.server";
import { db } from "~/db.server";
import { shopifyStockDestination, type ShopifyStockOptions } from "~/sync/shopify-stock.server";
import type { FullStockResult, StockRunDeps } from "~/sync/stock.server";
import type { SyncReporter } from "~/sync/sync-context";
import { EmulatorClock } from "../../emulators/_kit/index";
import { createProduct } from "../../emulators/shopify/catalog";
import { startShopifyEmulator, type ShopifyEmulator } from "../../emulators/shopify/index";
import type { ShopPlan } from "../../emulators/shopify/bucket";
import type { ShopRecord } from "../../emulators/shopify/store";
import { saveConnectorSettings } from "~/connectors/settings.server";
import { installShop } from "../support/admin-request";
import { CREDENTIALS, startFastmag } from "./fastmag-harness";
import { uniqueShop } from "../support/shops";

export const APP = {
  apiKey: process.env.SHOPIFY_API_KEY ?? "test-api-key",
  apiSecret: process.env.SHOPIFY_API_SECRET ?? "test-api-secret",
  appUrl: "http://127.0.0.1:3999",
};

export interface StockWorld {
  shop: string;
  shopify: ShopifyEmulator;
  shopRecord: ShopRecord;
  locationId: string;
  /** Every Shopify location gid by name (the synced one and `otherLocations`). */
  locationIds: Record<string, string>;
  client: ShopifyAdminClient;
  fastmag: Awaited<ReturnType<typeof startFastmag>>;
  settings: FastmagSettings;
  stockSource: StockSource;
  priceSource: PriceSource;
  /** A stock run from Fastmag to this shop's Shopify location (the job's wiring, without the registry). */
  stockRun(run: { runId: string; report: SyncReporter; options?: ShopifyStockOptions }): StockRunDeps;
  skus: string[];
  /** Shopify's available quantity per SKU at the synced location. */
  shopifyLevels(): Map<string, number>;
  /** Shopify's available quantity per SKU at any location of the shop (gid). */
  shopifyLevelsAt(locationGid: string): Map<string, number>;
  /** The web stock per SKU by the shop's formula, from Fastmag's tables. */
  erpWebStock(): Map<string, number>;
  setShopifyLevel(sku: string, quantity: number): void;
  /** A stock movement in Fastmag (web stock += delta) stamped with Fastmag's local time `at`. */
  moveErpStock(sku: string, delta: number, at: string): void;
  close(): Promise<void>;
}

export async function startStockWorld(options: {
  variants: number;
  now?: () => Date;
  initialShopifyLevel?: (sku: string, i: number) => number;
  shopifyClock?: () => number;
  /** Name of the location the stock run writes (default "Entrepôt"). */
  locationName?: string;
  /** More Shopify locations, each variant stocked there at 0 (fed by something else than Fastmag). */
  otherLocations?: string[];
  /** Shopify plan of the shop (default Standard); a bigger bucket where the test is not about pacing. */
  plan?: ShopPlan;
}): Promise<StockWorld> {
  const fastmag = await startFastmag(
    {
      seed: { variants: options.variants },
      // The emulator's clock follows the test's (seed and transaction dates).
      clock: options.now ? new EmulatorClock(() => options.now!().getTime()) : undefined,
    },
    { options: { now: options.now } },
  );
  const shop = uniqueShop("stock");
  const shopify = await startShopifyEmulator({
    app: APP,
    now: options.shopifyClock,
    shops: [
      {
        domain: shop,
        plan: options.plan ?? "Standard",
        locations: [options.locationName ?? "Entrepôt", ...(options.otherLocations ?? [])].map((name) => ({ name })),
      },
    ],
  });
  installShopifyOriginOverride(shopify.url);
  const shopRecord = shopify.store.shop(shop);
  const [location, ...others] = [...shopRecord.locations.values()];
  const locationId = `gid://shopify/Location/${location.id}`;
  const locationIds = Object.fromEntries([location, ...others].map((l) => [l.name, `gid://shopify/Location/${l.id}`]));
  const rows = fastmag.emulator.db
    .prepare("SELECT reference, color, size FROM stocks ORDER BY reference, color, size")
    .all() as { reference: string; color: string; size: string }[];
  const skus = rows.map((r) => `${r.reference}|${r.color}|${r.size}`);
  const byReference = new Map<string, string[]>();
  for (const sku of skus) {
    const ref = sku.split("|")[0];
    byReference.set(ref, [...(byReference.get(ref) ?? []), sku]);
  }
  let i = 0;
  for (const [reference, variantSkus] of byReference) {
    createProduct(shopify.store, shopRecord, {
      title: reference,
      handle: reference.toLowerCase(),
      options: [{ name: "Variante", values: variantSkus }],
      variants: variantSkus.map((sku) => ({
        sku,
        price: "10.00",
        options: { Variante: sku },
        inventory: {
          [location.id]: options.initialShopifyLevel?.(sku, i++) ?? 0,
          ...Object.fromEntries(others.map((l) => [l.id, 0])),
        },
      })),
    });
  }
  const settings = {
    stock: { includeA: false, includeB: true, safetyMargin: 0 },
    timeZone: "Europe/Paris",
  } as FastmagSettings;
  const client = new ShopifyAdminClient({ shop, accessToken: shopify.issueAccessToken(shop) });
  const stockSource = fastmagStockSource(fastmag.fastmag, settings);
  const levelsAt = (locationGid: string) => {
    const id = Number(locationGid.split("/").pop());
    const itemSku = new Map<number, string>();
    for (const v of shopRecord.variants.values()) itemSku.set(v.inventoryItemId, v.sku ?? "");
    const levels = new Map<string, number>();
    for (const level of shopRecord.inventoryLevels.values()) {
      if (level.locationId === id) levels.set(itemSku.get(level.inventoryItemId)!, level.quantities.available ?? 0);
    }
    return levels;
  };
  return {
    shop,
    shopify,
    shopRecord,
    locationId,
    locationIds,
    client,
    fastmag,
    settings,
    stockSource,
    priceSource: fastmagPriceSource(fastmag.fastmag, settings),
    stockRun: ({ runId, report, options }) => ({
      source: stockSource,
      sourceName: "Fastmag",
      report,
      destinations: [
        {
          id: "shopify",
          name: "Shopify",
          destination: shopifyStockDestination({
            db,
            shop,
            client,
            locationId,
            runId,
            report,
            sourceName: "Fastmag",
            options,
          }),
        },
      ],
    }),
    skus,
    shopifyLevels() {
      return levelsAt(locationId);
    },
    shopifyLevelsAt: levelsAt,
    erpWebStock() {
      const stock = new Map<string, number>();
      const all = fastmag.emulator.db
        .prepare("SELECT reference, color, size, stock_general, stock_web FROM stocks")
        .all() as { reference: string; color: string; size: string; stock_general: number; stock_web: number }[];
      for (const r of all)
        stock.set(
          `${r.reference}|${r.color}|${r.size}`,
          webStock({ stockA: r.stock_general, stockB: r.stock_web }, stockFormulaOf(settings.stock)),
        );
      return stock;
    },
    setShopifyLevel(sku, quantity) {
      const variant = [...shopRecord.variants.values()].find((v) => v.sku === sku)!;
      shopRecord.inventoryLevels.get(`${variant.inventoryItemId}:${location.id}`)!.quantities.available = quantity;
    },
    moveErpStock(sku, delta, at) {
      const [reference, color, size] = sku.split("|");
      fastmag.emulator.db
        .prepare(
          "UPDATE stocks SET stock_web = stock_web + ?, last_modified = ? WHERE reference = ? AND color = ? AND size = ?",
        )
        .run(delta, at, reference, color, size);
      fastmag.emulator.db
        .prepare(
          "INSERT INTO stock_movements (reference, color, size, stock, quantity, reason, last_modified) VALUES (?, ?, ?, 'WEB', ?, 'test', ?)",
        )
        .run(reference, color, size, delta, at);
    },
    async close() {
      await Promise.all([shopify.close(), fastmag.emulator.close()]);
    },
  };
}

/** What the Shopify destination did in a full stock run. */
export function shopifyOf(result: FullStockResult) {
  return result.destinations.shopify as import("~/sync/shopify-stock.server").ShopifyFullStockReport;
}

/** The world's shop as a merchant leaves it in Settings: installed with its Shopify token, and Fastmag saved
 *  (pointing at the world's Fastmag emulator, with its password). Routing is the caller's. */
export async function installWorldShopWithFastmag(world: StockWorld): Promise<void> {
  const shop = world.shop;
  await installShop(shop);
  await db.session.update({
    where: { id: `offline_${shop}` },
    data: { accessToken: world.shopify.issueAccessToken(shop) },
  });
  await saveConnectorSettings(
    shop,
    "fastmag",
    {
      host: world.fastmag.emulator.url,
      enseigne: CREDENTIALS.enseigne,
      magasin: CREDENTIALS.magasin,
      compte: CREDENTIALS.compte,
      stock: world.settings.stock,
      seasons: [],
      timeZone: "Europe/Paris",
      queryOverrides: {},
    },
    { motpasse: CREDENTIALS.motpasse },
  );
}
