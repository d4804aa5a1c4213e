import { describe, expect, it } from "vitest";
import { STORED_WORDS } from "./stored-catalogue";
import { checkConnectorUrl } from "../lib/http-url-policy.server";
import { describeOutboundFailure, outboundFailureSaid } from "../lib/http-outbound.server";
import { fromWordsJson, said, sayIn, storedText, textOf, wordsJson, type StoredKey } from "./stored-words";

/** Values that say which value a sentence used: as text they read ‹name›, as a number 7. */
function probe() {
  const used = new Set<string>();
  const values = new Proxy(
    {},
    {
      get: (_, name) => {
        used.add(String(name));
        // A String object: text methods work on it, and it reads ‹name›; as a number it is 7.
        return Object.assign(new String(`‹${String(name)}›`), { valueOf: () => 7 });
      },
    },
  );
  return { used, values };
}

describe("stored words", () => {
  const keys = Object.keys(STORED_WORDS) as StoredKey[];

  it("has each key in English and French, using the same values, with every value filled", () => {
    expect(keys.length).toBeGreaterThan(50);
    for (const key of keys) {
      const entry = STORED_WORDS[key] as { en: (p: object) => string; fr: (p: object) => string };
      const english = probe();
      const french = probe();
      const en = String(entry.en(english.values));
      const fr = String(entry.fr(french.values));
      for (const sentence of [en, fr]) {
        expect(sentence.trim(), key).not.toBe("");
        expect(sentence, key).not.toMatch(/undefined|NaN|\[object|null/);
      }
      expect([...french.used].sort(), key).toEqual([...english.used].sort());
      // The French is French: not the English again (a sentence made only of values may be the same).
      if (/[a-z]{4}/.test(en.replace(/‹[^›]*›/g, ""))) expect(fr, key).not.toBe(en);
    }
  });

  it("says a sentence in English at once and again in French from what was stored", () => {
    const reason = said("sync.unreadableRow", {
      source: "Fastmag",
      reason: said("row.atLabelled", {
        line: "12",
        label: "ref BOXE20",
        problem: said("row.notNumber", { column: "stock_a", value: "abc" }),
      }),
    });
    expect(reason.text).toBe('Could not be read from Fastmag: row 12 (ref BOXE20): stock_a "abc" is not a number');
    const json = wordsJson(reason);
    expect(storedText(reason.text, json, "fr")).toBe(
      "Illisible dans Fastmag : ligne 12 (ref BOXE20) : stock_a « abc » n'est pas un nombre",
    );
    expect(storedText(reason.text, json, "en")).toBe(reason.text);
  });

  it("keeps another system's words as it said them, quoted in the reader's way", () => {
    const refused = said("shopify.userErrors", { operation: "productVariantsBulkUpdate", errors: "price: Invalid" });
    expect(sayIn(refused, "fr")).toBe("Shopify a refusé productVariantsBulkUpdate : « price: Invalid »");
  });

  it("names a system with its article in French, inside the connection sentences", () => {
    const sftp = said("system.sftpServer");
    expect(said("connection.not-found", { system: sftp }).text).toBe(
      "The SFTP server's address could not be found. Check the address.",
    );
    expect(sayIn(said("connection.not-found", { system: sftp }), "fr")).toBe(
      "L'adresse du serveur SFTP est introuvable. Vérifiez l'adresse.",
    );
    expect(sayIn(said("connection.timeout", { system: sftp }), "fr")).toBe(
      "Le serveur SFTP n'a pas répondu à temps. Réessayez dans quelques minutes.",
    );
  });

  it("says counts with each language's plural; French with its separators, English as it always was", () => {
    const counts = { seen: 12345, changed: 1, unchanged: 12344, skipped: 0, failed: 0 };
    const finished = said("run.finished", counts);
    expect(finished.text).toBe("Finished: 12345 seen, 1 changed, 12344 unchanged, 0 skipped, 0 failed.");
    expect(sayIn(finished, "fr")).toBe(
      "Terminé : 12\u202f345 vus, 1 modifié, 12\u202f344 inchangés, 0 ignoré, 0 en échec.",
    );
  });

  it("shows the stored English for old rows, plain text, unknown keys and unreadable JSON", () => {
    expect(storedText("Old sentence.", null, "fr")).toBe("Old sentence.");
    expect(storedText("Newer sentence.", JSON.stringify({ k: "a.key.of.a.later.version", p: {} }), "fr")).toBe(
      "Newer sentence.",
    );
    expect(storedText("Broken.", "{not json", "fr")).toBe("Broken.");
    expect(wordsJson("Plain English.")).toBeNull();
    expect(textOf("Plain English.")).toBe("Plain English.");
    // A sentence inside one we know, said by a later version: that sentence in its stored English.
    const inner = JSON.stringify({
      k: "run.gaveUp",
      p: { message: { k: "unknown.key", p: {}, t: "Inner." }, attempts: 3 },
    });
    expect(storedText("Inner. (gave up after 3 attempts)", inner, "fr")).toBe("Inner. (abandon après 3 tentatives)");
    const plainInside = JSON.stringify({ k: "run.gaveUp", p: { message: "Plain inner.", attempts: 3 } });
    expect(storedText("Plain inner. (gave up after 3 attempts)", plainInside, "fr")).toBe(
      "Plain inner. (abandon après 3 tentatives)",
    );
  });

  it("reads back what it stored, sentence within sentence", () => {
    const message = said("run.gaveUp", { message: said("connection.timeout", { system: "Fastmag" }), attempts: 3 });
    const back = fromWordsJson(wordsJson(message), message.text);
    expect(back && sayIn(back, "fr")).toBe(
      "Fastmag n'a pas répondu à temps. Réessayez dans quelques minutes. (abandon après 3 tentatives)",
    );
    expect(back && sayIn(back, "en")).toBe(message.text);
  });

  it("says why a call failed inside the connector's sentence, each kind in both languages (stored and read back)", () => {
    const failed = (code: string) => new TypeError("fetch failed", { cause: Object.assign(new Error(code), { code }) });
    const cases: [unknown, { host?: string; timeoutMs?: number }, string, string][] = [
      [
        failed("ENOTFOUND"),
        { host: "crm.example" },
        "the address crm.example was not found (DNS)",
        "l'adresse crm.example est introuvable (DNS)",
      ],
      [failed("ECONNREFUSED"), {}, "the connection to the server was refused", "la connexion au serveur a été refusée"],
      [
        failed("ECONNRESET"),
        {},
        "the connection was cut before the answer was complete",
        "la connexion a été coupée avant la fin de la réponse",
      ],
      [
        new DOMException("t", "TimeoutError"),
        { timeoutMs: 2_500 },
        "no answer within 2.5 s",
        "pas de réponse en 2,5 s",
      ],
      [
        new DOMException("t", "TimeoutError"),
        {},
        "no answer in time (timeout)",
        "pas de réponse à temps (délai dépassé)",
      ],
      [
        failed("CERT_HAS_EXPIRED"),
        { host: "h.example" },
        "the secure connection (TLS) to h.example failed: its certificate was not accepted",
        "la connexion sécurisée (TLS) à h.example a échoué : son certificat n'a pas été accepté",
      ],
      [
        new Error("odd"),
        { host: "h.example" },
        "a network error reaching h.example",
        "une erreur réseau en joignant h.example",
      ],
    ];
    for (const [error, context, english, french] of cases) {
      expect(describeOutboundFailure(error, context)).toBe(english);
      const reason = outboundFailureSaid(error, context);
      expect(reason.text).toBe(english);
      const message = said("client.unreachableBecause", { system: "Square", reason });
      expect(message.text).toBe(`Square could not be reached: ${english}`);
      expect(storedText(message.text, wordsJson(message), "fr")).toBe(`Square est injoignable : ${french}`);
    }
  });

  it("says an address the app may not call in the form's language and keeps its words for a run", () => {
    const check = checkConnectorUrl("http://crm.example", { allowLocal: false }, "fr");
    expect(check).toMatchObject({ ok: false, problem: "L'adresse doit commencer par https://" });
    if (check.ok) return;
    expect(check.said.text).toBe("The address must start with https://");
    const message = said("client.addressUnusable", { system: "RetailCRM", problem: check.said });
    expect(message.text).toBe("The RetailCRM address cannot be used: The address must start with https://");
    expect(sayIn(message, "fr")).toBe(
      "L'adresse de RetailCRM ne peut pas être utilisée : L'adresse doit commencer par https://",
    );
  });

  it("checks a key's values at compile time", () => {
    // @ts-expect-error: run.gaveUp needs its attempts
    said("run.gaveUp", { message: "x" });
    // @ts-expect-error: no such key
    said("run.noSuchKey");
    expect(said("stock.unknownInShopify").text).toBe("No Shopify variant has this SKU.");
  });
});
