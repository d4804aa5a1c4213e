// What the connector remembers of the products it listed on Tuyo (TuyoListing rows): the Tuyo SKU, the
// hash of what was last sent, and per variant its SKU, its values (how bulk_update names it) and the
// stock last sent. Tuyo has no route to read products back, so this is the connector's picture of Tuyo.
import type { Db } from "../../db.server";

export interface ListedVariant {
  sku: string;
  values: string;
  stock: number;
}

export interface ListedProduct {
  id: string;
  shopifyProductId: string;
  tuyoSku: string;
  variants: ListedVariant[];
}

export const readVariants = (json: string): ListedVariant[] => {
  try {
    const value = JSON.parse(json) as unknown;
    return Array.isArray(value) ? (value as ListedVariant[]) : [];
  } catch {
    return [];
  }
};

/** Every product listed (active) on Tuyo for the shop. */
export async function listedProducts(db: Db, shop: string): Promise<ListedProduct[]> {
  const rows = await db.tuyoListing.findMany({
    where: { shop, state: "listed", tuyoSku: { not: null } },
    select: { id: true, shopifyProductId: true, tuyoSku: true, variantsJson: true },
  });
  return rows.map((r) => ({
    id: r.id,
    shopifyProductId: r.shopifyProductId,
    tuyoSku: r.tuyoSku!,
    variants: readVariants(r.variantsJson),
  }));
}

export async function saveListedVariants(db: Db, listingId: string, variants: ListedVariant[]): Promise<void> {
  await db.tuyoListing.update({ where: { id: listingId }, data: { variantsJson: JSON.stringify(variants) } });
}
