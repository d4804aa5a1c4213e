// The Mail screen's server words: the SMTP form's field errors and the job applications address, in
// French for a French admin and unchanged in English.
import { describe, expect, it } from "vitest";
import { fieldErrorsFromZod } from "../lib/field-errors";
import { ValidationError } from "../lib/errors";
import { saveJobApplicationRecipient } from "../job-applications/settings.server";
import { mailSettingsFields, mailSettingsFieldsIn } from "./settings.server";
import { sendTestMail } from "./screen.server";

const bad = { host: "", port: "0", tls: "ssl", from: "nobody", trustedCertificate: "x" };

function errorsOf(result: ReturnType<typeof mailSettingsFields.safeParse>) {
  expect(result.success).toBe(false);
  return fieldErrorsFromZod(result.error!, "not a mail setting");
}

describe("SMTP settings field errors", () => {
  it("stay as they were in English", () => {
    const english = {
      host: "Enter the SMTP server's name.",
      port: "A port between 1 and 65535.",
      tls: "Choose none, starttls or implicit.",
      from: "Enter an e-mail address.",
      trustedCertificate: "A PEM certificate (-----BEGIN CERTIFICATE-----).",
    };
    expect(errorsOf(mailSettingsFields.safeParse(bad))).toEqual(english);
    expect(errorsOf(mailSettingsFieldsIn("en").safeParse(bad))).toEqual(english);
  });

  it("are in French for a French admin", () => {
    expect(errorsOf(mailSettingsFieldsIn("fr").safeParse({ ...bad, host: "smtp://x", port: "x" }))).toEqual({
      host: "Un nom d'hôte ou une adresse, sans protocole ni port.",
      port: "Un numéro de port.",
      tls: "Choisissez none, starttls ou implicit.",
      from: "Saisissez une adresse e-mail.",
      trustedCertificate: "Un certificat PEM (-----BEGIN CERTIFICATE-----).",
    });
  });
});

describe("Other Mail screen refusals", () => {
  const refusal = (work: Promise<unknown>) =>
    work.then(
      () => {
        throw new Error("accepted");
      },
      (e: unknown) => {
        expect(e).toBeInstanceOf(ValidationError);
        return e as ValidationError;
      },
    );

  it("a test mail without an address", async () => {
    const en = await refusal(sendTestMail("shop.test", "nope"));
    expect([en.message, en.fieldErrors]).toEqual([
      "Enter the address the test mail goes to.",
      { to: "Enter an e-mail address." },
    ]);
    const fr = await refusal(sendTestMail("shop.test", "nope", "fr", "fr"));
    expect([fr.message, fr.fieldErrors]).toEqual([
      "Saisissez l'adresse à laquelle envoyer l'e-mail de test.",
      { to: "Saisissez une adresse e-mail." },
    ]);
  });

  it("a job applications address that is not one", async () => {
    const en = await refusal(saveJobApplicationRecipient("shop.test", "a, b"));
    expect([en.message, en.fieldErrors]).toEqual([
      "The address was not saved.",
      { jobApplicationsTo: "Enter one e-mail address, e.g. jobs@your-shop.com." },
    ]);
    const fr = await refusal(saveJobApplicationRecipient("shop.test", "a, b", "fr"));
    expect([fr.message, fr.fieldErrors]).toEqual([
      "L'adresse n'a pas été enregistrée.",
      { jobApplicationsTo: "Saisissez une seule adresse e-mail, par ex. emplois@votre-boutique.com." },
    ]);
  });
});
