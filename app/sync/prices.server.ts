// Price sync: each variant's price and compare-at price from the back office's regular price and the
// reduction running today (in the back office's time zone). A running reduction shows the reduced price
// with the regular one as compare-at; once it ends the regular price returns and compare-at clears.
// Only variants whose figures differ are written, grouped per product.
// A variant a promotion holds (price mode) is not given the source's price: the source's figures become
// the promotion's stored original, and the variant shows the promotion's price of that original.
import { said } from "../i18n/stored-words";
import { priceOn } from "../domain/catalog";
import type { ShopifyAdminClient } from "../shopify/admin-client.server";
import { variantPrices, writeVariantPrices, type VariantPriceInput } from "../shopify/variants.server";
import type { PriceSource } from "../capabilities/price-source";
import { SkuColumns } from "./sku-columns";
import { reportUnreadable, type SyncReporter } from "./sync-context";
import { NO_DECISIONS, type SkuDecisions } from "./unmatched/decisions.server";

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
  /** The merchant's decisions on unmatched SKUs: links followed, ignored SKUs not reported (none when absent). */
  decisions?: SkuDecisions;
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

export const noPriceInSource = (sourceName: string) => said("prices.noPriceInSource", { source: sourceName });

const money = (value: number) => value.toFixed(2);
const sameMoney = (shopify: string | null, ours: string | null) =>
  shopify === null || ours === null ? shopify === ours : Number(shopify) === Number(ours);

export async function priceSync(deps: PriceSyncDeps): Promise<PriceSyncResult> {
  const { client, source, report } = deps;
  const { sourceName } = deps;
  const now = report.now();
  const day = source.dayOf(now);
  report.progress(0, null, said("prices.phase.reading", { source: sourceName }));
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
  reportUnreadable(report, sourceName, read.skipped);

  const holds = (await deps.holds?.load()) ?? new Map<string, PromotionHold>();
  const originals: Parameters<PromotionHolds["saveOriginals"]>[0] = [];
  const byProduct = new Map<string, VariantPriceInput[]>();
  // What each variant to write showed before, for the run's changes (by variant id).
  const before = new Map<string, { sku: string; price: string; compareAtPrice: string | null }>();
  let seen = 0;
  let changed = 0;
  let unchanged = 0;
  /** Held variants whose stored original changed while what Shopify shows stays: changed, not written. */
  let heldOnly = 0;
  for await (const variant of variants()) {
    if (!variant.sku) continue;
    const decisions = deps.decisions ?? NO_DECISIONS;
    const slot = expected.slotOf(decisions.shopifyToSource.get(variant.sku) ?? variant.sku);
    if (slot === undefined) {
      if (decisions.ignoredShopify.has(variant.sku)) continue;
      report.skip("variant", variant.sku, noPriceInSource(sourceName));
      continue;
    }
    seen++;
    let price = money(expected.get(slot, "price"));
    const compareAt = expected.get(slot, "compareAtPrice");
    let compareAtPrice = Number.isNaN(compareAt) ? null : money(compareAt);
    const hold = holds.get(variant.id);
    let originalChanged = false;
    if (hold) {
      const shown = hold.show({ price, compareAtPrice });
      originalChanged =
        !sameMoney(hold.original.price, price) || !sameMoney(hold.original.compareAtPrice, compareAtPrice);
      if (originalChanged) {
        report.change("variant", variant.sku, "price kept for the promotion's end", hold.original.price, price);
        originals.push({
          promotionId: hold.promotionId,
          variantId: variant.id,
          originalPrice: price,
          originalCompareAt: compareAtPrice,
          promoPrice: shown.price,
          promoCompareAt: shown.compareAtPrice,
        });
      }
      ({ price, compareAtPrice } = shown);
    }
    if (sameMoney(variant.price, price) && sameMoney(variant.compareAtPrice, compareAtPrice)) {
      if (originalChanged) heldOnly++;
      else unchanged++;
      continue;
    }
    changed++;
    const list = byProduct.get(variant.product.id) ?? [];
    list.push({ id: variant.id, price, compareAtPrice });
    byProduct.set(variant.product.id, list);
    before.set(variant.id, { sku: variant.sku, price: variant.price, compareAtPrice: variant.compareAtPrice });
  }
  report.count({ seen, unchanged });
  if (originals.length) {
    await deps.holds!.saveOriginals(originals);
    report.log("info", said("prices.inPromotion", { count: originals.length }));
    report.count({ changed: heldOnly });
  }
  let written = 0;
  const { calls, mode } = await writeVariantPrices(client, byProduct, {
    concurrency: deps.options?.concurrency,
    bulkMutationFrom: deps.options?.bulkMutationFrom,
    checkpoint: () => report.checkpoint(),
    onProduct: (productId, count) => {
      written += count;
      for (const v of byProduct.get(productId) ?? []) {
        const was = before.get(v.id);
        if (!was) continue;
        if (!sameMoney(was.price, v.price)) report.change("variant", was.sku, "price", was.price, v.price);
        if (!sameMoney(was.compareAtPrice, v.compareAtPrice))
          report.change("variant", was.sku, "compareAtPrice", was.compareAtPrice, v.compareAtPrice ?? null);
      }
      report.count({ changed: count });
      report.progress(written, changed, said("prices.phase.writing"));
    },
  });
  return { day, variants: seen, changed, products: byProduct.size, calls, writeMode: mode };
}
