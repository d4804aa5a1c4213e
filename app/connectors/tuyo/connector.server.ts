// Tuyo's manifest: the marketplace (seller API, seed 004) as a catalog destination (chosen Shopify
// products listed there), a stock destination, a promo destination and an order status destination
// (its own sales' progress). The registry imports this file only.
import { z } from "zod";
import { quietReporter } from "../../sync/sync-context";
import { defineConnector, settingsForm } from "../define";
import {
  saveTuyoSettings,
  testTuyoConnection,
  testTuyoSettings,
  TUYO,
  tuyoForShop,
  type TuyoSettings,
} from "./settings.server";
import { tuyoStockDestination } from "./stock.server";
import { tuyoCatalogDestination } from "./catalog.server";
import { tuyoOrderStatusDestination } from "./orders.server";
import { tuyoPromoDestination } from "./promos.server";

const storedSettings = z
  .object({ apiUrl: z.string(), mode: z.enum(["production", "testing"]), storeId: z.number() })
  .passthrough() as unknown as z.ZodType<TuyoSettings>;

/** The fields of Settings → Tuyo, as the JSON API takes them (the two API keys are write-only). */
const formFields = z
  .object({
    apiUrl: z.string().default(""),
    mode: z.string().default("production"),
    productionKey: z.string().default(""),
    testingKey: z.string().default(""),
    storeId: z.union([z.string(), z.number()]).default("").transform(String),
    branchId: z.union([z.string(), z.number()]).default("").transform(String),
    userId: z.union([z.string(), z.number()]).default("").transform(String),
    preparationHours: z.union([z.string(), z.number()]).default("").transform(String),
    freeShipping: z.boolean().default(false),
    fragile: z.boolean().default(false),
  })
  .strict();

export const tuyo = defineConnector<TuyoSettings>({
  id: TUYO,
  name: "Tuyo",
  emulator: "tuyo",
  kind: "Marketplace",
  settingsPage: "/app/settings/tuyo",
  settings: storedSettings,
  secrets: ["productionKey", "testingKey"],
  capabilities: {
    "promotion-destination": async ({ shop }, ctx) => {
      const { client } = await tuyoForShop(shop, { timeoutMs: ctx.timeoutMs ?? 60_000 });
      return tuyoPromoDestination({ db: ctx.db, shop, client });
    },
    "order-status-destination": async ({ shop }, ctx) => {
      const { client } = await tuyoForShop(shop, { timeoutMs: ctx.timeoutMs ?? 30_000 });
      return tuyoOrderStatusDestination({ db: ctx.db, shop, client });
    },
    "catalog-destination": async ({ shop }, ctx) => {
      const { client, settings } = await tuyoForShop(shop, { timeoutMs: ctx.timeoutMs ?? 60_000 });
      return tuyoCatalogDestination({ db: ctx.db, shop, client, settings });
    },
    "stock-destination": async ({ shop }, ctx) => {
      const { client } = await tuyoForShop(shop, { timeoutMs: ctx.timeoutMs ?? 60_000 });
      return tuyoStockDestination({ db: ctx.db, shop, client, report: ctx.report ?? quietReporter() });
    },
  },
  testConnection: (shop) => testTuyoConnection(shop),
  settingsForm: settingsForm(
    formFields,
    (shop, fields) => saveTuyoSettings(shop, fields),
    (shop, fields) => testTuyoSettings(shop, fields),
  ),
});
