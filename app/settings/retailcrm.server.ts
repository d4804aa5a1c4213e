// Use-cases behind the RetailCRM settings screen: what it shows (saved settings, whether an API key is
// stored, the account's warehouses, the connection state, whether stock is sent to RetailCRM), saving
// the form, testing the connection, registering the warehouse module and the "Send stock" switch.
import { connectionSummaries } from "../connectors/registry.server";
import {
  loadRetailCrmSettings,
  registerRetailCrmModule,
  retailCrmStores,
  saveRetailCrmSettings,
  testRetailCrmConnection,
  testRetailCrmSettings as testRetailCrmForm,
  describeRetailCrmFailure,
  RETAILCRM,
  type RetailCrmSettingsInput,
} from "../connectors/retailcrm/settings.server";
import { matchSku, retailCrmOfferIndex, type ItemMatch } from "../connectors/retailcrm/matching.server";
import { RetailCrmRefusedError, RetailCrmUnavailableError } from "../connectors/retailcrm/client.server";
import { loadRouting, saveRouting } from "../connectors/routing.server";
import { db } from "../db.server";
import { defineWords } from "../i18n/define";
import type { Locale } from "../i18n/locale";
import { NotConfiguredError } from "../lib/errors";
import { adminClientForShop } from "../shopify/admin-for-shop.server";
import { variantSkusPage } from "../shopify/variants.server";

export type { RetailCrmSettingsInput } from "../connectors/retailcrm/settings.server";

const WORDS = defineWords({
  en: {
    noStores: (why: string) => `RetailCRM's warehouses could not be loaded: ${why}`,
    saveFirst: "Save the RetailCRM settings (address and API key) first.",
    pickFirst: "Pick the RetailCRM warehouse stock goes to first.",
    comesFrom: "Stock comes from RetailCRM: it cannot receive it too. Choose another stock source first.",
    sendsNow: "Stock runs now send stock to RetailCRM too.",
    sendsNoMore: "Stock runs no longer send stock to RetailCRM.",
    matched: (matched: number, after: boolean, rows: number, offers: number) =>
      `${matched} of ${after ? "these" : "the first"} ${rows} Shopify variants match a RetailCRM offer (RetailCRM has ${offers} offers).`,
    // Null: the stock run's own words (matching.server.ts), which are English.
    noSku: null as string | null,
    noOffer: null as ((sku: string) => string) | null,
  },
  fr: {
    noStores: (why: string) => `Les entrepôts de RetailCRM n'ont pas pu être chargés : ${why}`,
    saveFirst: "Enregistrez d'abord les paramètres RetailCRM (adresse et clé d'API).",
    pickFirst: "Choisissez d'abord l'entrepôt RetailCRM où va le stock.",
    comesFrom:
      "Le stock vient de RetailCRM : il ne peut pas aussi en recevoir. Choisissez d'abord une autre source de stock.",
    sendsNow: "Les synchronisations de stock envoient désormais aussi le stock à RetailCRM.",
    sendsNoMore: "Les synchronisations de stock n'envoient plus le stock à RetailCRM.",
    matched: (matched: number, after: boolean, rows: number, offers: number) =>
      `${matched} sur ${after ? "ces" : "les"} ${rows} ${after ? "" : "premières "}variantes Shopify correspondent à une offre RetailCRM (RetailCRM a ${offers} offre${offers > 1 ? "s" : ""}).`,
    noSku:
      "Cette variante n'a pas de SKU dans Shopify : aucune offre RetailCRM ne peut lui correspondre. Donnez-lui l'article de l'offre comme SKU.",
    noOffer: (sku: string) =>
      `Aucune offre RetailCRM n'a « ${sku} » comme article (ni comme identifiant externe ou XML) : son stock n'est pas envoyé à RetailCRM. Donnez cet article à l'offre dans RetailCRM.`,
  },
});

export async function retailCrmSettingsScreen(shop: string, locale: Locale = "en") {
  const [{ settings, apiKeySet }, summaries, routing] = await Promise.all([
    loadRetailCrmSettings(shop),
    connectionSummaries(shop, locale),
    loadRouting(db, shop),
  ]);
  let stores: { code: string; name: string; active: boolean }[] = [];
  let storesError: string | null = null;
  if (settings && apiKeySet) {
    try {
      stores = await retailCrmStores(shop);
    } catch (error) {
      storesError = WORDS[locale].noStores(describeRetailCrmFailure(error, locale));
    }
  }
  const summary = summaries.find((s) => s.connector === RETAILCRM);
  return {
    settings,
    apiKeySet,
    stores,
    storesError,
    sendsStock: routing.stockDestinations.includes(RETAILCRM),
    connection: { state: summary?.state ?? ("not-configured" as const), message: summary?.lastCheckMessage ?? null },
  };
}

export function saveRetailCrmSettingsForm(shop: string, input: RetailCrmSettingsInput, locale: Locale = "en") {
  return saveRetailCrmSettings(shop, input, locale);
}

export function testRetailCrm(shop: string, locale: Locale = "en") {
  return testRetailCrmConnection(shop, { locale });
}

/** "Test connection": the form's values, unsaved (a blank API key means the saved one); saves nothing. */
export function testRetailCrmSettings(shop: string, input: RetailCrmSettingsInput, locale: Locale = "en") {
  return testRetailCrmForm(shop, input, { locale });
}

export function registerRetailCrm(shop: string, locale: Locale = "en") {
  return registerRetailCrmModule(shop, locale);
}

/** "Send stock to RetailCRM": adds it to, or removes it from, the shop's stock destinations. */
export async function setRetailCrmReceivesStock(
  shop: string,
  on: boolean,
  locale: Locale = "en",
): Promise<{ ok: boolean; message: string }> {
  const w = WORDS[locale];
  const { settings, apiKeySet } = await loadRetailCrmSettings(shop);
  if (on && (!settings || !apiKeySet)) return { ok: false, message: w.saveFirst };
  if (on && !settings?.storeCode) return { ok: false, message: w.pickFirst };
  const routing = await loadRouting(db, shop);
  if (on && routing.stockSource === RETAILCRM) return { ok: false, message: w.comesFrom };
  const others = routing.stockDestinations.filter((id) => id !== RETAILCRM);
  await saveRouting(db, shop, { stockDestinations: on ? [...others, RETAILCRM] : others });
  return {
    ok: true,
    message: on ? w.sendsNow : w.sendsNoMore,
  };
}

/** Shopify variants per "Match items" page. */
export const MATCH_PAGE = 50;

export type ItemMatchRow = ItemMatch & { variantId: string };

/**
 * "Match items": one page of the shop's Shopify variants (in Shopify's order, `after` = the previous
 * page's cursor) with the RetailCRM offer each SKU matches, or why none does. RetailCRM's catalog is read
 * whole each time, as a full stock run reads it.
 */
export async function retailCrmItemMatches(
  shop: string,
  after: string | null,
  locale: Locale = "en",
): Promise<
  | { ok: true; message: string; matches: { rows: ItemMatchRow[]; next: string | null; after: string | null } }
  | { ok: false; message: string }
> {
  try {
    const [{ index, offers }, page] = await Promise.all([
      retailCrmOfferIndex(shop),
      adminClientForShop(shop).then((client) => variantSkusPage(client, MATCH_PAGE, after)),
    ]);
    const w = WORDS[locale];
    const rows = page.variants.map((v): ItemMatchRow => {
      const match = matchSku(index, v.sku);
      if (match.offerId !== null) return { variantId: v.id, ...match };
      const reason = match.sku ? w.noOffer?.(match.sku) : w.noSku;
      return { variantId: v.id, ...match, reason: reason ?? match.reason };
    });
    const matched = rows.filter((r) => r.offerId !== null).length;
    return {
      ok: true,
      message: WORDS[locale].matched(matched, !!after, rows.length, offers),
      matches: { rows, next: page.next, after },
    };
  } catch (error) {
    if (
      error instanceof RetailCrmRefusedError ||
      error instanceof RetailCrmUnavailableError ||
      error instanceof NotConfiguredError
    )
      return { ok: false, message: describeRetailCrmFailure(error, locale) };
    throw error;
  }
}
