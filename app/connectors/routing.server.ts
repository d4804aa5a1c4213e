// A shop's routing: which connected system plays which part. Stored in ShopRouting; a part left empty
// is played by the one set-up connector that can (registry.server.ts decides), so a shop with only
// Fastmag set up needs no routing row at all.
import type { Db } from "../db.server";

export interface ShopRouting {
  stockSource: string | null;
  priceSource: string | null;
  orderDestination: string | null;
  /** Systems that receive the shop's stock; Shopify is always one. */
  stockDestinations: string[];
  shopifyLocationId: string | null;
}

const EMPTY: ShopRouting = {
  stockSource: null,
  priceSource: null,
  orderDestination: null,
  stockDestinations: ["shopify"],
  shopifyLocationId: null,
};

export async function loadRouting(db: Db, shop: string): Promise<ShopRouting> {
  const row = await db.shopRouting.findUnique({ where: { shop } });
  if (!row) return { ...EMPTY };
  return {
    stockSource: row.stockSource,
    priceSource: row.priceSource,
    orderDestination: row.orderDestination,
    stockDestinations: withShopify(parseList(row.stockDestinations)),
    shopifyLocationId: row.shopifyLocationId,
  };
}

export async function saveRouting(db: Db, shop: string, change: Partial<ShopRouting>): Promise<void> {
  const data = {
    ...(change.stockSource !== undefined && { stockSource: change.stockSource }),
    ...(change.priceSource !== undefined && { priceSource: change.priceSource }),
    ...(change.orderDestination !== undefined && { orderDestination: change.orderDestination }),
    ...(change.stockDestinations !== undefined && {
      stockDestinations: JSON.stringify(withShopify(change.stockDestinations)),
    }),
    ...(change.shopifyLocationId !== undefined && { shopifyLocationId: change.shopifyLocationId }),
  };
  await db.shopRouting.upsert({ where: { shop }, create: { shop, ...data }, update: data });
}

const withShopify = (ids: string[]) => ["shopify", ...ids.filter((id) => id !== "shopify")];

function parseList(json: string): string[] {
  try {
    const value = JSON.parse(json) as unknown;
    return Array.isArray(value) ? value.filter((v): v is string => typeof v === "string") : [];
  } catch {
    return [];
  }
}
