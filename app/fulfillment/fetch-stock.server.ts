// Shopify's fetch_stock callback for our fulfillment service: verify the request is Shopify's
// (app/shopify/callback-signature.server.ts), then answer {"<sku>": quantity} for every SKU or the one asked — from the StockSnapshot table only, so
// the answer never waits for the back office.
import type { Db } from "../db.server";
import { verifyShopifyCallback } from "../shopify/callback-signature.server";
import { snapshotStockJson } from "../sync/stock-snapshot.server";

/** The status and the JSON text of the answer. */
export interface FetchStockAnswer {
  status: 200 | 400 | 401;
  json: string;
}

const refusal = (status: 400 | 401, error: string): FetchStockAnswer => ({ status, json: JSON.stringify({ error }) });

export async function answerFetchStock(
  db: Db,
  url: URL,
  headers: Headers,
  secret: string,
  now = Date.now(),
): Promise<FetchStockAnswer> {
  const verdict = verifyShopifyCallback(url, headers, secret, now);
  if (!verdict.ok) return refusal(verdict.status, verdict.error);
  return { status: 200, json: await snapshotStockJson(db, verdict.shop, url.searchParams.get("sku") ?? undefined) };
}
