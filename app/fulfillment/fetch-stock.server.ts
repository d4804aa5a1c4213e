// Shopify's fetch_stock callback for our fulfillment service: verify the request is Shopify's (hex
// HMAC-SHA256 with the app secret over the other query parameters, sorted, as k=v joined by &), then
// answer {"<sku>": quantity} for every SKU or the one asked — from the StockSnapshot table only, so
// the answer never waits for the back office.
import { createHmac, timingSafeEqual } from "node:crypto";
import type { Db } from "../db.server";
import { snapshotStockJson } from "../sync/stock-snapshot.server";

export function callbackSignature(params: URLSearchParams, secret: string): string {
  const message = [...params.keys()]
    .filter((key) => key !== "hmac" && key !== "signature")
    .sort()
    .map((key) => `${key}=${params.getAll(key).join(",")}`)
    .join("&");
  return createHmac("sha256", secret).update(message).digest("hex");
}

/** True when the query carries Shopify's hmac for it (constant-time compare). */
export function isSignedByShopify(params: URLSearchParams, secret: string): boolean {
  const given = params.get("hmac");
  if (!given || !/^[0-9a-f]{64}$/i.test(given)) return false;
  return timingSafeEqual(
    Buffer.from(given.toLowerCase(), "hex"),
    Buffer.from(callbackSignature(params, secret), "hex"),
  );
}

/** The status and the JSON text of the answer. */
export interface FetchStockAnswer {
  status: 200 | 400 | 401;
  json: string;
}

const refusal = (status: 400 | 401, error: string): FetchStockAnswer => ({ status, json: JSON.stringify({ error }) });

export async function answerFetchStock(db: Db, url: URL, headers: Headers, secret: string): Promise<FetchStockAnswer> {
  const params = url.searchParams;
  if (!isSignedByShopify(params, secret)) return refusal(401, "The request is not signed by Shopify.");
  const shop = params.get("shop") ?? headers.get("x-shopify-shop-domain");
  if (!shop || !/^[a-z0-9][a-z0-9-]*\.myshopify\.com$/i.test(shop)) return refusal(400, "shop is missing");
  return { status: 200, json: await snapshotStockJson(db, shop.toLowerCase(), params.get("sku") ?? undefined) };
}
