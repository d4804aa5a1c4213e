// The POS account form's server words: French for the French admin, the English unchanged.
import { describe, expect, it } from "vitest";
import { ValidationError } from "../lib/errors";
import { posSystemChoices, savePosAccount, testPosAccountForm } from "./accounts.server";

async function refusal(work: Promise<unknown>): Promise<ValidationError> {
  const error = await work.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ValidationError);
  return error as ValidationError;
}

describe("the POS account form in French and English", () => {
  it("labels the systems' fields in the admin's language", () => {
    const square = (locale?: "en" | "fr") => posSystemChoices(locale).find((s) => s.id === "square")!;
    expect(square().settingFields.map((f) => f.label)).toEqual(["API address", "Locations kept in step"]);
    expect(square("en").secrets.map((f) => f.label)).toEqual(["Access token", "Webhook signature key"]);
    expect(square("fr").settingFields.map((f) => f.label)).toEqual(["Adresse de l'API", "Emplacements synchronisés"]);
    expect(square("fr").secrets.map((f) => f.label)).toEqual(["Jeton d'accès", "Clé de signature des webhooks"]);
    expect(square("fr").settingFields[1]!.helpText).toBe(
      "Identifiants d'emplacements Square, un par ligne ; vide pour tous les emplacements",
    );
    // Every field of every system has its French.
    for (const system of posSystemChoices("fr")) {
      const english = posSystemChoices("en").find((s) => s.id === system.id)!;
      system.settingFields.forEach((f, i) => {
        expect(f.label).not.toBe(english.settingFields[i]!.label);
        if (f.helpText) expect(f.helpText).not.toBe(english.settingFields[i]!.helpText);
      });
      system.secrets.forEach((f, i) => expect(f.label).not.toBe(english.secrets[i]!.label));
    }
  });

  it("says what the form lacks in French, and in English as before", async () => {
    const input = { system: "square", name: "", settings: {}, secrets: {} };
    const fr = await refusal(savePosAccount("fr.myshopify.com", input, undefined, undefined, "fr"));
    expect(fr.message).toBe("Certains champs sont à vérifier.");
    expect(fr.fieldErrors.name).toBe("Donnez un nom au compte, par exemple la ville de la boutique");
    const en = await refusal(savePosAccount("en.myshopify.com", input));
    expect(en.message).toBe("Some fields need a look.");
    expect(en.fieldErrors.name).toBe("Give the account a name, e.g. the shop's town");

    const named = { ...input, name: "Lyon" };
    const frSecret = await refusal(testPosAccountForm("fr.myshopify.com", named, undefined, undefined, "fr"));
    expect(frSecret.fieldErrors["secrets.accessToken"]).toBe("Saisissez : Jeton d'accès");
    const enSecret = await refusal(testPosAccountForm("en.myshopify.com", named));
    expect(enSecret.fieldErrors["secrets.accessToken"]).toBe("Enter the access token");
  });
});

describe("what the systems said, in French", () => {
  it("translates the quota notes it knows, leaves the English and the unknown as said", async () => {
    const { posWordsIn } = await import("./accounts.server");
    const cases: [string, string][] = [
      ["Slowing down: 85% of today's requests used.", "Ralentissement : 85\u00a0% des requêtes du jour utilisées."],
    ];
    for (const [english, french] of cases) {
      expect(posWordsIn(english, "fr")).toBe(french);
      expect(posWordsIn(english, "en")).toBe(english);
    }
    expect(posWordsIn("Square answered 401: UNAUTHORIZED", "fr")).toBe("Square answered 401: UNAUTHORIZED");
  });
});
