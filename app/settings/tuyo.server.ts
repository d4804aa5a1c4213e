// Use-cases behind Settings → Tuyo: what the screen shows (saved settings, which keys are stored, the
// connection state, whether stock is sent to Tuyo), saving the form, testing the connection and the
// "Send stock to Tuyo" switch.
import { connectionSummaries } from "../connectors/registry.server";
import { loadRouting, saveRouting } from "../connectors/routing.server";
import {
  loadTuyoSettings,
  saveTuyoSettings,
  testTuyoConnection,
  testTuyoSettings,
  TUYO,
  TuyoNotConfiguredError,
  type TuyoSettingsInput,
} from "../connectors/tuyo/settings.server";
import {
  categoryRules,
  deleteCategoryRule,
  saveCategoryRule,
  tuyoCategories,
} from "../connectors/tuyo/categories.server";
import { linkTuyoSale, recordTuyoSale } from "../connectors/tuyo/orders.server";
import { CARGO_TYPES, PRODUCT_TYPES, type CargoType } from "../connectors/tuyo/mapping.server";
import { db } from "../db.server";
import { shopTimeZone } from "../shops/time-zone.server";
import { adminClientForShop } from "../shopify/admin-for-shop.server";
import { recordSaleInShopify } from "../shopify/marketplace-orders.server";
import { reportMarketplaceProgress } from "../sync/listings/order-progress.server";
import type { TuyoListing, TuyoOrder } from "@passerelle/prisma-sqlite";
import { NotFoundError, ValidationError } from "../lib/errors";
import { pageSize, timeKeysetPage, type PageRequest } from "../lib/keyset.server";
import { defineWords } from "../i18n/define";
import type { Locale } from "../i18n/locale";
import { storedText } from "../i18n/stored-words";

const WORDS = defineWords({
  en: {
    stockOn: "Stock of the products listed on Tuyo is now sent to Tuyo.",
    stockOff: "Stock is no longer sent to Tuyo.",
    noMapping: "No such mapping.",
    productId: "A product gid (gid://shopify/Product/…).",
    cargoType: (types: string) => `One of ${types}, or null.`,
    cargoNotSet: "The cargo type cannot be set.",
    cargoNote: "Sent to Tuyo with the product's next publishing.",
  },
  fr: {
    stockOn: "Le stock des produits publiés sur Tuyo est maintenant envoyé à Tuyo.",
    stockOff: "Le stock n'est plus envoyé à Tuyo.",
    noMapping: "Cette correspondance n'existe pas.",
    productId: "Un gid de produit (gid://shopify/Product/…).",
    cargoType: (types: string) => `Un de ${types}, ou null.`,
    cargoNotSet: "Le type de colis ne peut pas être défini.",
    cargoNote: "Envoyé à Tuyo à la prochaine publication du produit.",
  },
});

export type { TuyoSettingsInput } from "../connectors/tuyo/settings.server";

export async function tuyoSettingsScreen(shop: string, locale: Locale = "en") {
  const [{ settings, productionKeySet, testingKeySet }, summaries, routing] = await Promise.all([
    loadTuyoSettings(shop),
    connectionSummaries(shop, locale),
    loadRouting(db, shop),
  ]);
  const summary = summaries.find((s) => s.connector === TUYO);
  return {
    settings,
    productionKeySet,
    testingKeySet,
    sendsStock: routing.stockDestinations.includes(TUYO),
    connection: { state: summary?.state ?? ("not-configured" as const), message: summary?.lastCheckMessage ?? null },
  };
}

export function saveTuyoSettingsForm(shop: string, input: TuyoSettingsInput, locale: Locale = "en") {
  return saveTuyoSettings(shop, input, locale);
}

export function testTuyo(shop: string, locale: Locale = "en") {
  return testTuyoConnection(shop, { locale });
}

/** "Test connection": the form's values, unsaved (a blank key means the saved one); saves nothing. */
export function testTuyoForm(shop: string, input: TuyoSettingsInput, locale: Locale = "en") {
  return testTuyoSettings(shop, input, { locale });
}

/** Adds Tuyo to (or takes it out of) the systems the stock runs send stock to. */
export async function setTuyoReceivesStock(shop: string, on: boolean, locale: Locale = "en") {
  const { settings } = await loadTuyoSettings(shop);
  if (!settings) throw new TuyoNotConfiguredError();
  const routing = await loadRouting(db, shop);
  const others = routing.stockDestinations.filter((id) => id !== TUYO);
  await saveRouting(db, shop, { stockDestinations: on ? [...others, TUYO] : others });
  return {
    ok: true,
    message: on ? WORDS[locale].stockOn : WORDS[locale].stockOff,
  };
}

/** Tuyo → Categories: Tuyo's list (a day old at most), the shop's rules, the product types. */
export async function tuyoCategoriesScreen(shop: string, options: { refresh?: boolean; locale?: Locale } = {}) {
  const [{ categories, fetchedAt, error }, rules, timeZone] = await Promise.all([
    tuyoCategories(shop, options),
    categoryRules(shop),
    shopTimeZone(shop),
  ]);
  return {
    timeZone,
    categories,
    fetchedAt: fetchedAt?.toISOString() ?? null,
    error,
    rules,
    productTypes: PRODUCT_TYPES.map((t) => ({ ...t })),
  };
}

export function saveTuyoCategoryRule(shop: string, input: Record<string, unknown>, locale: Locale = "en") {
  return saveCategoryRule(shop, input, locale);
}

export async function deleteTuyoCategoryRule(shop: string, input: Record<string, unknown>, locale: Locale = "en") {
  const deleted = await deleteCategoryRule(shop, String(input.kind ?? ""), String(input.value ?? ""));
  if (!deleted) throw new NotFoundError(WORDS[locale].noMapping);
  return { deleted };
}

/** Tuyo → Listings: every product chosen for Tuyo with its state and, when refused, why. */
/** Tuyo → Listings: most recently changed first, paged by keyset on (updatedAt, id), with the total. */
export async function tuyoListingsScreen(shop: string, locale: Locale = "en", place: PageRequest = {}) {
  const where = { shop };
  const { items: rows, ...page } = await timeKeysetPage<TuyoListing>({
    column: "updatedAt",
    order: "desc",
    request: place,
    limit: pageSize(place.limit, 500, 500),
    timeOf: (row) => row.updatedAt,
    rows: ({ position, orderBy, take }) =>
      db.tuyoListing.findMany({ where: position ? { AND: [where, position] } : where, orderBy, take }),
    count: () => db.tuyoListing.count({ where }),
  });
  return {
    ...page,
    listings: rows.map((r) => ({
      productId: r.shopifyProductId,
      tuyoSku: r.tuyoSku,
      state: r.state,
      // Said again in the admin's language when stored with words (app/i18n/stored-words.ts).
      reason: r.reason === null ? null : storedText(r.reason, r.reasonWords, locale),
      cargoOverride: r.cargoOverride,
      listedAt: r.listedAt?.toISOString() ?? null,
      updatedAt: r.updatedAt.toISOString(),
    })),
    cargoTypes: [...CARGO_TYPES],
  };
}

/** The merchant's cargo type for one product (null: derived from weight and size again). */
export async function setTuyoCargoOverride(shop: string, input: Record<string, unknown>, locale: Locale = "en") {
  const words = WORDS[locale];
  const productId = String(input.productId ?? "");
  const cargoType = input.cargoType === null || input.cargoType === "" ? null : String(input.cargoType ?? "");
  const fieldErrors: Record<string, string> = {};
  if (!/^gid:\/\/shopify\/Product\/\d+$/.test(productId)) fieldErrors.productId = words.productId;
  if (cargoType !== null && !CARGO_TYPES.includes(cargoType as CargoType))
    fieldErrors.cargoType = words.cargoType(CARGO_TYPES.join(", "));
  if (Object.keys(fieldErrors).length) throw new ValidationError(words.cargoNotSet, fieldErrors);
  await db.tuyoListing.upsert({
    where: { shop_shopifyProductId: { shop, shopifyProductId: productId } },
    create: { shop, shopifyProductId: productId, state: "pending", cargoOverride: cargoType },
    update: { cargoOverride: cargoType },
  });
  return { productId, cargoType, note: words.cargoNote };
}

/** Tuyo → Orders: the Tuyo sales recorded, with the status last reported to Tuyo. */
export async function tuyoOrdersScreen(shop: string, place: PageRequest = {}) {
  const where = { shop };
  const { items: rows, ...page } = await timeKeysetPage<TuyoOrder>({
    column: "createdAt",
    order: "desc",
    request: place,
    limit: pageSize(place.limit, 200, 500),
    timeOf: (row) => row.createdAt,
    rows: ({ position, orderBy, take }) =>
      db.tuyoOrder.findMany({ where: position ? { AND: [where, position] } : where, orderBy, take }),
    count: () => db.tuyoOrder.count({ where }),
  });
  // The order's name as the merchant knows it (#1001), once Shopify's orders/create has been recorded.
  const ids = rows.flatMap((r) => (r.shopifyOrderId ? [r.shopifyOrderId] : []));
  const names = new Map(
    (
      await db.orderExport.findMany({
        where: { shop, shopifyOrderId: { in: ids } },
        select: { shopifyOrderId: true, shopifyOrderName: true },
      })
    ).map((o) => [o.shopifyOrderId, o.shopifyOrderName]),
  );
  return {
    ...page,
    orders: rows.map((r) => ({
      code: r.code,
      kind: r.kind,
      items: JSON.parse(r.skusJson) as { sku: string; quantity: number }[],
      shopifyOrderId: r.shopifyOrderId,
      shopifyOrderName: r.shopifyOrderId ? (names.get(r.shopifyOrderId) ?? null) : null,
      reportedStatus: r.reportedStatus,
      createdAt: r.createdAt.toISOString(),
    })),
  };
}

/**
 * Records a Tuyo sale (code and items) and, unless it names the Shopify order it already is, creates
 * that order in Shopify (tagged `tuyo` and `tuyo-<code>`, stock taken), which then goes to the ERP like
 * any order through orders/create.
 */
export async function recordTuyoOrder(shop: string, input: Record<string, unknown>, locale: Locale = "en") {
  const sale = await recordTuyoSale(db, shop, input, locale);
  if (sale.shopifyOrderId) return { ...sale, shopifyOrderName: null, reportedToTuyo: false };
  const recorded = await recordSaleInShopify(
    await adminClientForShop(shop),
    {
      tag: TUYO,
      marketplace: "Tuyo",
      code: sale.code,
      lines: sale.items,
    },
    locale,
  );
  await linkTuyoSale(db, shop, sale.code, recorded.orderId);
  // Recorded in Shopify = accepted: Tuyo hears "Empaque" now (orders/create may have been processed
  // before the link above existed). A failure is retried with the order's next webhook.
  const reported = await reportMarketplaceProgress({ shop, db }, recorded.orderId, "accepted");
  return {
    ...sale,
    shopifyOrderId: recorded.orderId,
    shopifyOrderName: recorded.name,
    reportedToTuyo: reported.sent.length > 0,
  };
}

/** The screen's items box: one line per item, "SKU" or "SKU quantity" (also "SKU x 2", "SKU, 2"). */
export function saleItemsFromText(text: string): { sku: string; quantity: number }[] {
  return text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter(Boolean)
    .map((line) => {
      const match = /^(\S+?)(?:[\s,;]+(?:x|×)?\s*(\S+))?$/i.exec(line);
      return { sku: match?.[1] ?? line, quantity: match?.[2] === undefined ? 1 : Number(match[2]) };
    });
}
