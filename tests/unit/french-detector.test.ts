// The French detector the English walk relies on (tests/e2e/support/french.ts): it must flag French
// sentences (an ERP's text left unquoted inside an English one), and leave English, quoted words and
// names alone.
import { describe, expect, it } from "vitest";
import { findFrench } from "../e2e/support/french";

const whats = (text: string, names: string[] = []) => findFrench(text, names).map((f) => f.what);

describe("findFrench", () => {
  it("flags French function words and elisions, one finding per word and line", () => {
    expect(whats("Fastmag refused the order: Article inconnu pour le magasin")).toEqual([
      '"inconnu"',
      '"pour"',
      '"le"',
    ]);
    expect(whats("Order failed: l'article n'existe pas")).toEqual(['"pas"', '"l\'"', '"n\'"']);
    expect(whats("Le stock est à jour\nStock is up to date")).toEqual(['"le"', '"est"']);
  });

  it("leaves English alone, including words French shares or that look like French ones", () => {
    expect(whats("A plus-size item on sale, son of a gun: 2 en route, par for the course.")).toEqual([]);
    expect(whats("Don't retry: it's the shop's own choice; EST and DU are codes.")).toEqual([]);
    expect(whats("Finished: 1,234 seen, 3 failed.")).toEqual([]);
  });

  it('takes out other systems\' words in “…”, "…" and « … », addresses and the given names', () => {
    expect(whats("Fastmag refused the order: “Article inconnu pour le magasin”")).toEqual([]);
    expect(whats('Fastmag refused the order: "Article inconnu pour le magasin"')).toEqual([]);
    expect(whats("Fastmag refused the order: « Article inconnu pour le magasin »")).toEqual([]);
    expect(whats("See https://example.com/le/chemin and le@example.com")).toEqual([]);
    expect(whats("Product Pull de la mer imported", ["Pull de la mer"])).toEqual([]);
  });
});
