// The stock and price syncs as jobs (Syncs screen, schedules, Run now): full stock, changes only every
// 2 minutes, prices, and registering the fulfillment service. Handlers build the shop's Admin client
// and back-office setup, then hand over to the use-cases in app/sync/.
import { z } from "zod";
import { maintenanceWindowsOf, providerFor, stockDestinationsFor } from "../connectors/registry.server";
import { env } from "../env.server";
import { said } from "../i18n/stored-words";
import type { JobContext } from "../jobs/context.server";
import { defineJobType, type JobTypeDefinition } from "../jobs/registry.server";
import { hourlyOutside } from "../jobs/schedules.server";
import { promotionHolds } from "../promotions/holds.server";
import { adminClientForShop } from "../shopify/admin-for-shop.server";
import { ensureFulfillmentService } from "../shopify/fulfillment-service.server";
import { differentialStockSync } from "./differential-stock.server";
import { priceSync } from "./prices.server";
import { skuDecisions } from "./unmatched/decisions.server";
import { fullStockSync, type StockRunDeps } from "./stock.server";

/** This feature's job types, registered by the composition root (app/modules.server.ts). */
export const stockJobTypes: JobTypeDefinition[] = [];
const jobTypes = stockJobTypes;

const stockParams = z
  .object({
    readMode: z.enum(["auto", "paged", "bulk"]).optional(),
    concurrency: z.number().int().min(1).max(32).optional(),
  })
  .strict()
  .default({});

type StockParams = z.infer<typeof stockParams>;

async function stockDeps(ctx: JobContext<StockParams>): Promise<StockRunDeps> {
  const capability = { shop: ctx.shop, db: ctx.db, runId: ctx.jobId, report: ctx, timeoutMs: 120_000 };
  const source = await providerFor(capability, "stock-source");
  const destinations = await stockDestinationsFor({
    ...capability,
    stockSourceName: source.name,
    destinationOptions: ctx.params,
  });
  return {
    source: source.port,
    sourceName: source.name,
    report: ctx,
    destinations: destinations.map(({ id, name, port }) => ({ id, name, destination: port })),
  };
}

jobTypes.push(
  defineJobType<StockParams>({
    type: "stock.full",
    title: "Stock (full)",
    description:
      "Compares the stock of every SKU in your stock source with what each system that receives it holds (Shopify at the synced location, and any other) and updates what differs.",
    fr: {
      title: "Stock (complet)",
      description:
        "Compare le stock de chaque SKU de votre source de stock avec celui de chaque système qui le reçoit (Shopify à l'emplacement synchronisé, et tout autre) et met à jour ce qui diffère.",
    },
    // Hourly at :10, outside the stock sources' maintenance hours.
    defaultSchedule: hourlyOutside(10, maintenanceWindowsOf("stock-source")),
    needs: ["stock-source", "stock-destination"],
    retry: { maxAttempts: 3, baseDelayMs: 60_000 },
    progress: "items",
    parseParams: (raw) => stockParams.parse(raw ?? {}),
    handler: async (ctx) => ({ ...(await fullStockSync(await stockDeps(ctx))) }),
  }),
);

jobTypes.push(
  defineJobType<StockParams>({
    type: "stock.changes",
    title: "Stock (changes only)",
    description: "Every 2 minutes, sends the stock of the SKUs that moved in your stock source since the last run.",
    fr: {
      title: "Stock (modifications seulement)",
      description:
        "Toutes les 2 minutes, envoie le stock des SKU qui ont bougé dans votre source de stock depuis la dernière exécution.",
    },
    defaultSchedule: { cron: "*/2 * * * *" },
    needs: ["stock-source", "stock-destination"],
    retry: { maxAttempts: 2, baseDelayMs: 20_000 },
    progress: "items",
    parseParams: (raw) => stockParams.parse(raw ?? {}),
    handler: async (ctx) => ({
      ...(await differentialStockSync({ ...(await stockDeps(ctx)), db: ctx.db, shop: ctx.shop })),
    }),
  }),
);

const priceParams = z
  .object({ readMode: z.enum(["paged", "bulk"]).optional(), bulkMutationFrom: z.number().int().min(1).optional() })
  .strict()
  .default({});

jobTypes.push(
  defineJobType<z.infer<typeof priceParams>>({
    type: "prices.update",
    title: "Prices",
    description:
      "Copies your price source's prices to Shopify, with running reductions as a sale price and the regular price as compare-at.",
    fr: {
      title: "Prix",
      description:
        "Copie les prix de votre source de prix dans Shopify, avec les réductions en cours comme prix de vente et le prix normal comme prix avant réduction.",
    },
    // Hourly at :40, outside the price sources' maintenance hours.
    defaultSchedule: hourlyOutside(40, maintenanceWindowsOf("price-source")),
    needs: ["price-source"],
    retry: { maxAttempts: 3, baseDelayMs: 60_000 },
    progress: "items",
    parseParams: (raw) => priceParams.parse(raw ?? {}),
    handler: async (ctx) => {
      const [client, source] = await Promise.all([
        adminClientForShop(ctx.shop, { db: ctx.db }),
        providerFor({ shop: ctx.shop, db: ctx.db, timeoutMs: 120_000 }, "price-source"),
      ]);
      return {
        ...(await priceSync({
          shop: ctx.shop,
          client,
          source: source.port,
          sourceName: source.name,
          report: ctx,
          holds: promotionHolds(ctx.db, ctx.shop),
          decisions: await skuDecisions(ctx.db, ctx.shop),
          options: ctx.params,
        })),
      };
    },
  }),
);

jobTypes.push(
  defineJobType({
    type: "shopify.fulfillment-service",
    title: "Fulfillment service setup",
    description:
      "Registers Passerelle as a fulfillment service (stock and tracking) in Shopify; does nothing when it already is.",
    fr: {
      title: "Configuration du service de traitement",
      description:
        "Enregistre Passerelle comme service de traitement des commandes (stock et suivi) dans Shopify ; ne fait rien s'il l'est déjà.",
    },
    retry: { maxAttempts: 3, baseDelayMs: 10_000 },
    progress: "phases",
    handler: async (ctx) => {
      const client = await adminClientForShop(ctx.shop, { db: ctx.db });
      const service = await ensureFulfillmentService(client, env().SHOPIFY_APP_URL);
      ctx.log(
        "info",
        service.created
          ? said("fulfillmentService.created", { location: String(service.location?.id) })
          : said("fulfillmentService.alreadyRegistered"),
      );
      return { ...service };
    },
  }),
);
