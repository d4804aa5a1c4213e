import { describe, expect, it } from "vitest";
import { isIanaTimeZone, queryOverrideError, validateFastmagSettings } from "./settings-form.server";

const demo = { allowLocal: true };
const production = { allowLocal: false };

const valid = {
  host: "https://maboutique.fastmag.fr",
  enseigne: "MAISON",
  magasin: "WEB",
  compte: "passerelle",
  motpasse: "secret",
  stockA: "on",
  locationId: "gid://shopify/Location/12",
};

describe("Fastmag settings validation", () => {
  it("accepts only public https addresses outside the demo mode", () => {
    for (const host of [
      "http://127.0.0.1:4200",
      "https://127.0.0.1:4200",
      "https://localhost",
      "https://10.0.0.5/",
      "https://192.168.1.1",
      "https://169.254.169.254/latest/",
      "https://[::1]:8443",
      "https://[::ffff:127.0.0.1]/",
      "https://fastmag.internal",
      "https://2130706433/",
      "http://maboutique.fastmag.fr",
    ]) {
      const result = validateFastmagSettings({ ...valid, host }, { passwordSet: true, urlPolicy: production });
      expect(result, host).toMatchObject({ ok: false, fieldErrors: { host: expect.any(String) } });
    }
    expect(validateFastmagSettings(valid, { passwordSet: true, urlPolicy: production })).toMatchObject({
      ok: true,
      settings: { host: "https://maboutique.fastmag.fr/" },
    });
  });

  it("normalises the address and accepts plain http only in the demo mode", () => {
    const ok = validateFastmagSettings(valid, { passwordSet: false, urlPolicy: demo });
    expect(ok).toMatchObject({
      ok: true,
      password: "secret",
      settings: { host: "https://maboutique.fastmag.fr/", seasons: [], timeZone: "Europe/Paris" },
    });
    expect(
      validateFastmagSettings({ ...valid, host: "http://127.0.0.1:4200" }, { passwordSet: false, urlPolicy: demo }),
    ).toMatchObject({
      ok: true,
      settings: { host: "http://127.0.0.1:4200/" },
    });
    expect(
      validateFastmagSettings({ ...valid, host: "http://fastmag.fr" }, { passwordSet: false, urlPolicy: demo }),
    ).toMatchObject({
      ok: false,
      fieldErrors: { host: expect.stringContaining("https://") },
    });
    expect(
      validateFastmagSettings(
        { ...valid, host: "https://user:pw@fastmag.fr" },
        { passwordSet: false, urlPolicy: demo },
      ),
    ).toMatchObject({ ok: false, fieldErrors: { host: expect.any(String) } });
  });

  it("keeps the stored password when the field is empty, and requires one the first time", () => {
    expect(validateFastmagSettings({ ...valid, motpasse: "" }, { passwordSet: true, urlPolicy: demo })).toMatchObject({
      ok: true,
      password: undefined,
    });
    expect(validateFastmagSettings({ ...valid, motpasse: "" }, { passwordSet: false, urlPolicy: demo })).toMatchObject({
      ok: false,
      fieldErrors: { motpasse: expect.any(String) },
    });
  });

  it("reads seasons, the stock formula and the time zone", () => {
    const result = validateFastmagSettings(
      { ...valid, seasons: "E24, H24\nE24;E25", stockB: true, safetyMargin: "3", timeZone: "America/Martinique" },
      { passwordSet: true, urlPolicy: demo },
    );
    expect(result).toMatchObject({
      ok: true,
      settings: {
        seasons: ["E24", "H24", "E25"],
        stock: { includeA: true, includeB: true, safetyMargin: 3 },
        timeZone: "America/Martinique",
      },
    });
    expect(
      validateFastmagSettings({ ...valid, safetyMargin: "1.5" }, { passwordSet: true, urlPolicy: demo }),
    ).toMatchObject({
      ok: false,
      fieldErrors: { safetyMargin: expect.any(String) },
    });
    expect(isIanaTimeZone("Europe/Paris")).toBe(true);
    expect(isIanaTimeZone("CET")).toBe(false);
    expect(isIanaTimeZone("Europe/Atlantis")).toBe(false);
  });

  it("accepts a SELECT override using the default's placeholders only", () => {
    expect(queryOverrideError("productByGencod", "select * from articles where ean = :gencod")).toBeNull();
    expect(queryOverrideError("productByGencod", "SELECT * FROM articles WHERE ean = :ean")).toContain(":gencod");
    expect(queryOverrideError("products", "SELECT 1; DROP TABLE products")).toContain("one statement");
    expect(queryOverrideError("products", "UPDATE products SET price = 0")).toContain("SELECT");
    expect(queryOverrideError("nope", "SELECT 1")).toContain("not a Fastmag query");
    // A literal that looks like a placeholder is not one.
    expect(queryOverrideError("seasons", "SELECT season FROM products WHERE note <> ':x'")).toBeNull();
  });
});

describe("Fastmag settings errors in the admin's language", () => {
  const wrong = { ...valid, host: "", enseigne: "", stockA: "", stockB: "", seasons: "A|B", timeZone: "Mars" };

  it("says every field error in French for locale fr", () => {
    const result = validateFastmagSettings(wrong, { passwordSet: false, urlPolicy: production, locale: "fr" });
    expect(result).toEqual({
      ok: false,
      fieldErrors: {
        host: "Saisissez l'adresse de votre instance Fastmag.",
        enseigne: "Saisissez le champ enseigne.",
        seasons: "« A|B » n'est pas un code de saison.",
        timeZone: "Saisissez un fuseau horaire IANA, par ex. Europe/Paris.",
        stockA: "Incluez au moins un stock Fastmag dans le stock web.",
      },
    });
    expect(queryOverrideError("products", "DELETE FROM x", "fr")).toBe(
      "Une requête de remplacement doit être une instruction SELECT.",
    );
  });

  it("keeps the English for locale en and by default", () => {
    const english = {
      ok: false,
      fieldErrors: {
        host: "Enter the address of your Fastmag instance.",
        enseigne: "Enter the enseigne.",
        seasons: '"A|B" is not a season code.',
        timeZone: "Enter an IANA time zone, e.g. Europe/Paris.",
        stockA: "Include at least one Fastmag stock in the web stock.",
      },
    };
    expect(validateFastmagSettings(wrong, { passwordSet: false, urlPolicy: production })).toEqual(english);
    expect(validateFastmagSettings(wrong, { passwordSet: false, urlPolicy: production, locale: "en" })).toEqual(
      english,
    );
  });
});
