// The Alerts screen's server words: the kinds of alert and the form's field errors, in French for a
// French admin and unchanged in English (the API's default).
import { describe, expect, it } from "vitest";
import type { Db } from "../db.server";
import { ValidationError } from "../lib/errors";
import { ALERT_KIND_LABELS, ALERT_SETTINGS_WORDS, saveAlertSettings } from "./settings.server";

// No settings saved yet: the form's values are checked before anything is written.
const db = { alertSettings: { findUnique: async () => null } } as unknown as Db;
const bad = {
  recipients: "gerant, x@y.fr",
  events: "run-failed, nope",
  digest: "weekly",
  quietMinutes: "-1",
  locale: "de",
};

async function refusal(screenLocale?: "en" | "fr", raw: unknown = bad) {
  const error = await saveAlertSettings("shop.test", raw, db, screenLocale).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(ValidationError);
  return error as ValidationError;
}

describe("alert settings field errors", () => {
  it("stay as they were in English", async () => {
    const error = await refusal();
    expect(error.message).toBe("Check the alert settings.");
    expect(error.fieldErrors).toEqual({
      recipients: '"gerant" is not an e-mail address.',
      events: '"nope" is not a kind of alert (run-failed, connector-down, delivery-dead, webhook-failed).',
      digest: "Choose immediate, hourly or daily.",
      quietMinutes: "Enter a number of minutes between 0 and 10080 (a week).",
      locale: "Choose fr, en or el.",
    });
    expect((await refusal("en", { colour: "red" })).message).toBe("Unknown field(s): colour.");
  });

  it("are in French for a French admin", async () => {
    const error = await refusal("fr");
    expect(error.message).toBe("Vérifiez les paramètres d'alerte.");
    expect(error.fieldErrors).toEqual({
      recipients: "« gerant » n'est pas une adresse e-mail.",
      events: "« nope » n'est pas un type d'alerte (run-failed, connector-down, delivery-dead, webhook-failed).",
      digest: "Choisissez immediate, hourly ou daily.",
      quietMinutes: "Saisissez un nombre de minutes entre 0 et 10080 (une semaine).",
      locale: "Choisissez fr, en ou el.",
    });
    const unknown = await refusal("fr", { colour: "red" });
    expect([unknown.message, unknown.fieldErrors]).toEqual([
      "Champ(s) inconnu(s) : colour.",
      { colour: "Pas un paramètre d'alerte." },
    ]);
  });

  it("name the kinds of alert in both languages", () => {
    expect(ALERT_SETTINGS_WORDS.en.kinds).toEqual(ALERT_KIND_LABELS);
    expect(ALERT_SETTINGS_WORDS.fr.kinds["run-failed"]).toBe("Une synchronisation a échoué");
  });
});
