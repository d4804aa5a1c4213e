// Starting and ending a promotion, as job handlers call them. Both can run any number of times:
// every variant's price before the promotion is stored before anything is written, what is already
// done is recognised by the price Shopify shows, and the state only moves forward.
//
// Price mode, start: variants of the products (collections resolved now) → rows with the original price
// and compare-at (once) → lowered prices with the original as compare-at → the tag on every product.
// End: a variant still showing the promotion's price gets its original price and compare-at back; one
// already back is left; one whose price someone else changed meanwhile is reported and left as it is.
// Discount mode: an automatic basic discount + the tag; the end deactivates it and removes the tag.
import type { Db } from "../db.server";
import type { ShopifyAdminClient } from "../shopify/admin-client.server";
import {
  automaticDiscountWithTag,
  changeProductTags,
  createAutomaticDiscount,
  deactivateAutomaticDiscount,
  variantsOfProducts,
  type ProductVariantsOptions,
} from "../shopify/promotions.server";
import { writeVariantPrices, type VariantPrice, type VariantPriceInput } from "../shopify/variants.server";
import type { SyncReporter } from "../sync/sync-context";
import type { PromotionVariantView } from "./model";
import { promoCompareAt, promoPrice, sameMoney, type RoundingRule } from "./pricing";
import { resolveTargets } from "./promotions.server";
import { said, textOf, wordsJson, type Message } from "../i18n/stored-words";

export interface RunDeps {
  db: Db;
  shop: string;
  client: ShopifyAdminClient;
  report: SyncReporter;
  options?: ProductVariantsOptions & { bulkMutationFrom?: number; tagBulkFrom?: number };
}

const CHUNK = 500;

/** The tag on a discount-mode promotion's automatic discount: how a re-run finds it. */
export const discountTagOf = (promotionId: string) => `passerelle-promotion-${promotionId}`;

function chunks<T>(items: T[], size = CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

async function load(deps: RunDeps, promotionId: string) {
  return deps.db.promotion.findFirst({ where: { shop: deps.shop, id: promotionId } });
}

const byProductOf = (writes: { productId: string; input: VariantPriceInput }[]) => {
  const map = new Map<string, VariantPriceInput[]>();
  for (const w of writes) map.set(w.productId, [...(map.get(w.productId) ?? []), w.input]);
  return map;
};

type PriceWas = { sku: string | null; price: string; compareAtPrice: string | null };

/**
 * The Changes list of a product's variants once their prices landed (as the price sync records them):
 * a run cancelled half-way lists exactly the prices it had written.
 */
function recordPriceChanges(
  report: SyncReporter,
  written: VariantPriceInput[] | undefined,
  before: Map<string, PriceWas>,
): void {
  for (const v of written ?? []) {
    const was = before.get(v.id);
    if (!was) continue;
    const item = was.sku ?? v.id;
    if (!sameMoney(was.price, v.price)) report.change("variant", item, "price", was.price, v.price);
    if (!sameMoney(was.compareAtPrice, v.compareAtPrice))
      report.change("variant", item, "compareAtPrice", was.compareAtPrice, v.compareAtPrice ?? null);
  }
}

export async function startPromotion(deps: RunDeps, promotionId: string): Promise<Record<string, unknown>> {
  const { db, report } = deps;
  const promotion = await load(deps, promotionId);
  if (!promotion) return { skipped: "the promotion no longer exists" };
  if (promotion.state !== "scheduled") {
    report.log("info", said("promotions.nothingToStart", { state: promotion.state }));
    return { skipped: `the promotion is ${promotion.state}` };
  }
  report.progress(0, null, said("promotions.phase.findingProducts"));
  const { products } = await resolveTargets(
    deps.client,
    JSON.parse(promotion.productIdsJson) as string[],
    JSON.parse(promotion.collectionIdsJson) as string[],
  );
  const productIds = [...products];
  await db.promotion.update({
    where: { id: promotion.id },
    data: { targetProductIdsJson: JSON.stringify(productIds), productsCount: productIds.length },
  });
  let variantsCount = 0;
  if (promotion.mode === "discount") {
    if (!promotion.discountId) {
      const collections = JSON.parse(promotion.collectionIdsJson) as string[];
      const picked = JSON.parse(promotion.productIdsJson) as string[];
      // Shopify's discount takes collections or products, not both: with both, it gets the products.
      const items =
        picked.length === 0 ? { collections: { add: collections } } : { products: { productsToAdd: productIds } };
      // Exactly once: the discount carries the promotion's own tag, looked up before creating, so a
      // start that crashed after Shopify created it (its id not saved) finds it instead of adding another.
      const ownTag = discountTagOf(promotion.id);
      const found = await automaticDiscountWithTag(deps.client, ownTag);
      const discountId =
        found ??
        (await createAutomaticDiscount(deps.client, {
          title: `${promotion.name} (${promotion.tag})`,
          startsAt: report.now().toISOString(),
          endsAt: promotion.endsAt?.toISOString() ?? null,
          tags: [ownTag],
          customerGets: { value: { percentage: promotion.percentage / 100 }, items },
        }));
      await db.promotion.update({ where: { id: promotion.id }, data: { discountId } });
      report.log("info", said(found ? "promotions.discountFound" : "promotions.discountCreated", { id: discountId }));
    }
  } else {
    variantsCount = await lowerPrices(deps, promotion, productIds);
  }
  report.progress(0, productIds.length, said("promotions.phase.tagging"));
  let tagged = 0;
  const tagMode = await changeProductTags(deps.client, "add", productIds, promotion.tag, {
    bulkFrom: deps.options?.tagBulkFrom,
    pollMs: deps.options?.pollMs,
    checkpoint: () => report.checkpoint(),
    onProduct: () => report.progress(++tagged, productIds.length, said("promotions.phase.tagging")),
  });
  // End now may have been asked while this ran: the state then stays "ending" for the end to finish.
  await db.promotion.updateMany({
    where: { id: promotion.id, state: "scheduled" },
    data: { state: "active", error: null, errorWords: null, ...(promotion.mode === "price" ? { variantsCount } : {}) },
  });
  return { products: productIds.length, variants: variantsCount, tagMode };
}

/** Stores the originals of these products' variants (once), then writes their promotion prices. */
export async function lowerPrices(
  deps: RunDeps,
  promotion: { id: string; percentage: number; rounding: string },
  productIds: string[],
): Promise<number> {
  const { db, report } = deps;
  report.progress(0, null, said("promotions.phase.readingPrices"));
  const live = await variantsOfProducts(deps.client, productIds, {
    ...deps.options,
    checkpoint: () => report.checkpoint(),
  });
  const liveById = new Map(live.map((v) => [v.id, v]));
  report.count({ seen: live.length });
  const rule = promotion.rounding as RoundingRule;
  // 1. The price before the promotion, stored once per variant (a re-run keeps the first one).
  const known = new Set(
    (await db.promotionVariant.findMany({ where: { promotionId: promotion.id }, select: { variantId: true } })).map(
      (r) => r.variantId,
    ),
  );
  const fresh: VariantPrice[] = [];
  for (const v of live) {
    if (known.has(v.id)) continue;
    if (Number(v.price) <= 0) {
      report.skip("variant", v.sku ?? v.id, said("promotions.zeroPrice"));
      continue;
    }
    fresh.push(v);
  }
  for (const part of chunks(fresh)) {
    await report.checkpoint();
    await db.promotionVariant.createMany({
      data: part.map((v) => ({
        promotionId: promotion.id,
        variantId: v.id,
        shop: deps.shop,
        productId: v.product.id,
        sku: v.sku,
        originalPrice: v.price,
        originalCompareAt: v.compareAtPrice,
        promoPrice: promoPrice(v.price, promotion.percentage, rule),
        promoCompareAt: promoCompareAt(v.price, v.compareAtPrice),
        status: "pending",
      })),
    });
  }
  // 2. Lower what is not lowered yet (read back: the price sync may have moved an original meanwhile).
  const pending = await db.promotionVariant.findMany({ where: { promotionId: promotion.id, status: "pending" } });
  const writes: { productId: string; input: VariantPriceInput }[] = [];
  const already: string[] = [];
  for (const row of pending) {
    const now = liveById.get(row.variantId);
    if (!now) continue;
    if (sameMoney(now.price, row.promoPrice) && sameMoney(now.compareAtPrice, row.promoCompareAt)) {
      already.push(row.variantId);
      continue;
    }
    writes.push({
      productId: row.productId,
      input: { id: row.variantId, price: row.promoPrice, compareAtPrice: row.promoCompareAt },
    });
  }
  let written = 0;
  const lowering = byProductOf(writes);
  const original = new Map(
    pending.map((r) => [r.variantId, { sku: r.sku, price: r.originalPrice, compareAtPrice: r.originalCompareAt }]),
  );
  await writeVariantPrices(deps.client, lowering, {
    bulkMutationFrom: deps.options?.bulkMutationFrom,
    checkpoint: () => report.checkpoint(),
    onProduct: (productId, count) => {
      written += count;
      report.count({ changed: count });
      recordPriceChanges(report, lowering.get(productId), original);
      report.progress(written, writes.length, said("promotions.phase.lowering"));
    },
  });
  for (const part of chunks([...already, ...writes.map((w) => w.input.id)]))
    await db.promotionVariant.updateMany({
      where: { promotionId: promotion.id, variantId: { in: part }, status: "pending" },
      data: { status: "applied" },
    });
  return db.promotionVariant.count({ where: { promotionId: promotion.id, status: "applied" } });
}

export async function endPromotion(deps: RunDeps, promotionId: string): Promise<Record<string, unknown>> {
  const { db, report } = deps;
  const promotion = await load(deps, promotionId);
  if (!promotion) return { skipped: "the promotion no longer exists" };
  if (promotion.state === "ended") {
    report.log("info", said("promotions.alreadyEnded"));
    return { skipped: "the promotion has already ended" };
  }
  await db.promotion.update({ where: { id: promotion.id }, data: { state: "ending" } });
  let restored = 0;
  let changed = 0;
  // A start that crashed before saving the discount's id: the discount is found by its tag.
  const discountId =
    promotion.discountId ??
    (promotion.mode === "discount" ? await automaticDiscountWithTag(deps.client, discountTagOf(promotion.id)) : null);
  if (discountId) {
    await deactivateAutomaticDiscount(deps.client, discountId);
    report.log("info", said("promotions.discountDeactivated", { id: discountId }));
  }
  const held = await db.promotionVariant.findMany({
    where: { promotionId: promotion.id, status: { in: ["pending", "applied"] } },
  });
  if (held.length) ({ restored, changed } = await restorePrices(deps, promotion.id, held));
  const productIds = JSON.parse(promotion.targetProductIdsJson) as string[];
  let untagged = 0;
  await changeProductTags(deps.client, "remove", productIds, promotion.tag, {
    bulkFrom: deps.options?.tagBulkFrom,
    pollMs: deps.options?.pollMs,
    checkpoint: () => report.checkpoint(),
    onProduct: () => report.progress(++untagged, productIds.length, said("promotions.phase.untagging")),
  });
  const totals = await db.promotionVariant.groupBy({
    by: ["status"],
    where: { promotionId: promotion.id },
    _count: { _all: true },
  });
  const countOf = (status: string) => totals.find((t) => t.status === status)?._count._all ?? 0;
  await db.promotion.update({
    where: { id: promotion.id },
    data: { state: "ended", restoredCount: countOf("restored"), changedCount: countOf("changed") },
  });
  return { restored, changed, products: productIds.length };
}

type HeldVariant = Omit<PromotionVariantView, "status">;

/** Puts back the original price and compare-at of these held variants where Shopify still shows the promotion's. */
export async function restorePrices(
  deps: RunDeps,
  promotionOf: string,
  held: HeldVariant[],
): Promise<{ restored: number; changed: number }> {
  const { db, report, client } = deps;
  report.progress(0, null, said("promotions.phase.readingPrices"));
  const live = new Map(
    (
      await variantsOfProducts(client, new Set(held.map((h) => h.productId)), {
        ...deps.options,
        checkpoint: () => report.checkpoint(),
      })
    ).map((v) => [v.id, v]),
  );
  report.count({ seen: held.length });
  const writes: { productId: string; input: VariantPriceInput }[] = [];
  const back: string[] = [];
  const changed: string[] = [];
  for (const row of held) {
    const now = live.get(row.variantId);
    if (!now) {
      report.skip("variant", row.sku ?? row.variantId, said("promotions.variantGone"));
      back.push(row.variantId);
      continue;
    }
    if (sameMoney(now.price, row.originalPrice) && sameMoney(now.compareAtPrice, row.originalCompareAt)) {
      back.push(row.variantId); // already as before (a re-run, or never lowered)
    } else if (sameMoney(now.price, row.promoPrice) && sameMoney(now.compareAtPrice, row.promoCompareAt)) {
      writes.push({
        productId: row.productId,
        input: { id: row.variantId, price: row.originalPrice, compareAtPrice: row.originalCompareAt },
      });
    } else {
      changed.push(row.variantId);
      report.skip(
        "variant",
        row.sku ?? row.variantId,
        said("promotions.priceChangedDuring", {
          now: now.price,
          promo: row.promoPrice,
          original: row.originalPrice,
        }),
      );
    }
  }
  let written = 0;
  const restoring = byProductOf(writes);
  const lowered = new Map(
    held.map((r) => [r.variantId, { sku: r.sku, price: r.promoPrice, compareAtPrice: r.promoCompareAt }]),
  );
  await writeVariantPrices(client, restoring, {
    bulkMutationFrom: deps.options?.bulkMutationFrom,
    checkpoint: () => report.checkpoint(),
    onProduct: (productId, count) => {
      written += count;
      report.count({ changed: count });
      recordPriceChanges(report, restoring.get(productId), lowered);
      report.progress(written, writes.length, said("promotions.phase.restoring"));
    },
  });
  for (const part of chunks([...back, ...writes.map((w) => w.input.id)]))
    await db.promotionVariant.updateMany({
      where: { promotionId: promotionOf, variantId: { in: part } },
      data: { status: "restored" },
    });
  for (const part of chunks(changed))
    await db.promotionVariant.updateMany({
      where: { promotionId: promotionOf, variantId: { in: part } },
      data: { status: "changed" },
    });
  return { restored: back.length + writes.length, changed: changed.length };
}

/** A start that gave up: the promotion shows "failed" with the reason, and can still be ended. */
export async function markStartFailed(db: Db, promotionId: string, message: Message) {
  await db.promotion.updateMany({
    where: { id: promotionId, state: "scheduled" },
    data: { state: "failed", error: textOf(message), errorWords: wordsJson(message) },
  });
}
