import { describe, expect, it } from "vitest";
import { READINESS_RULES, RULE_WORDS, reasonWords } from "./readiness";

describe("readiness rules in the admin's language", () => {
  it("keeps the English labels and reasons, and has French ones for every rule", () => {
    for (const rule of READINESS_RULES) {
      expect(RULE_WORDS.en[rule.key]).toEqual({ label: rule.label, reason: rule.reason });
      expect(RULE_WORDS.fr[rule.key].label).not.toBe(rule.label);
    }
    expect(RULE_WORDS.fr.image).toEqual({ label: "Au moins une image", reason: "pas d'image" });
  });

  it("shows a product's reasons in French, and text it does not know as it is", () => {
    expect(reasonWords("no stock", RULE_WORDS.fr)).toBe("pas de stock");
    expect(reasonWords("no stock", RULE_WORDS.en)).toBe("no stock");
    expect(reasonWords("something else", RULE_WORDS.fr)).toBe("something else");
  });
});
