// A system that shows the shop's active promotions (a marketplace: Tuyo). The promotions feature hands
// it the promos running now; a promo absent from the list has ended and its discount is removed.

export interface ActivePromo {
  /** Stable id of the promo in the app (its key for "ended"). */
  id: string;
  /** Percent off, 1–100. */
  percentOff: number;
  /** What it applies to: every product, or these Shopify products (gids; the promotions feature resolves
   *  collections to their products). */
  appliesTo: { all: true } | { productIds: string[] };
}

export interface PromoDestination {
  /** The promos active now, all of them: the destination applies new ones and removes the ended ones. */
  syncActivePromos(promos: ActivePromo[]): Promise<{ applied: number; removed: number }>;
}
