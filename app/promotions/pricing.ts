// Promotion prices: the percentage off, rounded by the shop's rule, and the compare-at the promotion
// shows. Money is handled in cents (integers) so a rule never meets a floating-point remainder.
import { defineWords } from "../i18n/define";

export const ROUNDING_RULES = ["cent", "x9"] as const;
export type RoundingRule = (typeof ROUNDING_RULES)[number];

export const ROUNDING_WORDS: Record<RoundingRule, string> = {
  cent: "To the cent (27.43)",
  x9: "Down to a price ending in 9 cents (27.43 → 27.39)",
};

/** The rounding rules in the admin's language. */
export const ROUNDING_LABELS = defineWords<Record<RoundingRule, string>>({
  en: ROUNDING_WORDS,
  fr: {
    cent: "Au centime (27,43)",
    x9: "Au prix inférieur finissant par 9 centimes (27,43 → 27,39)",
  },
});

const cents = (money: string) => Math.round(Number(money) * 100);
const money = (value: number) => (value / 100).toFixed(2);

/** The price after `percentage` % off `original`, rounded by `rule`; never below 0.01. */
export function promoPrice(original: string, percentage: number, rule: RoundingRule): string {
  const exact = (cents(original) * (100 - percentage)) / 100;
  let value = Math.round(exact);
  if (rule === "x9") {
    // Down to the nearest amount whose last cent digit is 9, so the reduction is at least the percentage.
    value = Math.floor(exact);
    value -= (((value - 9) % 10) + 10) % 10;
    if (value < 9) value = Math.max(1, Math.round(exact));
  }
  return money(Math.max(1, value));
}

/**
 * The compare-at a promotion shows: the price before it, or the compare-at the variant already had when
 * that one is higher (a variant already on sale keeps showing its regular price).
 */
export function promoCompareAt(originalPrice: string, originalCompareAt: string | null): string {
  if (originalCompareAt !== null && cents(originalCompareAt) > cents(originalPrice))
    return money(cents(originalCompareAt));
  return money(cents(originalPrice));
}

export const sameMoney = (a: string | null, b: string | null) =>
  a === null || b === null ? a === b : cents(a) === cents(b);
