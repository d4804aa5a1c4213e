// Shared by the promotions tests: a Shopify emulator shop installed in the app's database (Paris time),
// the app's Admin client on it, the promotion use-cases wired as the routes and jobs wire them, and a
// worker run on a controlled clock.
import { db } from "~/db.server";
import { manualClock } from "~/jobs/clock";
import { runDueJobs } from "~/jobs/worker.server";
import { registerModules } from "~/modules.server";
import { PROMOTION_JOB, type PromotionDeps } from "~/promotions/promotions.server";
import { ShopifyAdminClient, adminRetryBackoff } from "~/shopify/admin-client.server";
import { installShopifyOriginOverride } from "~/shopify/api-origin.server";
import { startShopifyEmulator, type ShopifyEmulator } from "../../emulators/shopify/index";
import type { ProductInput } from "../../emulators/shopify/catalog";
import { installShop } from "../support/admin-request";
import { uniqueShop } from "../support/shops";

export const TIME_ZONE = "Europe/Paris";

export async function startPromotionWorld(options: { products: ProductInput[]; start: Date; prefix?: string }) {
  registerModules();
  // The jobs' clients retry as in production, 5 ms apart instead of 500 ms and up (an outage test waited 15 s).
  adminRetryBackoff.baseMs = 5;
  const shop = uniqueShop(options.prefix ?? "promo");
  const shopify: ShopifyEmulator = await startShopifyEmulator({
    app: { apiKey: "test-api-key", apiSecret: "test-api-secret", appUrl: "http://127.0.0.1:3999" },
    shops: [{ domain: shop, plan: "Plus", ianaTimezone: TIME_ZONE, products: options.products }],
  });
  installShopifyOriginOverride(shopify.url);
  await installShop(shop, { ianaTimezone: TIME_ZONE });
  const accessToken = shopify.issueAccessToken(shop);
  await db.session.update({ where: { id: `offline_${shop}` }, data: { accessToken } });
  const client = new ShopifyAdminClient({ shop, accessToken });
  const clock = manualClock(options.start);
  const record = shopify.store.shop(shop);
  const deps: PromotionDeps = { db, shop, timeZone: TIME_ZONE, now: () => clock.now(), client: async () => client };
  const productId = (title: string) =>
    `gid://shopify/Product/${[...record.products.values()].find((p) => p.title === title)!.id}`;
  return {
    shop,
    shopify,
    record,
    client,
    clock,
    deps,
    productId,
    variant: (sku: string) => [...record.variants.values()].find((v) => v.sku === sku)!,
    product: (title: string) => [...record.products.values()].find((p) => p.title === title)!,
    /** Runs the promotion jobs due at the clock's time; returns this shop's (a test file run earlier in the
     *  same database may have left other shops' promotion jobs due at this clock's time). */
    async runDue() {
      const ran = await runDueJobs({ db, clock, types: [PROMOTION_JOB] });
      const ours = new Set(
        (await db.job.findMany({ where: { id: { in: ran }, shop }, select: { id: true } })).map((j) => j.id),
      );
      return ran.filter((id) => ours.has(id));
    },
    writes: () =>
      shopify
        .callLog({ shop })
        .filter((c) =>
          ["ProductVariantsBulkUpdate", "ProductTagsAdd", "ProductTagsRemove"].includes(c.operationName ?? ""),
        ).length,
    async collection(title: string, products: string[]) {
      const response = await fetch(`${shopify.url}/_emulator/shops/${shop}/collections`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ title, products }),
      });
      return ((await response.json()) as { id: string }).id;
    },
    close: () => shopify.close(),
  };
}

export type PromotionWorld = Awaited<ReturnType<typeof startPromotionWorld>>;
