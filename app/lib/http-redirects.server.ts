// Where the app may send a browser out of the admin frame (/auth/exit-iframe?exitIframe=…): the app
// itself or the shop's own admin. Anything else would make our domain an open redirect for phishing.

const SHOP_DOMAIN = /^[a-z0-9][a-z0-9-]*\.myshopify\.com$/i;

export interface ExitDestinationContext {
  /** SHOPIFY_APP_URL */
  appUrl: string;
  /** The shop the request is for (its `shop` parameter), when it is a valid shop domain. */
  shop: string | null;
  /** Admin stand-ins allowed to frame the app (EXTRA_FRAME_ANCESTORS), e.g. the emulator. */
  extraAdminOrigins?: readonly string[];
}

/** True when `destination` (absolute, or relative to the app) is the app or the shop's admin. */
export function isAllowedExitDestination(destination: string | null, context: ExitDestinationContext): boolean {
  if (!destination || /[\s\\]/.test(destination)) return false;
  let url: URL;
  try {
    url = new URL(destination, context.appUrl);
  } catch {
    return false;
  }
  if (url.username || url.password) return false;
  if (url.origin === new URL(context.appUrl).origin) return true;
  const shop = context.shop && SHOP_DOMAIN.test(context.shop) ? context.shop.toLowerCase() : null;
  if (!shop || url.protocol !== "https:") return (context.extraAdminOrigins ?? []).includes(url.origin);
  const store = shop.replace(/\.myshopify\.com$/, "");
  if (url.origin === `https://${shop}`) return url.pathname === "/admin" || url.pathname.startsWith("/admin/");
  if (url.origin === "https://admin.shopify.com")
    return url.pathname === `/store/${store}` || url.pathname.startsWith(`/store/${store}/`);
  return (context.extraAdminOrigins ?? []).includes(url.origin);
}
