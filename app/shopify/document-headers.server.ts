// Shopify's helper allows only Shopify's admin origins to frame the app and preloads App Bridge from
// Shopify's CDN. An admin stand-in (the emulator behind `npm run demo`) lives elsewhere, so its origin
// can be added by configuration, and the preload follows the configured App Bridge script.
import { env } from "../env.server";

export function adjustDocumentHeadersForConfiguredAdmin(headers: Headers): void {
  const config = env();
  const extra = config.EXTRA_FRAME_ANCESTORS?.split(/[\s,]+/).filter(Boolean) ?? [];
  const policy = headers.get("Content-Security-Policy");
  if (extra.length > 0 && policy?.includes("frame-ancestors")) {
    headers.set("Content-Security-Policy", policy.replace("frame-ancestors", `frame-ancestors ${extra.join(" ")}`));
  }
  if (headers.has("Link")) headers.set("Link", `<${config.APP_BRIDGE_SCRIPT_URL}>; rel="preload"; as="script";`);
}
