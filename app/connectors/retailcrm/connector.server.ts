// RetailCRM's manifest: the CRM's warehouse (API v5, seed 002) as a stock destination, as a stock source
// when the shop's routing picks it, and as the system told when orders ship. The registry imports this
// file only.
import { z } from "zod";
import { said } from "../../i18n/stored-words";
import { quietReporter } from "../../sync/sync-context";
import { defineConnector, settingsForm } from "../define";
import { retailCrmStockDestination } from "./capabilities.server";
import { retailCrmShipmentDestination } from "./shipments.server";
import { retailCrmStockSource } from "./stock-source.server";
import {
  RETAILCRM,
  RetailCrmNotConfiguredError,
  retailCrmForShop,
  saveRetailCrmSettings,
  testRetailCrmConnection,
  testRetailCrmSettings,
  type RetailCrmSettings,
} from "./settings.server";

const storedSettings = z
  .object({ accountUrl: z.string(), moduleCode: z.string(), storeCode: z.string() })
  .passthrough() as unknown as z.ZodType<RetailCrmSettings>;

/** The fields of Settings → RetailCRM, as the JSON API takes them (the API key is write-only). */
const formFields = z
  .object({
    accountUrl: z.string().default(""),
    apiKey: z.string().default(""),
    moduleCode: z.string().default(""),
    storeCode: z.string().default(""),
  })
  .strict();

export const retailcrm = defineConnector<RetailCrmSettings>({
  id: RETAILCRM,
  name: "RetailCRM",
  emulator: "retailcrm",
  kind: "CRM / warehouse",
  settingsPage: "/app/settings/retailcrm",
  settings: storedSettings,
  secrets: ["apiKey"],
  // A shop that sets RetailCRM up with Fastmag keeps Fastmag as its stock source unless it picks RetailCRM.
  onlyWhenChosen: ["stock-source"],
  capabilities: {
    "stock-source": async ({ shop }, ctx) => {
      const { client, settings } = await retailCrmForShop(shop, { timeoutMs: ctx.timeoutMs ?? 60_000 });
      if (!settings.storeCode) throw new RetailCrmNotConfiguredError(said("retailcrm.noWarehouseForStockSource"));
      return retailCrmStockSource({ client, storeCode: settings.storeCode, report: ctx.report });
    },
    "stock-destination": async ({ shop }, ctx) => {
      const { client, settings } = await retailCrmForShop(shop, { timeoutMs: ctx.timeoutMs ?? 60_000 });
      if (!settings.storeCode) throw new RetailCrmNotConfiguredError(said("retailcrm.noWarehouseForStock"));
      return retailCrmStockDestination({
        db: ctx.db,
        shop,
        client,
        storeCode: settings.storeCode,
        report: ctx.report ?? quietReporter(),
      });
    },
    "shipment-destination": async ({ shop }, ctx) => {
      const { client, settings } = await retailCrmForShop(shop, { timeoutMs: ctx.timeoutMs ?? 30_000 });
      if (!settings.storeCode) throw new RetailCrmNotConfiguredError(said("retailcrm.noWarehouseForShipments"));
      return retailCrmShipmentDestination(client, settings.storeCode);
    },
  },
  testConnection: (shop) => testRetailCrmConnection(shop),
  settingsForm: settingsForm(
    formFields,
    (shop, fields) => saveRetailCrmSettings(shop, fields),
    (shop, fields) => testRetailCrmSettings(shop, fields),
  ),
  // Stock and shipments name the warehouse.
  notReadyFor: (settings, capability) =>
    capability === "stock-source" || capability === "stock-destination" || capability === "shipment-destination"
      ? settings.storeCode
        ? null
        : "Pick the RetailCRM warehouse first (Settings → RetailCRM)."
      : null,
});
