// The words and shapes of promotions shared by the use-cases, the screens and the JSON API.
import { defineWords } from "../i18n/define";
import type { RoundingRule } from "./pricing";

export const PROMOTION_STATES = ["scheduled", "active", "ending", "ended", "failed"] as const;
export type PromotionState = (typeof PROMOTION_STATES)[number];
export type PromotionMode = "price" | "discount";

/** States in which a promotion holds (or may hold) its products: a new one may not overlap them. */
export const LIVE_STATES: PromotionState[] = ["scheduled", "active", "ending", "failed"];

export const STATE_WORDS: Record<PromotionState, string> = {
  scheduled: "Scheduled",
  active: "Active",
  ending: "Ending",
  ended: "Ended",
  failed: "Failed",
};

/** A promotion's state in the admin's language. */
export const STATE_LABELS = defineWords<Record<PromotionState, string>>({
  en: STATE_WORDS,
  fr: { scheduled: "Programmée", active: "Active", ending: "En cours d'arrêt", ended: "Terminée", failed: "En échec" },
});

export interface PromotionSummary {
  id: string;
  name: string;
  tag: string;
  percentage: number;
  mode: PromotionMode;
  rounding: RoundingRule;
  state: PromotionState;
  startsAt: string;
  endsAt: string | null;
  products: number;
  variants: number;
  restored: number;
  changed: number;
  error: string | null;
  discountId: string | null;
  /** Products added to its collections while it runs are included at the hourly check. */
  followCollections: boolean;
  createdAt: string;
}

export interface PromotionVariantView {
  variantId: string;
  productId: string;
  sku: string | null;
  originalPrice: string;
  originalCompareAt: string | null;
  promoPrice: string;
  promoCompareAt: string | null;
  status: string;
}

export interface PreviewVariant {
  variantId: string;
  productId: string;
  sku: string | null;
  price: string;
  compareAtPrice: string | null;
  newPrice: string;
  newCompareAt: string | null;
}

export interface Overlap {
  promotionId: string;
  name: string;
  tag: string;
  variants: { variantId: string; sku: string | null }[];
}

export interface PromotionPreview {
  products: number;
  variants: number;
  collections: { id: string; title: string; products: number }[];
  /** The first variants (at most PREVIEW_LIMIT), with their prices now and during the promotion. */
  sample: PreviewVariant[];
  overlaps: Overlap[];
  startsAt: string;
  endsAt: string | null;
}

export const PREVIEW_LIMIT = 250;
