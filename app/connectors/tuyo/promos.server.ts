// Tuyo as a promo destination: each listed product carries the best percentage among the promos active
// now that apply to it (Tuyo's `discount` on the product and its variants), sent with bulk_update only
// where it changed; a product no promo applies to any longer goes back to 0. (set_promo works by
// category, coarser than the shop's promos, so per-product bulk_update is used.)
import type { ActivePromo, PromoDestination } from "../../capabilities/promo-destination";
import type { Db } from "../../db.server";
import { erroredProducts, type TuyoClient } from "./client.server";
import { readVariants } from "./listings.server";
import { BULK_BATCH } from "./catalog.server";

export function tuyoPromoDestination(deps: { db: Db; shop: string; client: TuyoClient }): PromoDestination {
  const { db, shop, client } = deps;
  return {
    async syncActivePromos(promos: ActivePromo[]) {
      const rows = await db.tuyoListing.findMany({ where: { shop, state: "listed", tuyoSku: { not: null } } });
      const wanted = (productId: string) =>
        promos.reduce((best, p) => {
          const applies = "all" in p.appliesTo ? true : p.appliesTo.productIds.includes(productId);
          return applies ? Math.max(best, Math.min(100, Math.max(0, Math.round(p.percentOff)))) : best;
        }, 0);
      const changes = rows
        .map((r) => ({ row: r, discount: wanted(r.shopifyProductId) }))
        .filter((c) => c.discount !== c.row.discount);
      let applied = 0;
      let removed = 0;
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
          if (errored.has(row.tuyoSku!)) continue;
          await db.tuyoListing.update({ where: { id: row.id }, data: { discount } });
          if (discount > 0) applied++;
          else removed++;
        }
      }
      return { applied, removed };
    },
  };
}
