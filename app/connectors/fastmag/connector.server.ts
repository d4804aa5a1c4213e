// Fastmag's manifest: the ERP/POS as stock source, price source, order destination, order status
// source, catalog source (a season's products), image source, gift card source and customer credit
// source (wallets and credit notes). The registry
// imports this file only.
import { z } from "zod";
import { errorMessage } from "../../lib/errors";
import { logger } from "../../lib/logger.server";
import { listShopLocationsOffline } from "../../shopify/locations.server";
import { defineConnector, settingsForm } from "../define";
import {
  fastmagGiftCardSource,
  fastmagOrderDestination,
  fastmagOrderStatusSource,
  fastmagPriceSource,
  fastmagStockSource,
} from "./capabilities.server";
import { fastmagCatalogSource } from "./catalog-source.server";
import { fastmagCustomerCreditSource } from "./customer-credit.server";
import { fastmagImageSource } from "./photos.server";
import {
  fastmagConnectorForShop,
  saveFastmagSettings,
  testFastmagConnection,
  testFastmagSettings,
  type FastmagSettings,
} from "./settings.server";

/** The stored settings as the capabilities read them (the settings screen validates every field). */
const storedSettings = z
  .object({
    host: z.string(),
    enseigne: z.string(),
    magasin: z.string(),
    compte: z.string(),
    stock: z.object({ includeA: z.boolean(), includeB: z.boolean(), safetyMargin: z.number() }),
    seasons: z.array(z.string()),
    timeZone: z.string(),
    queryOverrides: z.record(z.string()),
  })
  .passthrough() as unknown as z.ZodType<FastmagSettings>;

/** The fields of Settings → Fastmag, as the JSON API takes them (the password is write-only). */
const formFields = z
  .object({
    host: z.string(),
    enseigne: z.string(),
    magasin: z.string(),
    compte: z.string(),
    motpasse: z.string(),
    stockA: z.union([z.boolean(), z.string()]),
    stockB: z.union([z.boolean(), z.string()]),
    safetyMargin: z.union([z.number(), z.string()]),
    locationId: z.string(),
    seasons: z.union([z.array(z.string()), z.string()]),
    timeZone: z.string(),
    queryOverrides: z.record(z.string()),
  })
  .partial()
  .strict();

/** The stock location must be one of the shop's; when Shopify cannot list them the form's other checks still run. */
async function knownLocationIds(shop: string): Promise<string[] | undefined> {
  try {
    return (await listShopLocationsOffline(shop)).map((l) => l.id);
  } catch (error) {
    logger.warn("could not list Shopify locations", { shop, error: errorMessage(error) });
    return undefined;
  }
}

const connect = (shop: string, timeoutMs: number | undefined) => fastmagConnectorForShop(shop, { timeoutMs });

export const fastmag = defineConnector<FastmagSettings>({
  id: "fastmag",
  name: "Fastmag",
  emulator: "fastmag",
  kind: "ERP / POS",
  settingsPage: "/app/settings/fastmag",
  screens: [{ title: "Fastmag explorer", url: "/app/fastmag/explorer" }],
  // Fastmag's nightly maintenance: full stock and price reads are not scheduled then.
  maintenanceWindow: { fromHour: 3, toHour: 5 },
  settings: storedSettings,
  secrets: ["motpasse"],
  capabilities: {
    "stock-source": async ({ shop }, ctx) => {
      const { fastmag, settings } = await connect(shop, ctx.timeoutMs);
      return fastmagStockSource(fastmag, settings);
    },
    "price-source": async ({ shop }, ctx) => {
      const { fastmag, settings } = await connect(shop, ctx.timeoutMs);
      return fastmagPriceSource(fastmag, settings);
    },
    "order-destination": async ({ shop }, ctx) => fastmagOrderDestination((await connect(shop, ctx.timeoutMs)).fastmag),
    "order-status-source": async ({ shop }, ctx) =>
      fastmagOrderStatusSource((await connect(shop, ctx.timeoutMs)).fastmag),
    "catalog-source": async ({ shop }, ctx) => {
      const { fastmag, settings } = await connect(shop, ctx.timeoutMs);
      return fastmagCatalogSource(fastmag, settings);
    },
    "image-source": async ({ shop }, ctx) => {
      const { fastmag, settings } = await connect(shop, ctx.timeoutMs);
      return fastmagImageSource(fastmag, settings);
    },
    "gift-card-source": async ({ shop }, ctx) => fastmagGiftCardSource((await connect(shop, ctx.timeoutMs)).fastmag),
    "customer-credit-source": async ({ shop }, ctx) => {
      const { fastmag, settings } = await connect(shop, ctx.timeoutMs);
      return fastmagCustomerCreditSource(fastmag, settings);
    },
  },
  // Its photo call is asked only when the merchant picks Fastmag as the photos' source.
  onlyWhenChosen: ["image-source"],
  testConnection: (shop) => testFastmagConnection(shop),
  settingsForm: settingsForm(
    formFields,
    async (shop, fields) => saveFastmagSettings(shop, fields, { knownLocationIds: await knownLocationIds(shop) }),
    (shop, fields) => testFastmagSettings(shop, fields),
  ),
});
