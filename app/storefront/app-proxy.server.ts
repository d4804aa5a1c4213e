// Requests from the storefront reach the app through Shopify's app proxy: a visitor's
// `https://<shop>/apps/passerelle/<path>` is forwarded to `<app>/proxy/<path>` with `shop`,
// `logged_in_customer_id`, `path_prefix`, `timestamp` and `signature` added to the query. The signature
// is the hex HMAC-SHA256, with the app's secret, of every other query parameter as `key=value` (a
// repeated key's values joined by `,`), sorted and concatenated with no separator. Nothing in such a
// request is trusted before it is checked here: the shop comes from the signed query, and a signed URL
// stops working a few minutes after its timestamp, so a leaked one cannot be replayed later.
import { createHmac, timingSafeEqual } from "node:crypto";

/** How old a proxied request's `timestamp` may be; Shopify forwards at once, minutes allow clock skew. */
export const PROXY_MAX_AGE_SECONDS = 5 * 60;
/** How far ahead of our clock a timestamp may be. */
const PROXY_MAX_SKEW_SECONDS = 60;
const SHOP_DOMAIN = /^[a-z0-9][a-z0-9-]*\.myshopify\.com$/i;

export type ProxyVerdict =
  { ok: true; shop: string; customerId: string | null } | { ok: false; status: 401; error: string };

/** The hex signature Shopify puts on a proxied query (every parameter but `signature`). */
export function appProxySignature(params: URLSearchParams, secret: string): string {
  const message = [...new Set(params.keys())]
    .filter((key) => key !== "signature")
    .map((key) => `${key}=${params.getAll(key).join(",")}`)
    .sort()
    .join("");
  return createHmac("sha256", secret).update(message).digest("hex");
}

/** Checks a proxied request: Shopify's signature, a fresh signed timestamp, a signed shop. */
export function verifyAppProxyRequest(url: URL, secret: string, now = Date.now()): ProxyVerdict {
  const refuse = (error: string): ProxyVerdict => ({ ok: false, status: 401, error });
  const signature = url.searchParams.get("signature");
  if (!signature || !/^[0-9a-f]{64}$/i.test(signature)) return refuse("The request is not signed by Shopify.");
  const expected = Buffer.from(appProxySignature(url.searchParams, secret), "hex");
  if (!timingSafeEqual(Buffer.from(signature.toLowerCase(), "hex"), expected))
    return refuse("The request is not signed by Shopify.");
  const timestamp = url.searchParams.get("timestamp") ?? "";
  const age = /^\d{1,12}$/.test(timestamp) ? Math.floor(now / 1000) - Number(timestamp) : NaN;
  if (!(age <= PROXY_MAX_AGE_SECONDS && age >= -PROXY_MAX_SKEW_SECONDS))
    return refuse("The request has no timestamp or is too old; reload the page and try again.");
  const shop = url.searchParams.get("shop") ?? "";
  if (!SHOP_DOMAIN.test(shop)) return refuse("The request names no shop.");
  const customerId = url.searchParams.get("logged_in_customer_id") || null;
  return { ok: true, shop: shop.toLowerCase(), customerId };
}

/** The URL as Shopify forwards it (tests): the proxy parameters added and signed. */
export function signAppProxyUrl(
  url: URL,
  secret: string,
  proxy: { shop: string; pathPrefix: string; customerId?: string; timestamp?: number },
): URL {
  const signed = new URL(url);
  signed.searchParams.delete("signature");
  signed.searchParams.set("shop", proxy.shop);
  signed.searchParams.set("logged_in_customer_id", proxy.customerId ?? "");
  signed.searchParams.set("path_prefix", proxy.pathPrefix);
  signed.searchParams.set("timestamp", String(proxy.timestamp ?? Math.floor(Date.now() / 1000)));
  signed.searchParams.set("signature", appProxySignature(signed.searchParams, secret));
  return signed;
}
