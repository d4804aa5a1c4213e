// Shopify's helper allows only Shopify's admin origins to frame the app. An admin stand-in (the
// emulator behind `npm run demo`) lives elsewhere, so its origin can be added by configuration.
import { env } from "../env.server";

export function allowConfiguredFrameAncestors(headers: Headers): void {
  const extra = env().EXTRA_FRAME_ANCESTORS?.split(/[\s,]+/).filter(Boolean) ?? [];
  const policy = headers.get("Content-Security-Policy");
  if (extra.length === 0 || !policy?.includes("frame-ancestors")) return;
  headers.set("Content-Security-Policy", policy.replace("frame-ancestors", `frame-ancestors ${extra.join(" ")}`));
}
