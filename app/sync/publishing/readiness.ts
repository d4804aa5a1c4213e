// The readiness rules a DRAFT product must pass to be published, each of which the merchant can turn
// off, and the reasons a product is not ready, in the merchant's words ("not ready: no image, no stock").
// The English reason is also the rule's name in filters and run logs; screens show RULE_WORDS.
import { defineWords } from "../../i18n/define";

export const READINESS_RULES = [
  { key: "image", label: "At least one image", reason: "no image" },
  { key: "price", label: "Price above 0 on every variant", reason: "no price" },
  { key: "stock", label: "Sellable stock above 0", reason: "no stock" },
  { key: "description", label: "A description", reason: "no description" },
  { key: "sourceId", label: "Its id in your catalog source (metafield)", reason: "no source id" },
] as const;

export type RuleKey = (typeof READINESS_RULES)[number]["key"];
export type ReadinessRules = Record<RuleKey, boolean>;

/** A rule's label and its reason in the admin's language, by rule key. */
export const RULE_WORDS = defineWords<Record<RuleKey, { label: string; reason: string }>>({
  en: Object.fromEntries(READINESS_RULES.map((r) => [r.key, { label: r.label, reason: r.reason }])) as Record<
    RuleKey,
    { label: string; reason: string }
  >,
  fr: {
    image: { label: "Au moins une image", reason: "pas d'image" },
    price: { label: "Prix supérieur à 0 sur chaque variante", reason: "pas de prix" },
    stock: { label: "Stock vendable supérieur à 0", reason: "pas de stock" },
    description: { label: "Une description", reason: "pas de description" },
    sourceId: {
      label: "Son identifiant dans votre source de catalogue (métachamp)",
      reason: "pas d'identifiant source",
    },
  },
});

/** A stored or filtered reason ("no image") in the admin's language; unknown text is shown as it is. */
export function reasonWords(reason: string, words: Record<RuleKey, { reason: string }>): string {
  const rule = READINESS_RULES.find((r) => r.reason === reason);
  return rule ? words[rule.key].reason : reason;
}

export const ALL_RULES_ON: ReadinessRules = {
  image: true,
  price: true,
  stock: true,
  description: true,
  sourceId: true,
};

export interface ProductFacts {
  images: number;
  prices: number[];
  sellableStock: number;
  descriptionHtml: string;
  sourceId: string | null;
}

/** Every rule (turned on) the product fails, as reasons; empty: ready. */
export function notReadyReasons(facts: ProductFacts, rules: ReadinessRules): string[] {
  const fails: Record<RuleKey, boolean> = {
    image: facts.images < 1,
    price: facts.prices.length === 0 || facts.prices.some((price) => !(price > 0)),
    stock: !(facts.sellableStock > 0),
    description: facts.descriptionHtml.replace(/<[^>]*>|&nbsp;/g, "").trim() === "",
    sourceId: !facts.sourceId?.trim(),
  };
  return READINESS_RULES.filter((rule) => rules[rule.key] && fails[rule.key]).map((rule) => rule.reason);
}

/** Stored rules read leniently: a rule missing from what was saved is on. */
export function rulesFrom(json: string | null | undefined): ReadinessRules {
  let stored: Record<string, unknown> = {};
  try {
    stored = JSON.parse(json ?? "{}") as Record<string, unknown>;
  } catch {
    stored = {};
  }
  const rules = { ...ALL_RULES_ON };
  for (const rule of READINESS_RULES) if (stored[rule.key] === false) rules[rule.key] = false;
  return rules;
}
