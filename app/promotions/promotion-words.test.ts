import { describe, expect, it } from "vitest";
import { ValidationError } from "../lib/errors";
import { ROUNDING_LABELS, ROUNDING_WORDS } from "./pricing";
import { STATE_LABELS, STATE_WORDS } from "./model";
import { describeOverlaps, normaliseInput } from "./promotions.server";

const now = new Date("2026-06-01T10:00:00Z");

function refusal(raw: unknown, locale?: "en" | "fr"): ValidationError {
  try {
    normaliseInput(raw, "Europe/Paris", now, locale);
  } catch (error) {
    if (error instanceof ValidationError) return error;
    throw error;
  }
  throw new Error("accepted");
}

describe("the promotion form's refusals in the admin's language", () => {
  it("answers in English by default, as before", () => {
    const invalid = refusal({ name: "", percentage: 120 });
    expect(invalid.message).toBe("The promotion has invalid fields.");
    expect(invalid.fieldErrors).toEqual({ name: "Give the promotion a name", percentage: "must be at most 95" });
    expect(refusal({ name: "x", percentage: 10 }).fieldErrors).toEqual({
      productIds: "pick at least one product or collection",
    });
    expect(
      refusal({ name: "x", percentage: 10, productIds: ["1"], endsAt: "2026-05-01T10:00" }, "en").fieldErrors,
    ).toEqual({ endsAt: "must be after the start" });
  });

  it("answers in French for a French admin", () => {
    const invalid = refusal({ name: "", percentage: 120, tag: "é" }, "fr");
    expect(invalid.message).toBe("La promotion a des champs invalides.");
    expect(invalid.fieldErrors).toEqual({
      name: "Donnez un nom à la promotion",
      percentage: "doit être au plus 95",
      tag: "lettres, chiffres, - et _ uniquement (40 au plus)",
    });
    const nothing = refusal({ name: "x", percentage: 10 }, "fr");
    expect(nothing.message).toBe("Choisissez au moins un produit ou une collection.");
    const when = refusal({ name: "x", percentage: 10, productIds: ["1"], endsAt: "next week" }, "fr");
    expect(when.fieldErrors.endsAt).toMatch(/^utilisez l'heure locale de la boutique/);
    const follow = refusal({ name: "x", percentage: 10, productIds: ["1"], followCollections: true }, "fr");
    expect(follow.fieldErrors).toEqual({ followCollections: "choisissez au moins une collection" });
  });

  it("describes overlaps in French with the other promotion's name quoted", () => {
    const overlaps = [
      { promotionId: "p", name: "Soldes", tag: "promo-30", variants: [{ variantId: "v", sku: "A-1" }] },
    ];
    expect(describeOverlaps(overlaps)).toBe('"Soldes" (promo-30) already covers 1 of these variants: A-1');
    expect(describeOverlaps(overlaps, "fr")).toBe("« Soldes » (promo-30) couvre déjà 1 de ces variantes : A-1");
  });

  it("names states and rounding rules in both languages, English unchanged", () => {
    expect(STATE_LABELS.en).toBe(STATE_WORDS);
    expect(STATE_LABELS.fr.scheduled).toBe("Programmée");
    expect(ROUNDING_LABELS.en).toBe(ROUNDING_WORDS);
    expect(ROUNDING_LABELS.fr.cent).toBe("Au centime (27,43)");
  });
});
