// Shopify's signature on the GET callbacks of our fulfillment service (fetch_stock,
// fetch_tracking_numbers), which we check ourselves (the Remix helper only handles the POST
// notification). Two forms are accepted: the X-Shopify-Hmac-Sha256 header, base64 HMAC-SHA256 of the raw
// query string; or an `hmac` query parameter, hex HMAC-SHA256 of the other parameters sorted by name
// (code-unit order) as `key=value` joined by `&`, a repeated key's values joined by `,` — as on
// Shopify's other signed query strings (OAuth, app proxy).
// Only signed data is trusted: the shop comes from the signed query (never from the unsigned
// X-Shopify-Shop-Domain header), and a signed URL stops working a few minutes after its timestamp, so
// one that leaked (a log, a proxy) cannot be replayed later.
import { createHmac, timingSafeEqual } from "node:crypto";

/** How old a callback's `timestamp` may be; Shopify calls at once, so minutes leave room for clock skew. */
export const CALLBACK_MAX_AGE_SECONDS = 5 * 60;
/** How far ahead of our clock a timestamp may be (clock skew). */
const CALLBACK_MAX_SKEW_SECONDS = 60;
const SHOP_DOMAIN = /^[a-z0-9][a-z0-9-]*\.myshopify\.com$/i;

export type CallbackVerdict = { ok: true; shop: string } | { ok: false; status: 400 | 401; error: string };

/**
 * Checks a fulfillment-service callback: Shopify's signature, a fresh signed `timestamp`, and the
 * signed `shop` (a shop header, if sent, must name the same shop).
 */
export function verifyShopifyCallback(url: URL, headers: Headers, secret: string, now = Date.now()): CallbackVerdict {
  if (!isSignedByShopify(url, headers, secret))
    return { ok: false, status: 401, error: "The request is not signed by Shopify." };
  const timestamp = url.searchParams.get("timestamp") ?? "";
  const age = /^\d{1,12}$/.test(timestamp) ? Math.floor(now / 1000) - Number(timestamp) : NaN;
  if (!(age <= CALLBACK_MAX_AGE_SECONDS && age >= -CALLBACK_MAX_SKEW_SECONDS))
    return { ok: false, status: 401, error: "The request has no timestamp or is too old." };
  const shop = url.searchParams.get("shop");
  if (!shop || !SHOP_DOMAIN.test(shop)) return { ok: false, status: 400, error: "shop is missing" };
  const header = headers.get("x-shopify-shop-domain");
  if (header && header.toLowerCase() !== shop.toLowerCase())
    return { ok: false, status: 401, error: "The shop header does not match the signed shop." };
  return { ok: true, shop: shop.toLowerCase() };
}

/** The hex signature of a query string's parameters (without `hmac` and `signature`). */
export function callbackSignature(params: URLSearchParams, secret: string): string {
  const message = [...new Set(params.keys())]
    .filter((key) => key !== "hmac" && key !== "signature")
    .sort()
    .map((key) => `${key}=${params.getAll(key).join(",")}`)
    .join("&");
  return createHmac("sha256", secret).update(message).digest("hex");
}

/** True when the request carries Shopify's signature for its query, in either form (constant-time compare). */
export function isSignedByShopify(url: URL, headers: Headers, secret: string): boolean {
  const header = headers.get("x-shopify-hmac-sha256");
  if (header) {
    const expected = createHmac("sha256", secret).update(url.search.replace(/^\?/, "")).digest();
    const given = Buffer.from(header, "base64");
    return given.length === expected.length && timingSafeEqual(given, expected);
  }
  const hmac = url.searchParams.get("hmac");
  if (!hmac || !/^[0-9a-f]{64}$/i.test(hmac)) return false;
  return timingSafeEqual(
    Buffer.from(hmac.toLowerCase(), "hex"),
    Buffer.from(callbackSignature(url.searchParams, secret), "hex"),
  );
}

/** The URL with the `hmac` parameter Shopify would add (tests, benchmarks). */
export function signCallbackQuery(url: URL, secret: string): URL {
  const signed = new URL(url);
  signed.searchParams.delete("hmac");
  signed.searchParams.set("hmac", callbackSignature(signed.searchParams, secret));
  return signed;
}
