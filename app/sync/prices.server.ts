// Price sync: each variant's price and compare-at price from the back office's regular price and the
// reduction running today (in the back office's time zone). A running reduction shows the reduced price
// with the regular one as compare-at; once it ends the regular price returns and compare-at clears.
// Only variants whose figures differ are written, grouped per product.
// A variant a promotion holds (price mode) is not given the source's price: the source's figures become
// the promotion's stored original, and the variant shows the promotion's price of that original.
import { priceOn } from "../domain/catalog";
import type { ShopifyAdminClient } from "../shopify/admin-client.server";
import { variantPrices, writeVariantPrices, type VariantPriceInput } from "../shopify/variants.server";
import type { PriceSource } from "../capabilities/price-source";
import { SkuColumns } from "./sku-columns";
import type { SyncReporter } from "./sync-context";

/** How a promotion shows a price: what the variant shows for the price it would have without it. */
export interface PromotionHold {
  promotionId: string;
  /** The original the promotion keeps for the variant now. */
  original: { price: string; compareAtPrice: string | null };
  show(original: { price: string; compareAtPrice: string | null }): { price: string; compareAtPrice: string | null };
}

/** The variants promotions hold, and where the source's new figures for them are kept (app/promotions). */
export interface PromotionHolds {
  load(): Promise<Map<string, PromotionHold>>;
  /** The source's figures for held variants: the originals the promotions put back at their end. */
  saveOriginals(
    changes: {
      promotionId: string;
      variantId: string;
      originalPrice: string;
      originalCompareAt: string | null;
      promoPrice: string;
      promoCompareAt: string | null;
    }[],
  ): Promise<void>;
}

export interface PriceSyncDeps {
  shop: string;
  client: ShopifyAdminClient;
  source: PriceSource;
  /** What the merchant calls the source, for skip reasons. */
  sourceName: string;
  report: SyncReporter;
  /** Promotions running on some variants (none when absent). */
  holds?: PromotionHolds;
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

  const holds = (await deps.holds?.load()) ?? new Map<string, PromotionHold>();
  const originals: Parameters<PromotionHolds["saveOriginals"]>[0] = [];
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
    let price = money(expected.get(slot, "price"));
    const compareAt = expected.get(slot, "compareAtPrice");
    let compareAtPrice = Number.isNaN(compareAt) ? null : money(compareAt);
    const hold = holds.get(variant.id);
    if (hold) {
      const shown = hold.show({ price, compareAtPrice });
      if (!sameMoney(hold.original.price, price) || !sameMoney(hold.original.compareAtPrice, compareAtPrice))
        originals.push({
          promotionId: hold.promotionId,
          variantId: variant.id,
          originalPrice: price,
          originalCompareAt: compareAtPrice,
          promoPrice: shown.price,
          promoCompareAt: shown.compareAtPrice,
        });
      ({ price, compareAtPrice } = shown);
    }
    if (sameMoney(variant.price, price) && sameMoney(variant.compareAtPrice, compareAtPrice)) continue;
    changed++;
    const list = byProduct.get(variant.product.id) ?? [];
    list.push({ id: variant.id, price, compareAtPrice });
    byProduct.set(variant.product.id, list);
  }
  report.count({ seen });
  if (originals.length) {
    await deps.holds!.saveOriginals(originals);
    report.log("info", `${originals.length} variants are in a promotion: their new prices are kept for its end.`);
    report.count({ changed: originals.length });
  }
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
