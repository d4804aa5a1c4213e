// Price sync: each variant's price and compare-at price from the back office's regular price and the
// reduction running today (in the back office's time zone). A running reduction shows the reduced price
// with the regular one as compare-at; once it ends the regular price returns and compare-at clears.
// Only variants whose figures differ are written, grouped per product.
import { priceOn } from "../domain/catalog";
import type { ShopifyAdminClient } from "../shopify/admin-client.server";
import { variantPrices, writeVariantPrices, type VariantPriceInput } from "../shopify/variants.server";
import type { PriceSource } from "../capabilities/price-source";
import { SkuColumns } from "./sku-columns";
import type { SyncReporter } from "./sync-context";

export interface PriceSyncDeps {
  shop: string;
  client: ShopifyAdminClient;
  source: PriceSource;
  /** What the merchant calls the source, for skip reasons. */
  sourceName: string;
  report: SyncReporter;
  options?: { readMode?: "paged" | "bulk"; concurrency?: number; bulkMutationFrom?: number; bulkPollMs?: number };
}

export interface PriceSyncResult {
  day: string;
  variants: number;
  changed: number;
  products: number;
  calls: number;
  writeMode: "per-product" | "bulk-mutation";
}

export const noPriceInSource = (sourceName: string) =>
  `No price for this SKU in ${sourceName}: its Shopify price is left as it is.`;

const money = (value: number) => value.toFixed(2);
const sameMoney = (shopify: string | null, ours: string | null) =>
  shopify === null || ours === null ? shopify === ours : Number(shopify) === Number(ours);

export async function priceSync(deps: PriceSyncDeps): Promise<PriceSyncResult> {
  const { client, source, report } = deps;
  const { sourceName } = deps;
  const now = report.now();
  const day = source.dayOf(now);
  report.progress(0, null, `Reading prices from ${sourceName} and Shopify`);
  // Shopify's bulk query runs on its side while we read the source's prices into a compact table.
  const expected = new SkuColumns(["price", "compareAtPrice"] as const);
  const [variants, read] = await Promise.all([
    variantPrices(client, deps.options?.readMode ?? "bulk", {
      pollMs: deps.options?.bulkPollMs,
      checkpoint: () => report.checkpoint(),
    }),
    source.pricesOn(now, (change) => {
      const { slot, added } = expected.slotFor(change.sku);
      if (!added) return; // the first price of a SKU counts
      const shown = priceOn(change, day);
      expected.set(slot, "price", shown.price);
      expected.set(slot, "compareAtPrice", shown.compareAtPrice ?? NaN); // NaN: no compare-at price
    }),
  ]);
  for (const s of read.skipped) report.skip("variant", s.externalId, s.reason);

  const byProduct = new Map<string, VariantPriceInput[]>();
  let seen = 0;
  let changed = 0;
  for await (const variant of variants()) {
    if (!variant.sku) continue;
    const slot = expected.slotOf(variant.sku);
    if (slot === undefined) {
      report.skip("variant", variant.sku, noPriceInSource(sourceName));
      continue;
    }
    seen++;
    const price = money(expected.get(slot, "price"));
    const compareAt = expected.get(slot, "compareAtPrice");
    const compareAtPrice = Number.isNaN(compareAt) ? null : money(compareAt);
    if (sameMoney(variant.price, price) && sameMoney(variant.compareAtPrice, compareAtPrice)) continue;
    changed++;
    const list = byProduct.get(variant.product.id) ?? [];
    list.push({ id: variant.id, price, compareAtPrice });
    byProduct.set(variant.product.id, list);
  }
  report.count({ seen });
  let written = 0;
  const { calls, mode } = await writeVariantPrices(client, byProduct, {
    concurrency: deps.options?.concurrency,
    bulkMutationFrom: deps.options?.bulkMutationFrom,
    checkpoint: () => report.checkpoint(),
    onProduct: (_productId, count) => {
      written += count;
      report.count({ changed: count });
      report.progress(written, changed, "Updating Shopify prices");
    },
  });
  return { day, variants: seen, changed, products: byProduct.size, calls, writeMode: mode };
}
