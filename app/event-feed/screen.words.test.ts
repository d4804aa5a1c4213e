// The event feed screens' server words: French for the French admin, the English unchanged.
import { describe, expect, it } from "vitest";
import { ValidationError } from "../lib/errors";
import { feedFormAction } from "./screen.server";

async function refusal(work: Promise<unknown>): Promise<ValidationError> {
  const error = await work.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ValidationError);
  return error as ValidationError;
}

const shop = "words.myshopify.com";

describe("the event feed forms in French and English", () => {
  it("refuses a header line in the admin's language", async () => {
    const form = { intent: "add", name: "ERP", url: "https://erp.example.gr/x", headers: "no colon" };
    const fr = await refusal(feedFormAction(shop, form, "fr"));
    expect(fr.message).toBe("Certains champs sont à corriger ; rien n'a été enregistré.");
    expect(fr.fieldErrors.headers).toBe("« no colon » n'est pas au format « Nom: valeur ».");
    const en = await refusal(feedFormAction(shop, form));
    expect(en.message).toBe("Some fields need fixing; nothing was saved.");
    expect(en.fieldErrors.headers).toBe(`"no colon" is not "Name: value".`);
  });

  it("translates the endpoint checks' words for the screen, the API's English untouched", async () => {
    const form = { intent: "add", name: "", url: "", headers: "" };
    const fr = await refusal(feedFormAction(shop, form, "fr"));
    expect(fr.fieldErrors).toMatchObject({
      name: "Donnez un nom au point de terminaison.",
      url: "Saisissez l'adresse que l'ERP vous a donnée.",
      topics: "Choisissez au moins un événement.",
    });
    const en = await refusal(feedFormAction(shop, form, "en"));
    expect(en.fieldErrors).toMatchObject({
      name: "Give the endpoint a name.",
      url: "Enter the address the ERP gave you.",
      topics: "Choose at least one event.",
    });
  });

  it("asks for a time range and names an unknown action in the admin's language", async () => {
    const range = { intent: "replay-range", from: "", to: "" };
    expect((await refusal(feedFormAction(shop, range, "fr"))).message).toBe(
      "Saisissez un début et une fin (date et heure).",
    );
    expect((await refusal(feedFormAction(shop, range))).message).toBe("Enter a start and an end (date and time).");
    expect(await feedFormAction(shop, { intent: "nope" }, "fr")).toMatchObject({ message: "Action inconnue." });
    expect(await feedFormAction(shop, { intent: "nope" })).toMatchObject({ message: "Unknown action." });
  });
});
