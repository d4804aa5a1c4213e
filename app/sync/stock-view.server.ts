// One SKU's stock as the merchant compares it: the back office now, Shopify now, and what the last sync
// recorded (the snapshot fetch_stock answers from). Each side may fail on its own without hiding the others.
import type { Db } from "../db.server";
import { webStock } from "../domain/inventory";
import { errorMessage } from "../lib/errors";
import type { ShopifyAdminClient } from "../shopify/admin-client.server";
import { levelsOfSku } from "../shopify/inventory.server";
import type { StockSetup } from "./capabilities";

export interface SkuStockView {
  sku: string;
  erp: { stockA: number; stockB: number; webStock: number; updatedAt: string | null } | null | { error: string };
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
  deps: { setup?: StockSetup; setupError?: string; client?: ShopifyAdminClient; clientError?: string },
): Promise<SkuStockView> {
  const [erp, shopify, snapshot] = await Promise.all([
    (async () => {
      if (!deps.setup) return { error: deps.setupError ?? "Fastmag is not set up." };
      try {
        const level = await deps.setup.source.stockOf(sku);
        return (
          level && {
            stockA: level.stockA,
            stockB: level.stockB,
            webStock: webStock(level, deps.setup.source.formula),
            updatedAt: level.updatedAt?.toISOString() ?? null,
          }
        );
      } catch (error) {
        return { error: errorMessage(error) };
      }
    })(),
    (async () => {
      if (!deps.client || !deps.setup)
        return { error: deps.clientError ?? deps.setupError ?? "Shopify is not reachable." };
      try {
        return (await levelsOfSku(deps.client, deps.setup.locationId, sku)).map(({ inventoryItemId, available }) => ({
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
    erp,
    shopify,
    snapshot: snapshot && {
      webStock: snapshot.webStock,
      shopifyQuantity: snapshot.shopifyQuantity,
      syncedAt: snapshot.syncedAt.toISOString(),
      inventoryItemId: snapshot.inventoryItemId,
    },
  };
}
