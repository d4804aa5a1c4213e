// The English detector the French walk relies on (tests/e2e/support/english.ts): it must flag English
// sentences, dates and numbers, and leave French, other systems' quoted words and names alone.
import { describe, expect, it } from "vitest";
import { findEnglish } from "../e2e/support/english";

const whats = (text: string, names: string[] = []) => findEnglish(text, names).map((f) => f.what);

describe("findEnglish", () => {
  it("flags English function words and button words, one finding per word and line", () => {
    expect(whats("Could not be read from Fastmag: row 12")).toEqual(['"could"', '"not"', '"from"']);
    expect(whats("Showing 1–100")).toEqual(['"showing"']);
    expect(whats("Enregistrer\nSave")).toEqual(['"save"']);
  });

  it("leaves French alone, including words English shares or that look like English ones", () => {
    expect(whats("On a plus de 2 articles en stock, son prix est bas.")).toEqual([]);
    expect(whats("Terminé : 1 234 vus, 3 en échec. Voyez les lignes en échec.")).toEqual([]);
    expect(whats("aujourd'hui à 10:05")).toEqual([]);
  });

  it("takes out other systems' words in « … », addresses and the given names", () => {
    expect(whats("Fastmag a refusé la commande : « Article unknown for the shop »")).toEqual([]);
    expect(whats("Voir https://example.com/the/path et shop@example.com")).toEqual([]);
    expect(whats("Produit The Best Shirt importé", ["The Best Shirt"])).toEqual([]);
    expect(whats("America/Port of Spain\nEurope/Isle_of_Man\norders/create\t2 déc. 2026")).toEqual([]);
  });

  it("flags English dates and numbers, not French ones", () => {
    expect(whats("le Dec 2, 2026")).toEqual(['English month "Dec"']);
    expect(whats("à 3:05 PM")).toEqual(['am/pm time "3:05 PM"']);
    expect(whats("le 12/02/2026")).toEqual(['slashed date "12/02/2026"']);
    expect(whats("1,234 articles")).toEqual(['comma thousands "1,234"']);
    expect(whats("prix 12.50 €")).toEqual(['decimal point "12.50"']);
    expect(whats("2 déc. 2026, 1 234,5 €, 12,50 €")).toEqual([]);
  });
});
