// Shopify's signature on the GET callbacks of our fulfillment service (fetch_stock,
// fetch_tracking_numbers), which we check ourselves (the Remix helper only handles the POST
// notification). Two forms are accepted: the X-Shopify-Hmac-Sha256 header, base64 HMAC-SHA256 of the raw
// query string; or an `hmac` query parameter, hex HMAC-SHA256 of the other parameters sorted by name
// (code-unit order) as `key=value` joined by `&`, a repeated key's values joined by `,` — as on
// Shopify's other signed query strings (OAuth, app proxy).
import { createHmac, timingSafeEqual } from "node:crypto";

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
