import { describe, expect, it } from "vitest";
import { said, sayIn } from "../../i18n/stored-words";
import { explainFastmagRefusal } from "./refusals";

describe("Fastmag's refusals in the merchant's words", () => {
  it("says it in English and French with Fastmag's values quoted", () => {
    const refusal = explainFastmagRefusal("Article inconnu : NOPE X Y", said("fastmag.refused.order"));
    expect(refusal.text).toBe(
      "Fastmag does not know the article “NOPE X Y”: create it there or map it to a Shopify variant.",
    );
    expect(sayIn(refusal, "fr")).toBe(
      "Fastmag ne connaît pas l'article « NOPE X Y » : créez-le dans Fastmag ou associez-le à une variante Shopify.",
    );
  });

  it("quotes a refusal no rule knows, saying what was refused in the reader's language", () => {
    const refusal = explainFastmagRefusal("Erreur SQL", said("fastmag.refused.status", { state: "cancelled" }));
    expect(refusal.text).toBe('Fastmag refused the cancelled status. Fastmag said: "Erreur SQL".');
    expect(sayIn(refusal, "fr")).toBe("Fastmag a refusé le statut d'annulation. Fastmag a répondu : « Erreur SQL ».");
  });
});
