// A system that shows the shop's promotions too (a marketplace): it receives every promotion running
// now whenever one starts or ends, and does what it needs to match (its own prices or badges).
import type { SkippedRecord } from "../domain/results";

export interface ActivePromotion {
  /** Our id of the promotion. */
  id: string;
  name: string;
  /** The tag the promotion puts on its Shopify products (e.g. promo-30). */
  tag: string;
  /** Percentage off, e.g. 30. */
  percentage: number;
  /** price: the Shopify prices are lowered; discount: Shopify takes the percentage off at checkout. */
  mode: "price" | "discount";
  startsAt: Date;
  endsAt: Date | null;
  /** Price mode: every variant with its price before and during the promotion, as written in Shopify.
   *  Discount mode: empty (Shopify takes the percentage off at checkout; see shopifyProductIds). */
  variants: { sku: string | null; shopifyVariantId: string; price: string; promoPrice: string }[];
  /** The Shopify products it covers. */
  shopifyProductIds: string[];
}

export interface PromotionDestination {
  /** The promotions running now, all of them: one that is no longer in the list has ended. */
  promotionsChanged(active: ActivePromotion[]): Promise<{ skipped: SkippedRecord[] }>;
}
