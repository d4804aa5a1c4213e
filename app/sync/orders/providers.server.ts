// Which systems play the order capabilities for a shop: Fastmag is the order sink and status source;
// Chronopost and TNT are the carrier trackers. Carrier endpoints and the "notify the customer" choice
// are the shop's "orders" settings (defaults: the real services, notify on).
import { createChronopostTracker } from "../../connectors/chronopost/client.server";
import { fastmagConnectorForShop } from "../../connectors/fastmag/settings.server";
import { loadConnectorSecrets, loadConnectorSettings, saveConnectorSettings } from "../../connectors/settings.server";
import { createTntExpressConnectTracker, createTntFranceTracker } from "../../connectors/tnt/client.server";
import type { CarrierTracker, OrderSink, OrderStatusSource } from "./ports";

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

const CONNECTOR = "orders";

export async function loadOrderSettings(shop: string): Promise<OrderSettings> {
  const stored = await loadConnectorSettings<OrderSettings>(shop, CONNECTOR);
  return { notifyCustomer: true, ...stored?.config };
}

export async function saveOrderSettings(
  shop: string,
  settings: OrderSettings,
  secrets: { tntPassword?: string } = {},
): Promise<void> {
  await saveConnectorSettings(
    shop,
    CONNECTOR,
    settings,
    secrets.tntPassword === undefined ? {} : { tntPassword: secrets.tntPassword },
  );
}

export async function fastmagOrderPorts(
  shop: string,
): Promise<{ sink: OrderSink; statuses: OrderStatusSource; locationId: string | undefined }> {
  const { fastmag, settings } = await fastmagConnectorForShop(shop);
  return {
    locationId: settings.locationId || undefined,
    sink: {
      orderByShopifyId: (id) => fastmag.orders.orderByShopifyId(id),
      createOrder: (draft, customer) => fastmag.orders.createOrder(draft, customer),
      transferStock: async (transfers, reason) => {
        await fastmag.inventory.transfer(transfers, reason);
      },
    },
    statuses: { ordersByShopifyIds: async (ids) => (await fastmag.orders.ordersByShopifyIds(ids)).items },
  };
}

export async function carrierTrackers(shop: string): Promise<{ chronopost: CarrierTracker; tnt: CarrierTracker }> {
  const settings = await loadOrderSettings(shop);
  const secrets = await loadConnectorSecrets(shop, CONNECTOR);
  const credentials = { username: settings.tntUsername ?? "", password: secrets.tntPassword ?? "" };
  return {
    chronopost: createChronopostTracker({ url: settings.chronopostUrl }),
    tnt:
      settings.tntProtocol === "expressconnect"
        ? createTntExpressConnectTracker({ url: settings.tntExpressConnectUrl, credentials })
        : createTntFranceTracker({ url: settings.tntFranceUrl, credentials }),
  };
}

/** The tracker for a carrier name as Fastmag writes it ("CHRONOPOST", "TNT"…), or undefined. */
export function trackerFor(
  carrier: string | null | undefined,
  trackers: { chronopost: CarrierTracker; tnt: CarrierTracker },
): CarrierTracker | undefined {
  const name = (carrier ?? "").toUpperCase();
  if (name.includes("CHRONO")) return trackers.chronopost;
  if (name.includes("TNT")) return trackers.tnt;
  return undefined;
}
