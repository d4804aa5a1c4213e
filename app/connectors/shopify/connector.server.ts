// Shopify itself as a connector: always connected (the app is installed in it), it receives the shop's
// stock at the location chosen in Settings.
import { z } from "zod";
import { NotConfiguredError } from "../../lib/errors";
import { adminClientForShop } from "../../shopify/admin-for-shop.server";
import { shopifyStockDestination, type ShopifyStockOptions } from "../../sync/shopify-stock.server";
import { quietReporter } from "../../sync/sync-context";
import { defineConnector } from "../define";

export const shopify = defineConnector<Record<string, never>>({
  id: "shopify",
  name: "Shopify",
  emulator: "shopify",
  kind: "Your store",
  builtIn: true,
  settings: z.object({}).strict() as z.ZodType<Record<string, never>>,
  secrets: [],
  capabilities: {
    "stock-destination": async (_connection, ctx) => {
      if (!ctx.shopifyLocationId)
        throw new NotConfiguredError(
          "the Shopify location",
          "/app/settings/fastmag",
          "No Shopify location is chosen for the stock yet: pick one in Settings.",
        );
      const report = ctx.report ?? quietReporter();
      return shopifyStockDestination({
        db: ctx.db,
        shop: ctx.shop,
        client: await adminClientForShop(ctx.shop, { db: ctx.db }),
        locationId: ctx.shopifyLocationId,
        runId: ctx.runId ?? `adhoc-${Date.now()}`,
        report,
        sourceName: ctx.stockSourceName ?? "the stock source",
        options: ctx.destinationOptions as ShopifyStockOptions | undefined,
      });
    },
  },
});
