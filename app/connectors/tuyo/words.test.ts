// Settings → Tuyo and Tuyo → Orders answer in the admin's language: French for "fr", the English
// unchanged for "en" (and by default, for the API and every other caller).
import { describe, expect, it } from "vitest";
import type { Db } from "../../db.server";
import { ValidationError } from "../../lib/errors";
import { recordTuyoSale } from "./orders.server";
import { validateTuyoSettings, type TuyoSettingsInput } from "./settings.server";

const blank: TuyoSettingsInput = {
  apiUrl: "",
  mode: "production",
  productionKey: "",
  testingKey: "short",
  storeId: "x",
  branchId: "",
  userId: "0",
  preparationHours: "1000",
  freeShipping: false,
  fragile: false,
};
const noKeys = { production: false, testing: false };
const policy = { allowLocal: false };

describe("Tuyo settings field errors", () => {
  it("stay as they were in English", () => {
    const result = validateTuyoSettings(blank, noKeys, policy);
    expect(result).toEqual({
      ok: false,
      fieldErrors: {
        apiUrl: "Enter the Tuyo API address Tuyo gave you.",
        productionKey: "Enter the production API key (Tuyo gives one for production and one for testing).",
        testingKey: "This does not look like an API key.",
        storeId: "Enter the store id Tuyo gave you (a number).",
        branchId: "Enter the branch id Tuyo gave you (a number).",
        userId: "Enter the user id Tuyo gave you (a number).",
        preparationHours: "Enter hours between 0 and 720.",
      },
    });
    expect(validateTuyoSettings(blank, noKeys, policy, "en")).toEqual(result);
  });

  it("are in French for a French admin", () => {
    const result = validateTuyoSettings({ ...blank, mode: "testing", testingKey: "" }, noKeys, policy, "fr");
    expect(result).toEqual({
      ok: false,
      fieldErrors: {
        apiUrl: "Saisissez l'adresse de l'API Tuyo que Tuyo vous a donnée.",
        testingKey: "Saisissez la clé d'API de test (Tuyo en donne une pour la production et une pour les tests).",
        storeId: "Saisissez l'identifiant de boutique que Tuyo vous a donné (un nombre).",
        branchId: "Saisissez l'identifiant d'établissement que Tuyo vous a donné (un nombre).",
        userId: "Saisissez l'identifiant d'utilisateur que Tuyo vous a donné (un nombre).",
        preparationHours: "Saisissez un nombre d'heures entre 0 et 720.",
      },
    });
    expect(validateTuyoSettings({ ...blank, mode: "other" }, noKeys, policy, "fr")).toMatchObject({
      fieldErrors: { mode: "Choisissez production ou test." },
    });
  });
});

describe("Recording a Tuyo order: field errors", () => {
  // Nothing listed on Tuyo: every SKU is refused before the database is written.
  const db = { tuyoListing: { findMany: async () => [] } } as unknown as Db;
  const refusal = async (locale?: "en" | "fr") => {
    const error = await recordTuyoSale(
      db,
      "shop.test",
      { code: "bad code!", items: [{ sku: "ZAP", quantity: 0 }] },
      locale,
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    return error as ValidationError;
  };

  it("stay as they were in English", async () => {
    const error = await refusal();
    expect(error.message).toBe("This Tuyo order cannot be recorded.");
    expect(error.fieldErrors).toEqual({
      code: "The Tuyo order code (letters, digits, - and _).",
      "items[0].sku": '"ZAP" is not a SKU listed on Tuyo.',
      "items[0].quantity": "A whole number ≥ 1.",
    });
  });

  it("are in French for a French admin, the SKU quoted", async () => {
    const error = await refusal("fr");
    expect(error.message).toBe("Cette commande Tuyo ne peut pas être enregistrée.");
    expect(error.fieldErrors).toEqual({
      code: "Le code de la commande Tuyo (lettres, chiffres, - et _).",
      "items[0].sku": "« ZAP » n'est pas un SKU publié sur Tuyo.",
      "items[0].quantity": "Un nombre entier ≥ 1.",
    });
  });
});
