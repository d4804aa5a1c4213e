// The French detector the English walk relies on (tests/e2e/support/french.ts): it must flag French
// sentences (an ERP's text left unquoted inside an English one), and leave English, quoted words and
// names alone.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { BAD_CREDENTIALS_MESSAGE } from "../../emulators/fastmag/index";
import { findFrench } from "../e2e/support/french";

/** The refusals the Fastmag emulator sends (`KO|…`, `refuse(…)`, its default fault), values as "X". */
function fastmagEmulatorRefusals(): string[] {
  const refusals = [BAD_CREDENTIALS_MESSAGE];
  for (const file of [
    "emulators/fastmag/index.ts",
    "emulators/fastmag/transactions.ts",
    "emulators/fastmag/faults.ts",
  ]) {
    const source = readFileSync(file, "utf8");
    const literals = [
      ...source.matchAll(/`KO\|([^`]*)`/g),
      ...source.matchAll(/"KO\|([^"]*)"/g),
      ...source.matchAll(/refuse\(`([^`]*)`\)/g),
      ...source.matchAll(/refuse\("([^"]*)"\)/g),
      ...source.matchAll(/koMessage \?\? "([^"]+)"/g),
    ];
    for (const [, literal] of literals) refusals.push(literal!.replace(/\$\{[^}]*\}/g, "X"));
  }
  // `KO|${fault.message}`: the fault's message, the default one read above; `KO|<reason>` is a comment's.
  return refusals.filter((r) => r !== "X" && !/^<\w+>$/.test(r));
}

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

  it("flags every refusal the Fastmag emulator sends when an English sentence does not quote it", () => {
    const refusals = fastmagEmulatorRefusals();
    expect(refusals).toContain("Identification incorrecte : enseigne, magasin, compte ou mot de passe invalide");
    expect(refusals).toContain("Article inconnu : X X X");
    expect(refusals.length).toBeGreaterThan(20);
    for (const refusal of refusals) {
      expect(whats(`Fastmag refused the login: ${refusal}.`), refusal).not.toEqual([]);
      expect(whats(`Fastmag refused the login: “${refusal}”.`), refusal).toEqual([]);
    }
    expect(whats("Fastmag refused the login: Identification incorrecte. Check the password.")).toEqual([
      '"incorrecte"',
    ]);
  });
});
