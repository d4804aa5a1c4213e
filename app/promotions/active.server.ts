// The promotions running now, as the promotion-destination capability hands them to other systems
// (app/capabilities/promotion-destination.ts), and telling those systems after a start or an end.
import type { ActivePromotion } from "../capabilities/promotion-destination";
import { promotionDestinationsFor } from "../connectors/registry.server";
import type { Db } from "../db.server";
import { errorMessage, merchantMessageOf } from "../lib/errors";
import type { SyncReporter } from "../sync/sync-context";
import { said } from "../i18n/stored-words";

export async function activePromotions(db: Db, shop: string): Promise<ActivePromotion[]> {
  const rows = await db.promotion.findMany({ where: { shop, state: "active" }, orderBy: { startsAt: "asc" } });
  const out: ActivePromotion[] = [];
  for (const row of rows) {
    const variants =
      row.mode === "price"
        ? await db.promotionVariant.findMany({
            where: { promotionId: row.id, status: "applied" },
            select: { sku: true, variantId: true, originalPrice: true, promoPrice: true },
          })
        : [];
    out.push({
      id: row.id,
      name: row.name,
      tag: row.tag,
      percentage: row.percentage,
      mode: row.mode as ActivePromotion["mode"],
      startsAt: row.startsAt,
      endsAt: row.endsAt,
      variants: variants.map((v) => ({
        sku: v.sku,
        shopifyVariantId: v.variantId,
        price: v.originalPrice,
        promoPrice: v.promoPrice,
      })),
      shopifyProductIds: JSON.parse(row.targetProductIdsJson) as string[],
    });
  }
  return out;
}

/** Hands the running promotions to every system that receives them; one that fails is logged, not fatal. */
export async function publishActivePromotions(db: Db, shop: string, report: SyncReporter): Promise<number> {
  const destinations = await promotionDestinationsFor({ shop, db, report, timeoutMs: 60_000 });
  if (!destinations.length) return 0;
  const active = await activePromotions(db, shop);
  for (const destination of destinations) {
    try {
      const { skipped } = await destination.port.promotionsChanged(active);
      for (const s of skipped) report.skip("promotion", s.externalId, s.words ?? s.reason);
    } catch (error) {
      report.log(
        "warn",
        said("promotions.notTold", {
          destination: destination.name,
          message: merchantMessageOf(error) ?? errorMessage(error),
        }),
      );
    }
  }
  return destinations.length;
}
