// Which systems play the order capabilities for a shop: the registry says where orders go and where
// their statuses come from; Chronopost and TNT are the carrier trackers. Carrier endpoints and the "notify the customer" choice
// are the shop's carrier settings (defaults: the real services, notify on).
import { createChronopostTracker } from "../../connectors/chronopost/client.server";
import { providerFor, routedConnector } from "../../connectors/registry.server";
import { loadRouting } from "../../connectors/routing.server";
import { db as defaultDb, type Db } from "../../db.server";
import type { Locale } from "../../i18n/locale";
import { createTntExpressConnectTracker, createTntFranceTracker } from "../../connectors/tnt/client.server";
import type { OrderDestination } from "../../capabilities/order-destination";
import type { OrderStatusSource } from "../../capabilities/order-status-source";
import type { TrackingSource as CarrierTracker } from "../../capabilities/tracking-source";
import { loadCarrierSecrets, loadCarrierSettings, saveCarrierSettings } from "./carrier-settings.server";

export interface OrderSettings {
  /** Shopify e-mails the customer when a fulfillment with tracking is created. */
  notifyCustomer: boolean;
  chronopostUrl?: string;
  tntFranceUrl?: string;
  tntExpressConnectUrl?: string;
  tntUsername?: string;
  /** TNT France (SOAP) for domestic parcels, ExpressConnect for international ones. */
  tntProtocol?: "france" | "expressconnect";
}

export async function loadOrderSettings(shop: string): Promise<OrderSettings> {
  const stored = await loadCarrierSettings<OrderSettings>(shop);
  return { notifyCustomer: true, ...stored?.config };
}

export async function saveOrderSettings(
  shop: string,
  settings: OrderSettings,
  secrets: { tntPassword?: string } = {},
): Promise<void> {
  await saveCarrierSettings(shop, settings, secrets);
}

/** Where the shop's orders go, and where their statuses come from, through the registry. */
export async function orderPorts(
  shop: string,
  db: Db = defaultDb,
): Promise<{
  destination: OrderDestination;
  destinationName: string;
  statuses: OrderStatusSource;
  statusSourceName: string;
  locationId: string | undefined;
}> {
  const ctx = { shop, db, timeoutMs: 30_000 };
  const [destination, statuses, routing] = await Promise.all([
    providerFor(ctx, "order-destination"),
    providerFor(ctx, "order-status-source"),
    loadRouting(db, shop),
  ]);
  return {
    locationId: routing.shopifyLocationId ?? undefined,
    destination: destination.port,
    destinationName: destination.name,
    statuses: statuses.port,
    statusSourceName: statuses.name,
  };
}

/** What the merchant calls the system the shop's orders go to (its connector's name), for screens and messages. */
export async function orderDestinationName(shop: string, db: Db = defaultDb, locale: Locale = "en"): Promise<string> {
  return (
    (await routedConnector(db, shop, "order-destination"))?.name ??
    (locale === "fr" ? "le système de commandes" : "the order system")
  );
}

export async function carrierTrackers(shop: string): Promise<{ chronopost: CarrierTracker; tnt: CarrierTracker }> {
  const settings = await loadOrderSettings(shop);
  const secrets = await loadCarrierSecrets(shop);
  return trackersFrom(settings, secrets.tntPassword);
}

/** The carriers' trackers for these settings (saved ones, or a form's being tested). */
export function trackersFrom(
  settings: OrderSettings,
  tntPassword: string | undefined,
  options: { timeoutMs?: number } = {},
): { chronopost: CarrierTracker; tnt: CarrierTracker } {
  const credentials = { username: settings.tntUsername ?? "", password: tntPassword ?? "" };
  const { timeoutMs } = options;
  return {
    chronopost: createChronopostTracker({ url: settings.chronopostUrl, timeoutMs }),
    tnt:
      settings.tntProtocol === "expressconnect"
        ? createTntExpressConnectTracker({ url: settings.tntExpressConnectUrl, credentials, timeoutMs })
        : createTntFranceTracker({ url: settings.tntFranceUrl, credentials, timeoutMs }),
  };
}

/** The tracker for a carrier name as the back office writes it, free text ("CHRONOPOST", "TNT"…), or undefined. */
export function trackerFor(
  carrier: string | null | undefined,
  trackers: { chronopost: CarrierTracker; tnt: CarrierTracker },
): CarrierTracker | undefined {
  const name = (carrier ?? "").toUpperCase();
  if (name.includes("CHRONO")) return trackers.chronopost;
  if (name.includes("TNT")) return trackers.tnt;
  return undefined;
}
