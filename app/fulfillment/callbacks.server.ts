// Shopify's fulfillment-service callbacks, bound to this process's database and app secret: the
// routes pass the request's URL and headers and shape the answer.
import { db } from "../db.server";
import { env } from "../env.server";
import { verifyShopifyCallback } from "../shopify/callback-signature.server";
import { trackingNumbersFor } from "../sync/orders/orders.server";
import { answerFetchStock, type FetchStockAnswer } from "./fetch-stock.server";

/** fetch_stock: {"<sku>": quantity} from the stock snapshot, for the signed shop. */
export function fetchStockCallback(url: URL, headers: Headers): Promise<FetchStockAnswer> {
  return answerFetchStock(db, url, headers, env().SHOPIFY_API_SECRET);
}

export type TrackingNumbersAnswer =
  { ok: true; trackingNumbers: Record<string, string> } | { ok: false; status: 400 | 401; error: string };

/** fetch_tracking_numbers: ?order_names[]=#1001 → the tracking numbers we hold for the signed shop. */
export async function trackingNumbersCallback(url: URL, headers: Headers): Promise<TrackingNumbersAnswer> {
  const verdict = verifyShopifyCallback(url, headers, env().SHOPIFY_API_SECRET);
  if (!verdict.ok) return { ok: false, status: verdict.status, error: verdict.error };
  const names = [...url.searchParams.getAll("order_names[]"), ...url.searchParams.getAll("order_names")];
  return { ok: true, trackingNumbers: await trackingNumbersFor(db, verdict.shop, names) };
}
