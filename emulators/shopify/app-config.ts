// The one app the emulator serves (Shopify keys buckets and tokens per app and shop; we have one app).
export interface AppConfig {
  apiKey: string;
  apiSecret: string;
  /** Where the app is served, e.g. http://127.0.0.1:3000 (the iframe and webhook deliveries go there). */
  appUrl: string;
  /** The app's handle in admin URLs: /store/<shop>/apps/<handle>. */
  handle: string;
  /** Granted scopes, comma-separated, as the token exchange reports them. */
  scopes: string;
  /** The app proxy declared in shopify.app.toml (`[app_proxy]`), if any. */
  appProxy?: { prefix: string; subpath: string; path: string };
  /** The app's `extensions/` folder: the storefront serves its theme app blocks. */
  extensionsDir?: string;
}

export const DEFAULT_SCOPES =
  "read_products,write_products,read_inventory,write_inventory,read_locations,read_orders,write_orders,read_fulfillments,write_fulfillments";
