import { describe, expect, it } from "vitest";
import { limitProblem, PLAN_WORDS } from "./import.server";
import { previewSeason, seasonProducts } from "./screens.server";

const product = { sourceKey: "A", title: "A", tags: [], options: ["a", "b", "c", "d"], variants: [] };

describe("the Catalog screen's server words in the admin's language", () => {
  it("says why a product is refused in English by default and in French for the preview", () => {
    expect(limitProblem(product)).toBe("4 options (a, b, c, d): Shopify allows at most 3 options per product");
    expect(limitProblem(product, "fr")).toBe("4 options (a, b, c, d) : Shopify autorise au plus 3 options par produit");
    expect(PLAN_WORDS.fr.notSent("x")).toBe("Non envoyé à Shopify : x.");
    expect(PLAN_WORDS.en.variantsGone(2, "Caisse", "S1, S2")).toBe(
      "2 variants no longer in Caisse (S1, S2): kept in Shopify, not deleted.",
    );
    expect(PLAN_WORDS.fr.leftAsIs("Caisse", "E23")).toBe(
      "N'est plus dans la saison E23 de Caisse : laissé tel quel dans Shopify.",
    );
  });

  it("refuses a missing season in French for a French admin, English otherwise", async () => {
    await expect(previewSeason("shop", " ", "fr")).rejects.toMatchObject({
      message: "Indiquez un code de saison (40 caractères au plus).",
    });
    await expect(previewSeason("shop", " ")).rejects.toMatchObject({
      message: "Give a season code (at most 40 characters).",
    });
    await expect(seasonProducts("shop", "", {}, "fr")).rejects.toMatchObject({ message: "Indiquez la saison." });
  });
});
