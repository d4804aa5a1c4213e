import { describe, expect, it } from "vitest";
import { formatters } from "./define";
import { localeOfRequest, toLocale } from "./locale";

const request = (url: string, headers: Record<string, string> = {}) => new Request(url, { headers });

describe("the admin's language", () => {
  it("reads Shopify's locale parameter, in any of its spellings", () => {
    expect(toLocale("fr")).toBe("fr");
    expect(toLocale("fr-FR")).toBe("fr");
    expect(toLocale("FR_ca")).toBe("fr");
    expect(toLocale("en-US")).toBe("en");
    expect(toLocale("de")).toBeNull();
    expect(toLocale(undefined)).toBeNull();
  });

  it("takes the URL's locale first and remembers it in a cookie fit for the admin's iframe", () => {
    const https = localeOfRequest(request("https://app.example/app?locale=fr-FR", { cookie: "passerelle_locale=en" }));
    expect(https.locale).toBe("fr");
    expect(https.setCookie).toMatch(/^passerelle_locale=fr; Path=\/;.*SameSite=None; Secure; Partitioned/);
    expect(localeOfRequest(request("http://127.0.0.1:3000/app?locale=en")).setCookie).toMatch(/SameSite=Lax/);
  });

  it("then the cookie, then the browser's languages by weight, then English", () => {
    expect(localeOfRequest(request("https://a/app", { cookie: "x=1; passerelle_locale=fr" }))).toEqual({
      locale: "fr",
    });
    expect(localeOfRequest(request("https://a/app", { "accept-language": "de-DE, en;q=0.5, fr;q=0.8" })).locale).toBe(
      "fr",
    );
    expect(localeOfRequest(request("https://a/app", { "accept-language": "de, es;q=0.9" })).locale).toBe("en");
    expect(localeOfRequest(request("https://a/app?locale=xx")).locale).toBe("en");
  });

  it("formats dates and numbers in the admin's language and the shop's time zone", () => {
    const at = "2026-12-01T17:05:00Z";
    expect(formatters("fr").dateTime(at, "Europe/Paris")).toBe("1 déc. 2026, 18:05");
    expect(formatters("en").dateTime(at, "America/New_York")).toBe("1 Dec 2026, 12:05");
    // Each zone and style its own, whatever was formatted before.
    expect(formatters("en").dateTime(at, "Asia/Tokyo")).toBe("2 Dec 2026, 02:05");
    expect(formatters("en").date(at, "Asia/Tokyo")).toBe("2 Dec 2026");
    expect(formatters("fr").date(at, "America/New_York")).toBe("1 déc. 2026");
    expect(formatters("fr").number(12345.5)).toBe("12\u202f345,5");
    expect(formatters("en").number(12345.5)).toBe("12,345.5");
    expect(formatters("fr").percent(0.4)).toBe("40\u00a0%");
  });
});
