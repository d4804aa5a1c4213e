// Shared by the catalog-*.test.ts tests: a Fastmag emulator with a generated catalog, an empty Shopify
// emulator shop, the app's Admin client pointed at it, the shop installed in the database, and Fastmag
// as the shop's catalog source (the connector's own code over HTTP).
import type { CatalogSource } from "~/capabilities/catalog-source";
import { fastmagCatalogSource } from "~/connectors/fastmag/catalog-source.server";
import type { FastmagSettings } from "~/connectors/fastmag/settings.server";
import { db } from "~/db.server";
import { ShopifyAdminClient } from "~/shopify/admin-client.server";
import { installShopifyOriginOverride } from "~/shopify/api-origin.server";
import { importSeason, type CatalogImportOptions } from "~/sync/catalog/import.server";
import { quietReporter } from "~/sync/sync-context";
import { startShopifyEmulator, type ShopifyEmulator } from "../../emulators/shopify/index";
import type { ShopRecord } from "../../emulators/shopify/store";
import { installShop } from "../support/admin-request";
import { uniqueShop } from "../support/shops";
import { startFastmag } from "./fastmag-harness";
import { APP } from "./stock-harness";

export interface CatalogWorld {
  shop: string;
  shopify: ShopifyEmulator;
  shopRecord: ShopRecord;
  client: ShopifyAdminClient;
  fastmag: Awaited<ReturnType<typeof startFastmag>>;
  source: CatalogSource;
  /** One import of `season` with a reporter the test can read. */
  importSeason(
    season: string,
    options?: CatalogImportOptions,
  ): Promise<Awaited<ReturnType<typeof importSeason>> & { report: ReturnType<typeof quietReporter> }>;
  /** Admin calls the emulator answered for this shop so far. */
  calls(): string[];
  close(): Promise<void>;
}

export async function startCatalogWorld(options: { variants: number; now?: () => Date }): Promise<CatalogWorld> {
  const now = options.now ?? (() => new Date("2026-03-10T10:00:00Z"));
  const fastmag = await startFastmag({ seed: { variants: options.variants } }, { options: { now } });
  const shop = uniqueShop("catalog");
  const shopify = await startShopifyEmulator({ app: APP, shops: [{ domain: shop, plan: "Standard" }] });
  installShopifyOriginOverride(shopify.url);
  await installShop(shop);
  const client = new ShopifyAdminClient({ shop, accessToken: shopify.issueAccessToken(shop) });
  const source = fastmagCatalogSource(fastmag.fastmag, { timeZone: "Europe/Paris" } as FastmagSettings, now);
  return {
    shop,
    shopify,
    shopRecord: shopify.store.shop(shop),
    client,
    fastmag,
    source,
    async importSeason(season, importOptions = {}) {
      const report = quietReporter(now);
      const result = await importSeason(season, {
        db,
        shop,
        client,
        source,
        sourceName: "Fastmag",
        report,
        options: { bulkPollMs: 20, ...importOptions },
      });
      return { ...result, report };
    },
    calls: () => shopify.callLog({ shop }).map((c) => c.operationName ?? "?"),
    async close() {
      await Promise.all([shopify.close(), fastmag.emulator.close()]);
    },
  };
}
