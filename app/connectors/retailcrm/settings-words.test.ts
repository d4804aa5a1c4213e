import { describe, expect, it } from "vitest";
import { validateRetailCrmSettings } from "./settings.server";

const production = { allowLocal: false };
const wrong = { accountUrl: "http://myshop.retailcrm.ru/path", apiKey: "", moduleCode: "no spaces", storeCode: "" };

describe("RetailCRM settings errors in the admin's language", () => {
  it("says every field error in French for locale fr", () => {
    expect(validateRetailCrmSettings(wrong, false, production, "fr")).toEqual({
      ok: false,
      fieldErrors: {
        accountUrl: "L'adresse doit commencer par https://",
        apiKey: "Saisissez la clé d'API (RetailCRM → Settings → Integration → API keys).",
        moduleCode: "Lettres, chiffres, - et _ seulement (50 au plus).",
      },
    });
  });

  it("keeps the English for locale en and by default", () => {
    const english = {
      ok: false,
      fieldErrors: {
        accountUrl: "The address must start with https://",
        apiKey: "Enter the API key (RetailCRM → Settings → Integration → API keys).",
        moduleCode: "Letters, digits, - and _ only (at most 50).",
      },
    };
    expect(validateRetailCrmSettings(wrong, false, production)).toEqual(english);
    expect(validateRetailCrmSettings(wrong, false, production, "en")).toEqual(english);
  });
});
