import { describe, expect, it } from "vitest";
import { isIanaTimeZone, queryOverrideError, validateFastmagSettings } from "./settings-form.server";

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
  it("normalises the address and accepts plain http only for this machine", () => {
    const ok = validateFastmagSettings(valid, { passwordSet: false });
    expect(ok).toMatchObject({
      ok: true,
      password: "secret",
      settings: { host: "https://maboutique.fastmag.fr/", seasons: [], timeZone: "Europe/Paris" },
    });
    expect(validateFastmagSettings({ ...valid, host: "http://127.0.0.1:4200" }, { passwordSet: false })).toMatchObject({
      ok: true,
      settings: { host: "http://127.0.0.1:4200/" },
    });
    expect(validateFastmagSettings({ ...valid, host: "http://fastmag.fr" }, { passwordSet: false })).toMatchObject({
      ok: false,
      fieldErrors: { host: expect.stringContaining("https://") },
    });
    expect(
      validateFastmagSettings({ ...valid, host: "https://user:pw@fastmag.fr" }, { passwordSet: false }),
    ).toMatchObject({ ok: false, fieldErrors: { host: expect.any(String) } });
  });

  it("keeps the stored password when the field is empty, and requires one the first time", () => {
    expect(validateFastmagSettings({ ...valid, motpasse: "" }, { passwordSet: true })).toMatchObject({
      ok: true,
      password: undefined,
    });
    expect(validateFastmagSettings({ ...valid, motpasse: "" }, { passwordSet: false })).toMatchObject({
      ok: false,
      fieldErrors: { motpasse: expect.any(String) },
    });
  });

  it("reads seasons, the stock formula and the time zone", () => {
    const result = validateFastmagSettings(
      { ...valid, seasons: "E24, H24\nE24;E25", stockB: true, safetyMargin: "3", timeZone: "America/Martinique" },
      { passwordSet: true },
    );
    expect(result).toMatchObject({
      ok: true,
      settings: {
        seasons: ["E24", "H24", "E25"],
        stock: { includeA: true, includeB: true, safetyMargin: 3 },
        timeZone: "America/Martinique",
      },
    });
    expect(validateFastmagSettings({ ...valid, safetyMargin: "1.5" }, { passwordSet: true })).toMatchObject({
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
