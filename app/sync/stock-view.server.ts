// One SKU's stock as the merchant compares it: the stock source now, Shopify now, and what the last sync
// recorded (the snapshot fetch_stock answers from). Each side may fail on its own without hiding the others.
import { providerFor } from "../connectors/registry.server";
import { loadRouting } from "../connectors/routing.server";
import { db, type Db } from "../db.server";
import { errorMessage, merchantMessageOf, NotConfiguredError } from "../lib/errors";
import { sayIn } from "../i18n/stored-words";
import { CAPABILITY_WORDS } from "../capabilities";
import { defineWords } from "../i18n/define";
import type { Locale } from "../i18n/locale";
import type { ShopifyAdminClient } from "../shopify/admin-client.server";
import { adminClientForShop } from "../shopify/admin-for-shop.server";
import { levelsOfSku } from "../shopify/inventory.server";
import type { StockSource } from "../capabilities/stock-source";

// What the stock page says when a system cannot be asked (the systems' own errors are shown as they come).
const WORDS = defineWords({
  en: {
    noSource: "No stock source is set up.",
    noShopify: "Shopify is not reachable.",
    theSource: "The stock source",
    notSetUp: null as ((what: string) => string) | null,
  },
  fr: {
    noSource: "Aucune source de stock n'est configurée.",
    noShopify: "Shopify ne répond pas.",
    theSource: "La source du stock",
    // The registry's sentence is English: a French admin reads what to set up, and where.
    notSetUp: (what: string) =>
      `Configurez d'abord ${what === CAPABILITY_WORDS["stock-source"] ? "une source de stock" : what} dans Paramètres.`,
  },
});

export interface SkuStockView {
  sku: string;
  /** What the merchant calls the stock source. */
  sourceName: string;
  /** The source's level now: what may be sold, and how the source counts it. */
  source: { available: number; detail: string | null; updatedAt: string | null } | null | { error: string };
  shopify: { inventoryItemId: string; available: number | null }[] | { error: string };
  snapshot: {
    webStock: number;
    shopifyQuantity: number | null;
    syncedAt: string;
    inventoryItemId: string | null;
  } | null;
}

export async function skuStockView(
  db: Db,
  shop: string,
  sku: string,
  deps: {
    sourceName: string;
    source?: StockSource;
    sourceError?: string;
    locationId?: string;
    client?: ShopifyAdminClient;
    clientError?: string;
  },
  locale: Locale = "en",
): Promise<SkuStockView> {
  const t = WORDS[locale];
  const [source, shopify, snapshot] = await Promise.all([
    (async () => {
      if (!deps.source) return { error: deps.sourceError ?? t.noSource };
      try {
        const level = await deps.source.stockOf(sku);
        return (
          level && {
            available: level.available,
            detail: level.detail ?? null,
            updatedAt: level.updatedAt?.toISOString() ?? null,
          }
        );
      } catch (error) {
        return { error: problem(error, locale) };
      }
    })(),
    (async () => {
      if (!deps.client || !deps.locationId) return { error: deps.clientError ?? deps.sourceError ?? t.noShopify };
      try {
        return (await levelsOfSku(deps.client, deps.locationId, sku)).map(({ inventoryItemId, available }) => ({
          inventoryItemId,
          available,
        }));
      } catch (error) {
        return { error: problem(error, locale) };
      }
    })(),
    db.stockSnapshot.findUnique({ where: { shop_sku: { shop, sku } } }),
  ]);
  return {
    sku,
    sourceName: deps.sourceName,
    source,
    shopify,
    snapshot: snapshot && {
      webStock: snapshot.webStock,
      shopifyQuantity: snapshot.shopifyQuantity,
      syncedAt: snapshot.syncedAt.toISOString(),
      inventoryItemId: snapshot.inventoryItemId,
    },
  };
}

/** The view for a screen: the shop's stock source and Shopify, each allowed to fail on its own. */
export async function skuStockViewForShop(shop: string, sku: string, locale: Locale = "en"): Promise<SkuStockView> {
  const [source, client, routing] = await Promise.allSettled([
    providerFor({ shop, db, timeoutMs: 10_000 }, "stock-source"),
    adminClientForShop(shop, { maxAttempts: 2, timeoutMs: 10_000 }),
    loadRouting(db, shop),
  ]);
  return skuStockView(
    db,
    shop,
    sku,
    {
      sourceName: source.status === "fulfilled" ? source.value.name : WORDS[locale].theSource,
      source: source.status === "fulfilled" ? source.value.port : undefined,
      sourceError: source.status === "rejected" ? sourceProblem(source.reason, locale) : undefined,
      locationId: routing.status === "fulfilled" ? (routing.value.shopifyLocationId ?? undefined) : undefined,
      client: client.status === "fulfilled" ? client.value : undefined,
      clientError: client.status === "rejected" ? errorMessage(client.reason) : undefined,
    },
    locale,
  );
}

/** An error in the reader's language when it was said with a key (ADR 0021), else as it came. */
function problem(error: unknown, locale: Locale): string {
  const message = merchantMessageOf(error);
  return message === null ? errorMessage(error) : sayIn(message, locale);
}

function sourceProblem(reason: unknown, locale: Locale): string {
  const notSetUp = WORDS[locale].notSetUp;
  return reason instanceof NotConfiguredError && notSetUp ? notSetUp(reason.what) : problem(reason, locale);
}
