// Fulfillment-service GET callbacks (fetch_tracking_numbers) are signed by Shopify: we check the HMAC
// ourselves (the Remix helper only handles the POST notification). Accepted forms: the
// X-Shopify-Hmac-Sha256 header over the raw query string (base64), or an `hmac` query parameter over
// the other parameters sorted (hex), as on OAuth and app-proxy requests.
import { createHmac, timingSafeEqual } from "node:crypto";

const equal = (a: string, b: string) => a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));

export function verifyCallback(url: URL, headers: Headers, secret: string): boolean {
  const header = headers.get("x-shopify-hmac-sha256");
  if (header) return equal(createHmac("sha256", secret).update(url.search.replace(/^\?/, "")).digest("base64"), header);
  const hmac = url.searchParams.get("hmac");
  if (!hmac) return false;
  const message = [...url.searchParams.entries()]
    .filter(([key]) => key !== "hmac" && key !== "signature")
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([key, value]) => `${key}=${value}`)
    .join("&");
  return equal(createHmac("sha256", secret).update(message).digest("hex"), hmac);
}

/** Signs a callback URL the way verifyCallback checks it (for tests and the emulator). */
export function signCallbackQuery(url: URL, secret: string): URL {
  const signed = new URL(url);
  signed.searchParams.delete("hmac");
  const message = [...signed.searchParams.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([k, v]) => `${k}=${v}`)
    .join("&");
  signed.searchParams.set("hmac", createHmac("sha256", secret).update(message).digest("hex"));
  return signed;
}
