// One SKU's stock as the merchant compares it: the stock source now, Shopify now, and what the last sync
// recorded (the snapshot fetch_stock answers from). Each side may fail on its own without hiding the others.
import { providerFor } from "../connectors/registry.server";
import { loadRouting } from "../connectors/routing.server";
import { db, type Db } from "../db.server";
import { errorMessage } from "../lib/errors";
import type { ShopifyAdminClient } from "../shopify/admin-client.server";
import { adminClientForShop } from "../shopify/admin-for-shop.server";
import { levelsOfSku } from "../shopify/inventory.server";
import type { StockSource } from "../capabilities/stock-source";

export interface SkuStockView {
  sku: string;
  /** What the merchant calls the stock source. */
  sourceName: string;
  /** The source's level now: what may be sold, and how the source counts it. */
  source: { available: number; detail: string | null; updatedAt: string | null } | null | { error: string };
  shopify: { inventoryItemId: string; available: number | null }[] | { error: string };
  snapshot: {
    webStock: number;
    shopifyQuantity: number | null;
    syncedAt: string;
    inventoryItemId: string | null;
  } | null;
}

export async function skuStockView(
  db: Db,
  shop: string,
  sku: string,
  deps: {
    sourceName: string;
    source?: StockSource;
    sourceError?: string;
    locationId?: string;
    client?: ShopifyAdminClient;
    clientError?: string;
  },
): Promise<SkuStockView> {
  const [source, shopify, snapshot] = await Promise.all([
    (async () => {
      if (!deps.source) return { error: deps.sourceError ?? "No stock source is set up." };
      try {
        const level = await deps.source.stockOf(sku);
        return (
          level && {
            available: level.available,
            detail: level.detail ?? null,
            updatedAt: level.updatedAt?.toISOString() ?? null,
          }
        );
      } catch (error) {
        return { error: errorMessage(error) };
      }
    })(),
    (async () => {
      if (!deps.client || !deps.locationId)
        return { error: deps.clientError ?? deps.sourceError ?? "Shopify is not reachable." };
      try {
        return (await levelsOfSku(deps.client, deps.locationId, sku)).map(({ inventoryItemId, available }) => ({
          inventoryItemId,
          available,
        }));
      } catch (error) {
        return { error: errorMessage(error) };
      }
    })(),
    db.stockSnapshot.findUnique({ where: { shop_sku: { shop, sku } } }),
  ]);
  return {
    sku,
    sourceName: deps.sourceName,
    source,
    shopify,
    snapshot: snapshot && {
      webStock: snapshot.webStock,
      shopifyQuantity: snapshot.shopifyQuantity,
      syncedAt: snapshot.syncedAt.toISOString(),
      inventoryItemId: snapshot.inventoryItemId,
    },
  };
}

/** The view for a screen: the shop's stock source and Shopify, each allowed to fail on its own. */
export async function skuStockViewForShop(shop: string, sku: string): Promise<SkuStockView> {
  const [source, client, routing] = await Promise.allSettled([
    providerFor({ shop, db, timeoutMs: 10_000 }, "stock-source"),
    adminClientForShop(shop, { maxAttempts: 2, timeoutMs: 10_000 }),
    loadRouting(db, shop),
  ]);
  return skuStockView(db, shop, sku, {
    sourceName: source.status === "fulfilled" ? source.value.name : "The stock source",
    source: source.status === "fulfilled" ? source.value.port : undefined,
    sourceError: source.status === "rejected" ? errorMessage(source.reason) : undefined,
    locationId: routing.status === "fulfilled" ? (routing.value.shopifyLocationId ?? undefined) : undefined,
    client: client.status === "fulfilled" ? client.value : undefined,
    clientError: client.status === "rejected" ? errorMessage(client.reason) : undefined,
  });
}
