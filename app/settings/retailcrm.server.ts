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
import { NotConfiguredError } from "../lib/errors";
import { adminClientForShop } from "../shopify/admin-for-shop.server";
import { variantSkusPage } from "../shopify/variants.server";

export type { RetailCrmSettingsInput } from "../connectors/retailcrm/settings.server";

export async function retailCrmSettingsScreen(shop: string) {
  const [{ settings, apiKeySet }, summaries, routing] = await Promise.all([
    loadRetailCrmSettings(shop),
    connectionSummaries(shop),
    loadRouting(db, shop),
  ]);
  let stores: { code: string; name: string; active: boolean }[] = [];
  let storesError: string | null = null;
  if (settings && apiKeySet) {
    try {
      stores = await retailCrmStores(shop);
    } catch (error) {
      storesError = `RetailCRM's warehouses could not be loaded: ${describeRetailCrmFailure(error)}`;
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

export function saveRetailCrmSettingsForm(shop: string, input: RetailCrmSettingsInput) {
  return saveRetailCrmSettings(shop, input);
}

export function testRetailCrm(shop: string) {
  return testRetailCrmConnection(shop);
}

/** "Test connection": the form's values, unsaved (a blank API key means the saved one); saves nothing. */
export function testRetailCrmSettings(shop: string, input: RetailCrmSettingsInput) {
  return testRetailCrmForm(shop, input);
}

export function registerRetailCrm(shop: string) {
  return registerRetailCrmModule(shop);
}

/** "Send stock to RetailCRM": adds it to, or removes it from, the shop's stock destinations. */
export async function setRetailCrmReceivesStock(shop: string, on: boolean): Promise<{ ok: boolean; message: string }> {
  const { settings, apiKeySet } = await loadRetailCrmSettings(shop);
  if (on && (!settings || !apiKeySet))
    return { ok: false, message: "Save the RetailCRM settings (address and API key) first." };
  if (on && !settings?.storeCode) return { ok: false, message: "Pick the RetailCRM warehouse stock goes to first." };
  const routing = await loadRouting(db, shop);
  if (on && routing.stockSource === RETAILCRM)
    return {
      ok: false,
      message: "Stock comes from RetailCRM: it cannot receive it too. Choose another stock source first.",
    };
  const others = routing.stockDestinations.filter((id) => id !== RETAILCRM);
  await saveRouting(db, shop, { stockDestinations: on ? [...others, RETAILCRM] : others });
  return {
    ok: true,
    message: on ? "Stock runs now send stock to RetailCRM too." : "Stock runs no longer send stock to RetailCRM.",
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
): Promise<
  | { ok: true; message: string; matches: { rows: ItemMatchRow[]; next: string | null; after: string | null } }
  | { ok: false; message: string }
> {
  try {
    const [{ index, offers }, page] = await Promise.all([
      retailCrmOfferIndex(shop),
      adminClientForShop(shop).then((client) => variantSkusPage(client, MATCH_PAGE, after)),
    ]);
    const rows = page.variants.map((v) => ({ variantId: v.id, ...matchSku(index, v.sku) }));
    const matched = rows.filter((r) => r.offerId !== null).length;
    const first = after ? "these" : "the first";
    return {
      ok: true,
      message: `${matched} of ${first} ${rows.length} Shopify variants match a RetailCRM offer (RetailCRM has ${offers} offers).`,
      matches: { rows, next: page.next, after },
    };
  } catch (error) {
    if (
      error instanceof RetailCrmRefusedError ||
      error instanceof RetailCrmUnavailableError ||
      error instanceof NotConfiguredError
    )
      return { ok: false, message: describeRetailCrmFailure(error) };
    throw error;
  }
}
