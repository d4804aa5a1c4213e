// Tuyo as a promo destination: each listed product carries the best percentage among the promos active
// now that apply to it (Tuyo's `discount` on the product and its variants), sent with bulk_update only
// where it changed; a product no promo applies to any longer goes back to 0. (set_promo works by
// category, coarser than the shop's promos, so per-product bulk_update is used.)
import type { ActivePromotion, PromotionDestination } from "../../capabilities/promotion-destination";
import type { SkippedRecord } from "../../domain/results";
import type { Db } from "../../db.server";
import { said } from "../../i18n/stored-words";
import { erroredProducts, type TuyoClient } from "./client.server";
import { readVariants } from "./listings.server";
import { BULK_BATCH } from "./catalog.server";

export function tuyoPromoDestination(deps: { db: Db; shop: string; client: TuyoClient }): PromotionDestination {
  const { db, shop, client } = deps;
  return {
    async promotionsChanged(promotions: ActivePromotion[]) {
      const rows = await db.tuyoListing.findMany({ where: { shop, state: "listed", tuyoSku: { not: null } } });
      // Tuyo holds one percentage per product: the best of the promotions covering it.
      const wanted = (productId: string) =>
        promotions.reduce(
          (best, p) =>
            p.shopifyProductIds.includes(productId)
              ? Math.max(best, Math.min(100, Math.max(0, Math.round(p.percentage))))
              : best,
          0,
        );
      const changes = rows
        .map((r) => ({ row: r, discount: wanted(r.shopifyProductId) }))
        .filter((c) => c.discount !== c.row.discount);
      const skipped: SkippedRecord[] = [];
      for (let i = 0; i < changes.length; i += BULK_BATCH) {
        const chunk = changes.slice(i, i + BULK_BATCH);
        const answer = await client.patch(
          "/api/bulk_update",
          chunk.map(({ row, discount }) => ({
            sku: row.tuyoSku,
            discount,
            variants: readVariants(row.variantsJson).map((v) => ({ values: v.values, discount })),
          })),
        );
        const errored = erroredProducts(answer);
        for (const { row, discount } of chunk) {
          const refused = errored.get(row.tuyoSku!);
          if (refused) {
            const words = said("words6.tuyo.discountRefused", { refusal: refused });
            skipped.push({ externalId: row.tuyoSku!, reason: words.text, words });
          } else await db.tuyoListing.update({ where: { id: row.id }, data: { discount } });
        }
      }
      return { skipped };
    },
  };
}
