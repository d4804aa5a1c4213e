// Use-cases behind the Fastmag settings screen: what it shows (saved settings, connection state,
// Shopify's locations to sync stock into), saving the form, and testing the connection.
import { FASTMAG_QUERY_DEFAULTS } from "../connectors/fastmag/queries.server";
import type { FastmagSettingsInput } from "../connectors/fastmag/settings-form.server";
import {
  loadFastmagSettings,
  saveFastmagSettings,
  testFastmagConnection,
  testFastmagSettings as testFastmagForm,
} from "../connectors/fastmag/settings.server";
import { loadRouting } from "../connectors/routing.server";
import { connectionSummaries } from "../connectors/registry.server";
import { db } from "../db.server";
import { defineWords } from "../i18n/define";
import type { Locale } from "../i18n/locale";
import { errorMessage } from "../lib/errors";
import { logger } from "../lib/logger.server";
import { listShopLocations, type ShopLocation } from "../shopify/locations.server";

export type { FastmagSettingsInput } from "../connectors/fastmag/settings-form.server";

const CONNECTOR = "fastmag";

const WORDS = defineWords({
  en: { noLocations: (detail: string) => `Shopify's locations could not be loaded (${detail}).` },
  fr: { noLocations: (detail: string) => `Les emplacements Shopify n'ont pas pu être chargés (« ${detail} »).` },
});

/** The shop's Shopify locations; when Shopify cannot list them, the screen says so and still loads. */
async function shopLocations(
  shop: string,
  accessToken: string | undefined,
  locale: Locale = "en",
): Promise<{ locations: ShopLocation[] | null; error: string | null }> {
  try {
    return { locations: await listShopLocations(shop, accessToken ?? ""), error: null };
  } catch (error) {
    logger.warn("could not list Shopify locations", { shop, error: errorMessage(error) });
    return { locations: null, error: WORDS[locale].noLocations(errorMessage(error)) };
  }
}

export async function fastmagSettingsScreen(shop: string, accessToken: string | undefined, locale: Locale = "en") {
  const [{ settings, passwordSet }, summaries, locations, routing] = await Promise.all([
    loadFastmagSettings(shop),
    connectionSummaries(shop, locale),
    shopLocations(shop, accessToken, locale),
    loadRouting(db, shop),
  ]);
  const summary = summaries.find((s) => s.connector === CONNECTOR);
  return {
    settings,
    /** Where the shop's stock goes in Shopify (the routing's, asked on this screen). */
    shopifyLocationId: routing.shopifyLocationId,
    passwordSet,
    connection: { state: summary?.state ?? ("not-configured" as const), message: summary?.lastCheckMessage ?? null },
    locations: locations.locations ?? [],
    locationsError: locations.error,
    queryDefaults: FASTMAG_QUERY_DEFAULTS as Record<string, string>,
  };
}

/** Saves the form once every field is valid; the stock location must be one of the shop's. */
export async function saveFastmagSettingsForm(
  shop: string,
  accessToken: string | undefined,
  input: FastmagSettingsInput,
  locale: Locale = "en",
) {
  const { locations } = await shopLocations(shop, accessToken);
  return saveFastmagSettings(shop, input, { knownLocationIds: locations?.map((l) => l.id), locale });
}

export function testFastmag(shop: string, locale: Locale = "en") {
  return testFastmagConnection(shop, { locale });
}

/** "Test connection": the form's values, unsaved (a blank password means the saved one); saves nothing. */
export function testFastmagSettings(shop: string, input: FastmagSettingsInput, locale: Locale = "en") {
  return testFastmagForm(shop, input, { locale });
}
