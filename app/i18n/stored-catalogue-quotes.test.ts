// Another system's words are a value quoted “…” in English and « … » in French (stored-catalogue.ts,
// ADR 0021): an English sentence that leaves an ERP's French refusal unquoted reads as French inside
// English ("Fastmag refused the login: Identification incorrecte"). Each entry is said in both languages
// with a marker for each of its values, and a value one language quotes must be quoted in the other.
import { describe, expect, it } from "vitest";
import { STORED_WORDS } from "./stored-catalogue";

type Render = (p: object) => string;

/** Renders a sentence with "⟦name⟧" for each value, and the names of the values it read. */
function sayWithMarkers(render: Render): { text: string; names: Set<string> } {
  const names = new Set<string>();
  const values = new Proxy(
    {},
    {
      get: (_target, name) => {
        if (typeof name !== "string") return undefined;
        names.add(name);
        return `⟦${name}⟧`;
      },
      has: () => true,
    },
  );
  return { text: render(values), names };
}

/** The values a sentence shows between the given quotes. */
function quotedNames(text: string, open: string, close: string): Set<string> {
  const names = new Set<string>();
  const quoted = new RegExp(
    open === close ? `${open}([^${open}]*)${close}` : `${open}([^${open}${close}]*)${close}`,
    "g",
  );
  for (const [, inside] of text.matchAll(quoted))
    for (const [, name] of inside!.matchAll(/⟦([^⟧]+)⟧/g)) names.add(name!);
  return names;
}

const entries = Object.entries(STORED_WORDS) as [string, { en: Render; fr: Render }][];

/**
 * Values quoted in one language only, on purpose: not another system's words. `check.fastmag.noAnswer`'s
 * `detail` is the app's own English sentence ("Fastmag did not answer within 1500 ms"): the French quotes
 * it because it stays in English there; the English reads it as its own first sentence.
 */
const QUOTED_IN_FRENCH_ONLY = new Set(["check.fastmag.noAnswer detail"]);

describe("the stored-words catalogue quotes another system's words in both languages", () => {
  it("has entries to check", () => {
    expect(entries.length).toBeGreaterThan(100);
  });

  it('quotes in English (“…” or "…") every value the French quotes (« … »), and the other way round', () => {
    const mismatches: string[] = [];
    for (const [key, entry] of entries) {
      const en = sayWithMarkers(entry.en);
      const fr = sayWithMarkers(entry.fr);
      // Older English entries quote with "…" (quoted all the same; the French detector reads both).
      const quotedEn = new Set([...quotedNames(en.text, "“", "”"), ...quotedNames(en.text, '"', '"')]);
      const quotedFr = quotedNames(fr.text, "«", "»");
      for (const name of quotedFr)
        if (!quotedEn.has(name) && !QUOTED_IN_FRENCH_ONLY.has(`${key} ${name}`))
          mismatches.push(`${key}: the French quotes ${name}, the English does not: ${en.text}`);
      for (const name of quotedEn)
        if (!quotedFr.has(name)) mismatches.push(`${key}: the English quotes ${name}, the French does not: ${fr.text}`);
    }
    expect(mismatches).toEqual([]);
  });

  it("finds an unquoted value (the check itself)", () => {
    const unquoted = sayWithMarkers((p) => `Fastmag refused the login: ${(p as { fastmag: string }).fastmag}.`);
    const quoted = sayWithMarkers((p) => `Fastmag a refusé la connexion : « ${(p as { fastmag: string }).fastmag} ».`);
    expect(quotedNames(unquoted.text, "“", "”")).toEqual(new Set());
    expect(quotedNames(quoted.text, "«", "»")).toEqual(new Set(["fastmag"]));
  });
});
