// Use-case behind /app/stock/<SKU>: a variant's stock in the stock source now, in Shopify now (at the
// synced location) and as the last sync recorded it. Either system failing still shows the rest.
import type { Locale } from "../i18n/locale";
import { shopTimeZone } from "../shops/time-zone.server";
import { skuStockViewForShop } from "./stock-view.server";

export type { SkuStockView } from "./stock-view.server";

export async function skuStockScreen(shop: string, sku: string, locale: Locale = "en") {
  const [view, timeZone] = await Promise.all([skuStockViewForShop(shop, sku, locale), shopTimeZone(shop)]);
  return { view, timeZone };
}
