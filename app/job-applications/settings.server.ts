// Where a shop's job applications are mailed (set on the Mail screen). No address: the storefront
// form answers that applications are not taken online yet.
import { db } from "../db.server";
import { defineWords } from "../i18n/define";
import type { Locale } from "../i18n/locale";
import { ValidationError } from "../lib/errors";

const WORDS = defineWords({
  en: { notSaved: "The address was not saved.", address: "Enter one e-mail address, e.g. jobs@your-shop.com." },
  fr: {
    notSaved: "L'adresse n'a pas été enregistrée.",
    address: "Saisissez une seule adresse e-mail, par ex. emplois@votre-boutique.com.",
  },
});

const ADDRESS = /^[^\s<>@,;]+@[^\s<>@,;]+\.[^\s<>@,;]+$/;

export async function jobApplicationRecipient(shop: string): Promise<string | null> {
  const row = await db.jobApplicationSettings.findUnique({ where: { shop } });
  return row?.recipient ?? null;
}

/** Saves the address (an empty one stops the form taking applications). */
export async function saveJobApplicationRecipient(
  shop: string,
  raw: unknown,
  locale: Locale = "en",
): Promise<string | null> {
  const recipient = typeof raw === "string" ? raw.trim() : "";
  if (!recipient) {
    await db.jobApplicationSettings.deleteMany({ where: { shop } });
    return null;
  }
  if (recipient.length > 320 || !ADDRESS.test(recipient))
    throw new ValidationError(WORDS[locale].notSaved, { jobApplicationsTo: WORDS[locale].address });
  await db.jobApplicationSettings.upsert({ where: { shop }, create: { shop, recipient }, update: { recipient } });
  return recipient;
}
