// The emulators of a chaos run, in two processes of their own (started by tests/chaos/stack.ts, which
// kills the app and the worker but never these): Fastmag with N variants and the two carriers in one,
// Shopify with one shop whose catalog mirrors Fastmag's in the other (a 100k-variant shop keeps one core
// busy; the ERP's fault switch must answer meanwhile). Everything after start goes through their HTTP
// control APIs. Configuration comes in CHAOS_EMULATORS (JSON); the URLs go back over IPC.
import path from "node:path";
import { startChronopostEmulator } from "../../emulators/chronopost/index";
import { startFastmagEmulator } from "../../emulators/fastmag/index";
import { createProduct } from "../../emulators/shopify/catalog";
import { startShopifyEmulator } from "../../emulators/shopify/index";
import { startTntEmulator } from "../../emulators/tnt/index";
import { CHAOS_API_KEY, CHAOS_FASTMAG_CREDENTIALS, CHAOS_TNT_CREDENTIALS, INITIAL_SHOPIFY_OFFSET } from "./config";

export interface EmulatorsConfig {
  /** Fastmag and the carriers in one process; Shopify (whose catalog mirrors Fastmag's) in another. */
  role: "fastmag" | "shopify";
  variants: number;
  shop: string;
  appUrl: string;
  apiSecret: string;
  webhookRetryDelaysMs: number[];
  /** For the Shopify process: where to read Fastmag's catalog. */
  fastmagUrl?: string;
}

export interface EmulatorsReady {
  shopifyUrl: string;
  fastmagUrl: string;
  chronopostUrl: string;
  tntFranceUrl: string;
  tntExpressConnectUrl: string;
  locationId: string;
  variants: number;
  products: number;
}

const config = JSON.parse(process.env.CHAOS_EMULATORS ?? "{}") as EmulatorsConfig;
const closers: (() => Promise<void>)[] = [];
let ready: Partial<EmulatorsReady>;

if (config.role === "fastmag") {
  const fastmag = await startFastmagEmulator({
    credentials: CHAOS_FASTMAG_CREDENTIALS,
    seed: { variants: config.variants },
  });
  const chronopost = await startChronopostEmulator();
  const tnt = await startTntEmulator({ credentials: CHAOS_TNT_CREDENTIALS });
  closers.push(
    () => fastmag.close(),
    () => chronopost.close(),
    () => tnt.close(),
  );
  ready = {
    fastmagUrl: fastmag.url,
    chronopostUrl: chronopost.trackingUrl,
    tntFranceUrl: tnt.franceUrl,
    tntExpressConnectUrl: tnt.expressConnectUrl,
  };
} else {
  const shopify = await startShopifyEmulator({
    app: {
      apiKey: CHAOS_API_KEY,
      apiSecret: config.apiSecret,
      appUrl: config.appUrl,
      handle: "passerelle",
      // The app's webhook subscriptions (orders/create, the compliance topics) come from its toml.
      tomlPath: path.resolve(import.meta.dirname, "..", "..", "shopify.app.toml"),
    },
    shops: [{ domain: config.shop, plan: "Standard", locations: [{ name: "Entrepôt" }] }],
    webhookRetryDelaysMs: config.webhookRetryDelaysMs,
  });
  closers.push(() => shopify.close());
  // Shopify sells the whole Fastmag catalog, one product per reference, with levels that all differ.
  const response = await fetch(`${config.fastmagUrl}_emulator/stocks`);
  const { rows } = (await response.json()) as { rows: [string, string, string, number, number][] };
  const shop = shopify.store.shop(config.shop);
  const locationId = [...shop.locations.values()][0]!.id;
  const byReference = new Map<string, typeof rows>();
  for (const row of rows) {
    const list = byReference.get(row[0]);
    if (list) list.push(row);
    else byReference.set(row[0], [row]);
  }
  for (const [reference, list] of byReference) {
    const skus = list.map(([r, color, size]) => `${r}|${color}|${size}`);
    createProduct(shopify.store, shop, {
      title: reference,
      handle: reference.toLowerCase().replace(/[^a-z0-9]+/g, "-"),
      options: [{ name: "Variante", values: skus }],
      variants: list.map((row, i) => ({
        sku: skus[i],
        price: "10.00",
        options: { Variante: skus[i]! },
        inventory: { [locationId]: Math.max(0, row[4]) + INITIAL_SHOPIFY_OFFSET },
      })),
    });
  }
  ready = {
    shopifyUrl: shopify.url,
    locationId: `gid://shopify/Location/${locationId}`,
    variants: rows.length,
    products: byReference.size,
  };
}

const stop = async () => {
  await Promise.allSettled(closers.map((close) => close()));
  process.exit(0);
};
process.on("SIGTERM", () => void stop());
process.on("SIGINT", () => void stop());
process.on("disconnect", () => void stop());
process.send?.({ ready });
