// The price sync's view of promotions (app/sync/prices.server.ts PromotionHolds): the variants a
// price-mode promotion holds, and the source's new figures saved as their originals, so the promotion
// and the price sync never fight: the live price follows the percentage of the source's price.
import type { Db } from "../db.server";
import type { PromotionHold, PromotionHolds } from "../sync/prices.server";
import { promoCompareAt, promoPrice, type RoundingRule } from "./pricing";

/** States in which a promotion's lowered prices are (or may be) on Shopify. */
const HOLDING = ["scheduled", "active", "ending", "failed"];

export function promotionHolds(db: Db, shop: string): PromotionHolds {
  return {
    async load() {
      const promotions = await db.promotion.findMany({
        where: { shop, mode: "price", state: { in: HOLDING } },
        select: { id: true, percentage: true, rounding: true },
      });
      const holds = new Map<string, PromotionHold>();
      for (const p of promotions) {
        const show: PromotionHold["show"] = ({ price, compareAtPrice }) => ({
          price: promoPrice(price, p.percentage, p.rounding as RoundingRule),
          compareAtPrice: promoCompareAt(price, compareAtPrice),
        });
        const rows = await db.promotionVariant.findMany({
          where: { promotionId: p.id, status: { in: ["pending", "applied"] } },
          select: { variantId: true, originalPrice: true, originalCompareAt: true },
        });
        for (const r of rows)
          holds.set(r.variantId, {
            promotionId: p.id,
            original: { price: r.originalPrice, compareAtPrice: r.originalCompareAt },
            show,
          });
      }
      return holds;
    },
    async saveOriginals(changes) {
      for (const c of changes)
        await db.promotionVariant.updateMany({
          where: { promotionId: c.promotionId, variantId: c.variantId, status: { in: ["pending", "applied"] } },
          data: {
            originalPrice: c.originalPrice,
            originalCompareAt: c.originalCompareAt,
            promoPrice: c.promoPrice,
            promoCompareAt: c.promoCompareAt,
          },
        });
    },
  };
}
