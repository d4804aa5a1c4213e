// The Settings screen's back-office connections and routing: every system the merchant can set up here,
// with its connection state and settings screen, and who plays which part in plain words.
import { connectionsToSetUp, routingSentences } from "../connectors/registry.server";
import { db } from "../db.server";
import type { Locale } from "../i18n/locale";

export async function connectionsScreen(shop: string, locale: Locale = "en") {
  return connectionsToSetUp(shop, locale);
}

export function routingScreen(shop: string, locale: Locale = "en") {
  return routingSentences(db, shop, locale);
}
