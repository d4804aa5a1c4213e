// Use-case behind /app/stock/<SKU>: a variant's stock in the stock source now, in Shopify now (at the
// synced location) and as the last sync recorded it. Either system failing still shows the rest.
import { shopTimeZone } from "../shops/time-zone.server";
import { skuStockViewForShop } from "./stock-view.server";

export type { SkuStockView } from "./stock-view.server";

export async function skuStockScreen(shop: string, sku: string) {
  const [view, timeZone] = await Promise.all([skuStockViewForShop(shop, sku), shopTimeZone(shop)]);
  return { view, timeZone };
}
