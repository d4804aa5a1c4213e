// Shopify's fetch_stock callback for our fulfillment service: verify the request is Shopify's
// (app/shopify/callback-signature.server.ts), then answer {"<sku>": quantity} for every SKU or the one asked — from the StockSnapshot table only, so
// the answer never waits for the back office.
import type { Db } from "../db.server";
import { isSignedByShopify } from "../shopify/callback-signature.server";
import { snapshotStockJson } from "../sync/stock-snapshot.server";

/** The status and the JSON text of the answer. */
export interface FetchStockAnswer {
  status: 200 | 400 | 401;
  json: string;
}

const refusal = (status: 400 | 401, error: string): FetchStockAnswer => ({ status, json: JSON.stringify({ error }) });

export async function answerFetchStock(db: Db, url: URL, headers: Headers, secret: string): Promise<FetchStockAnswer> {
  if (!isSignedByShopify(url, headers, secret)) return refusal(401, "The request is not signed by Shopify.");
  const params = url.searchParams;
  const shop = params.get("shop") ?? headers.get("x-shopify-shop-domain");
  if (!shop || !/^[a-z0-9][a-z0-9-]*\.myshopify\.com$/i.test(shop)) return refusal(400, "shop is missing");
  return { status: 200, json: await snapshotStockJson(db, shop.toLowerCase(), params.get("sku") ?? undefined) };
}
