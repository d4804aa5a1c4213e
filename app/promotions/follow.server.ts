// Following a running promotion's collections (a promotion created with "include products added to
// its collections later"): each hour its job resolves the collections again. Products added since are
// taken in as at the start (price mode: originals stored, then promotion prices written; both modes:
// the tag) and products no longer in them are let go as at the end (prices put back exactly where they
// still show the promotion's, tag removed). A discount-mode promotion follows only collections, so
// Shopify's automatic discount already covers their new products: only tags change.
// Idempotent: the promotion's products are saved last, so a run that stopped halfway finds the same
// differences again, and what is done already is recognised as at the start and the end.
import { errorMessage, merchantMessageOf, ValidationError } from "../lib/errors";
import { changeProductTags } from "../shopify/promotions.server";
import { LIVE_STATES } from "./model";
import { overlapsInTime, resolveTargets } from "./promotions.server";
import { lowerPrices, restorePrices, type RunDeps } from "./run.server";
import { said } from "../i18n/stored-words";

/** How often an active promotion following its collections looks at them again. */
export const FOLLOW_EVERY_MS = 60 * 60 * 1000;

export async function followCollections(deps: RunDeps, promotionId: string): Promise<Record<string, unknown>> {
  const { db, report } = deps;
  const promotion = await db.promotion.findFirst({ where: { shop: deps.shop, id: promotionId } });
  if (!promotion) return { skipped: "the promotion no longer exists" };
  if (!promotion.followCollections) return { skipped: "the promotion does not follow its collections" };
  if (promotion.state !== "active") return { skipped: `the promotion is ${promotion.state}` };
  report.progress(0, null, said("promotions.phase.readingCollections"));
  let resolved: Set<string>;
  try {
    resolved = (
      await resolveTargets(
        deps.client,
        JSON.parse(promotion.productIdsJson) as string[],
        JSON.parse(promotion.collectionIdsJson) as string[],
      )
    ).products;
  } catch (error) {
    // A collection deleted meanwhile: the promotion keeps the products it has (End lets them go).
    if (!(error instanceof ValidationError)) throw error;
    report.log(
      "warn",
      said("promotions.collectionsUnreadable", { message: merchantMessageOf(error) ?? errorMessage(error) }),
    );
    return { skipped: errorMessage(error) };
  }
  const before = new Set(JSON.parse(promotion.targetProductIdsJson) as string[]);
  // Price mode: a product let go by a run that stopped before saving the products (its rows restored,
  // none held) and back in the collections since is taken in again below.
  if (promotion.mode === "price") for (const productId of await letGo(deps, promotion.id)) before.delete(productId);
  const heldElsewhere = await productsOfOtherPromotions(deps, promotion);
  const added: string[] = [];
  for (const productId of resolved) {
    if (before.has(productId)) continue;
    if (heldElsewhere.has(productId)) {
      report.skip(
        "product",
        productId,
        said("promotions.heldByOther", { promotion: heldElsewhere.get(productId) ?? "" }),
      );
      continue;
    }
    added.push(productId);
  }
  const removed = [...before].filter((p) => !resolved.has(p));
  let variants = promotion.variantsCount;
  if (added.length) {
    if (promotion.mode === "price") {
      // A product back in the collection after it was let go: its old rows no longer hold anything; its
      // price now is its original (read again below), as for a product new to the promotion.
      await db.promotionVariant.deleteMany({
        where: { promotionId: promotion.id, productId: { in: added }, status: { in: ["restored", "changed"] } },
      });
      variants = await lowerPrices(deps, promotion, added);
    }
    await changeProductTags(deps.client, "add", added, promotion.tag, {
      bulkFrom: deps.options?.tagBulkFrom,
      pollMs: deps.options?.pollMs,
      checkpoint: () => report.checkpoint(),
    });
    report.log("info", said("promotions.productsAdded", { count: added.length }));
  }
  if (removed.length) {
    const held = await db.promotionVariant.findMany({
      where: { promotionId: promotion.id, productId: { in: removed }, status: { in: ["pending", "applied"] } },
    });
    if (held.length) await restorePrices(deps, promotion.id, held);
    await changeProductTags(deps.client, "remove", removed, promotion.tag, {
      bulkFrom: deps.options?.tagBulkFrom,
      pollMs: deps.options?.pollMs,
      checkpoint: () => report.checkpoint(),
    });
    if (promotion.mode === "price")
      variants = await db.promotionVariant.count({ where: { promotionId: promotion.id, status: "applied" } });
    report.log("info", said("promotions.productsRemoved", { count: removed.length }));
  }
  if (!added.length && !removed.length) return { added: 0, removed: 0 };
  const gone = new Set(removed);
  const products = [...[...before].filter((p) => !gone.has(p)), ...added];
  // Only while it is still active: an End now asked meanwhile is left to its end run.
  await db.promotion.updateMany({
    where: { id: promotion.id, state: "active" },
    data: { targetProductIdsJson: JSON.stringify(products), productsCount: products.length, variantsCount: variants },
  });
  return { added: added.length, removed: removed.length, products: products.length };
}

/** Products of the promotion whose rows hold nothing any more (all restored or changed). */
async function letGo(deps: RunDeps, promotionId: string): Promise<string[]> {
  const rows = await deps.db.promotionVariant.groupBy({
    by: ["productId", "status"],
    where: { promotionId },
  });
  const holding = new Set(rows.filter((r) => r.status === "pending" || r.status === "applied").map((r) => r.productId));
  return [...new Set(rows.map((r) => r.productId))].filter((p) => !holding.has(p));
}

/** Products that other promotions not ended cover during this one's remaining window, with their name. */
async function productsOfOtherPromotions(
  deps: RunDeps,
  promotion: { id: string; endsAt: Date | null },
): Promise<Map<string, string>> {
  const window = { startsAt: deps.report.now(), endsAt: promotion.endsAt };
  const others = await deps.db.promotion.findMany({
    where: { shop: deps.shop, state: { in: LIVE_STATES }, id: { not: promotion.id } },
  });
  const held = new Map<string, string>();
  for (const other of others) {
    if (!overlapsInTime(window, other)) continue;
    for (const p of JSON.parse(other.targetProductIdsJson) as string[]) held.set(p, other.name);
    const rows = await deps.db.promotionVariant.findMany({
      where: { promotionId: other.id, status: { in: ["pending", "applied"] } },
      select: { productId: true },
    });
    for (const r of rows) held.set(r.productId, other.name);
  }
  return held;
}
