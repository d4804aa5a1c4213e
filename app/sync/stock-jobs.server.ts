// The stock and price syncs as jobs (Syncs screen, schedules, Run now): full stock, changes only every
// 2 minutes, prices, and registering the fulfillment service. Handlers build the shop's Admin client
// and back-office setup, then hand over to the use-cases in app/sync/.
import { z } from "zod";
import { fastmagConnectorForShop } from "../connectors/fastmag/settings.server";
import { fastmagPriceSetup, fastmagStockSetup } from "../connectors/fastmag/capabilities.server";
import { env } from "../env.server";
import type { JobContext } from "../jobs/context.server";
import { registerJobType } from "../jobs/registry.server";
import { DEFAULT_SCHEDULES } from "../jobs/schedules.server";
import { adminClientForShop } from "../shopify/admin-for-shop.server";
import { ensureFulfillmentService } from "../shopify/fulfillment-service.server";
import { differentialStockSync } from "./differential-stock.server";
import { priceSync } from "./prices.server";
import { fullStockSync, type StockSyncDeps } from "./stock.server";

const stockParams = z
  .object({
    readMode: z.enum(["auto", "paged", "bulk"]).optional(),
    concurrency: z.number().int().min(1).max(32).optional(),
  })
  .strict()
  .default({});

type StockParams = z.infer<typeof stockParams>;

async function stockDeps(ctx: JobContext<StockParams>): Promise<StockSyncDeps> {
  const [client, { fastmag, settings }] = await Promise.all([
    adminClientForShop(ctx.shop, { db: ctx.db }),
    fastmagConnectorForShop(ctx.shop, { timeoutMs: 120_000 }),
  ]);
  return {
    db: ctx.db,
    shop: ctx.shop,
    client,
    setup: fastmagStockSetup(fastmag, settings),
    runId: ctx.jobId,
    report: ctx,
    options: ctx.params,
  };
}

registerJobType<StockParams>({
  type: "fastmag.full-stock",
  title: "Stock (full)",
  description:
    "Compares the web stock of every SKU in Fastmag with Shopify's stock at the synced location and updates what differs.",
  defaultSchedule: DEFAULT_SCHEDULES["fastmag.full-stock"],
  retry: { maxAttempts: 3, baseDelayMs: 60_000 },
  progress: "items",
  parseParams: (raw) => stockParams.parse(raw ?? {}),
  handler: async (ctx) => ({ ...(await fullStockSync(await stockDeps(ctx))) }),
});

registerJobType<StockParams>({
  type: "fastmag.differential-stock",
  title: "Stock (changes only)",
  description: "Every 2 minutes, copies to Shopify the stock of the SKUs that moved in Fastmag since the last run.",
  defaultSchedule: DEFAULT_SCHEDULES["fastmag.differential-stock"],
  retry: { maxAttempts: 2, baseDelayMs: 20_000 },
  progress: "items",
  parseParams: (raw) => stockParams.parse(raw ?? {}),
  handler: async (ctx) => ({ ...(await differentialStockSync(await stockDeps(ctx))) }),
});

const priceParams = z
  .object({ readMode: z.enum(["paged", "bulk"]).optional(), bulkMutationFrom: z.number().int().min(1).optional() })
  .strict()
  .default({});

registerJobType<z.infer<typeof priceParams>>({
  type: "fastmag.prices",
  title: "Prices",
  description:
    "Copies Fastmag prices to Shopify, with running reductions as a sale price and the regular price as compare-at.",
  defaultSchedule: DEFAULT_SCHEDULES["fastmag.prices"],
  retry: { maxAttempts: 3, baseDelayMs: 60_000 },
  progress: "items",
  parseParams: (raw) => priceParams.parse(raw ?? {}),
  handler: async (ctx) => {
    const [client, { fastmag, settings }] = await Promise.all([
      adminClientForShop(ctx.shop, { db: ctx.db }),
      fastmagConnectorForShop(ctx.shop, { timeoutMs: 120_000, now: () => ctx.now() }),
    ]);
    return {
      ...(await priceSync({
        shop: ctx.shop,
        client,
        setup: fastmagPriceSetup(fastmag, settings),
        report: ctx,
        options: ctx.params,
      })),
    };
  },
});

registerJobType({
  type: "shopify.fulfillment-service",
  title: "Fulfillment service setup",
  description:
    "Registers Passerelle as a fulfillment service (stock and tracking) in Shopify; does nothing when it already is.",
  retry: { maxAttempts: 3, baseDelayMs: 10_000 },
  progress: "phases",
  handler: async (ctx) => {
    const client = await adminClientForShop(ctx.shop, { db: ctx.db });
    const service = await ensureFulfillmentService(client, env().SHOPIFY_APP_URL);
    ctx.log(
      "info",
      service.created
        ? `Fulfillment service created with location ${service.location?.id}.`
        : "The fulfillment service was already registered.",
    );
    return { ...service };
  },
});
