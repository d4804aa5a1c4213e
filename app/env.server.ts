// The one place that reads process.env (eslint forbids it elsewhere in app/). Parsed once, with
// errors that name the variable, so a misconfigured process fails at start and not mid-request.
import { z } from "zod";

const sqliteSynchronousSchema = z
  .string()
  .default("NORMAL")
  .transform((value) => value.toUpperCase())
  .pipe(z.enum(["NORMAL", "FULL", "EXTRA"], { message: "SQLITE_SYNCHRONOUS must be NORMAL, FULL or EXTRA" }));

const schema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  SHOPIFY_API_KEY: z.string().min(1, "the app's client id from the Partner dashboard"),
  SHOPIFY_API_SECRET: z.string().min(1, "the app's client secret from the Partner dashboard"),
  SHOPIFY_APP_URL: z.string().url("the public URL the app is served at"),
  SCOPES: z
    .string()
    .default(
      "read_products,write_products,read_inventory,write_inventory,read_locations,read_orders,write_orders,read_fulfillments,write_fulfillments,read_merchant_managed_fulfillment_orders,write_merchant_managed_fulfillment_orders,read_third_party_fulfillment_orders,write_third_party_fulfillment_orders,read_customers,write_gift_cards,read_gift_cards,write_discounts,read_store_credit_accounts,write_store_credit_account_transactions",
    ),
  DATABASE_URL: z.string().optional(),
  APP_ENCRYPTION_KEY: z.string().regex(/^[A-Za-z0-9+/]{43}=$/, "32 random bytes, base64 (openssl rand -base64 32)"),
  // Send Admin API / OAuth requests for *.myshopify.com to this origin instead (the Shopify emulator).
  SHOPIFY_API_ORIGIN_OVERRIDE: z.string().url().optional(),
  // Where the embedded pages load App Bridge from (Shopify's CDN unless a stand-in is configured).
  APP_BRIDGE_SCRIPT_URL: z.string().url().default("https://cdn.shopify.com/shopifycloud/app-bridge.js"),
  // Extra origins allowed to frame the embedded pages (an admin stand-in such as the emulator's).
  EXTRA_FRAME_ANCESTORS: z.string().optional(),
  // Every app process runs the scheduler (enqueue only) and a worker unless this is "off"
  // (e.g. web-only processes when workers run elsewhere: `npm run worker`).
  BACKGROUND_JOBS: z.enum(["on", "off"]).default("on"),
  WORKER_CONCURRENCY: z.coerce.number().int().min(1).max(32).default(8),
  LOG_LEVEL: z.enum(["debug", "info", "warn", "error", "silent"]).default("info"),
  // "on" lets connector addresses use plain http and local/private networks: the demo and the
  // emulators only. Off, a merchant can only point connectors at public https addresses.
  ALLOW_LOCAL_CONNECTORS: z.enum(["on", "off"]).default("off"),
  // ERP event feed (app/event-feed): extra certificate authorities its endpoints' HTTPS may use (the test
  // ERP's), how long a delivery is retried before it is dead-lettered, and after how many hours of
  // failing an endpoint is paused.
  EVENT_FEED_CA_FILE: z.string().optional(),
  EVENT_FEED_RETRY_HOURS: z.coerce
    .number()
    .min(0.001)
    .max(24 * 14)
    .default(24),
  EVENT_FEED_AUTO_PAUSE_HOURS: z.coerce
    .number()
    .min(0.001)
    .max(24 * 14)
    .default(12),
  // "on" when the app is installed without the Shopify CLI (shopify.app.toml's webhooks not deployed):
  // each shop is subscribed to the event feed's topics through the Admin API at install. Off when the
  // toml is deployed (Shopify would then send each event twice, once per subscription).
  SHOPIFY_SUBSCRIBE_AT_INSTALL: z.enum(["on", "off"]).default("off"),
  // Replaces every Fastmag deadline (screens 15-30 s, syncs 120 s), e.g. for a slow instance.
  FASTMAG_TIMEOUT_MS: z.coerce.number().int().min(100).max(600_000).optional(),
  // Where the storefront's job application files wait until their mail is sent (app/job-applications);
  // every process that serves the form or runs jobs must see the same folder. Default: the OS temp dir.
  UPLOADS_DIR: z.string().optional(),
  // How hard each SQLite commit waits for the disk (docs/decisions/0008-sqlite-synchronous-normal.md).
  SQLITE_SYNCHRONOUS: sqliteSynchronousSchema,
});

export type Env = z.infer<typeof schema>;

let cached: Env | undefined;

export function env(): Env {
  if (cached) return cached;
  const parsed = schema.safeParse(process.env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `  ${issue.path.join(".")}: ${issue.message}`);
    throw new Error(`Invalid environment (see .env.example):\n${lines.join("\n")}`);
  }
  cached = parsed.data;
  return cached;
}

/**
 * The database address alone, without checking the rest of the configuration: loading db.server (and
 * so the connector registry) does not need the app's whole environment, e.g. in the demo stack.
 */
export function databaseUrlFromEnv(): string | undefined {
  return cached ? cached.DATABASE_URL : process.env.DATABASE_URL;
}

/** SQLITE_SYNCHRONOUS alone (checked), for the database layer, like `databaseUrlFromEnv`. */
export function sqliteSynchronousFromEnv(): "NORMAL" | "FULL" | "EXTRA" {
  if (cached) return cached.SQLITE_SYNCHRONOUS;
  const parsed = sqliteSynchronousSchema.safeParse(process.env.SQLITE_SYNCHRONOUS);
  if (!parsed.success)
    throw new Error(`SQLITE_SYNCHRONOUS must be NORMAL, FULL or EXTRA, not "${process.env.SQLITE_SYNCHRONOUS}".`);
  return parsed.data;
}
