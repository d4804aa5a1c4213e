// A shop's SMTP settings: where its mails go out (host, port, TLS mode, login, from, reply-to). The
// password is encrypted at rest (AES-256-GCM) and write-only: screens and the API only learn whether
// one is set.
import { z } from "zod";
import { db } from "../db.server";
import { decryptSecret, encryptSecret } from "../lib/crypto.server";
import { ValidationError } from "../lib/errors";
import { fieldErrorsFromZod } from "../lib/field-errors";
import { defineWords } from "../i18n/define";
import type { Locale } from "../i18n/locale";

/** none: plain text; starttls: plain, upgraded by STARTTLS (port 587); implicit: TLS from the first byte (465). */
export type MailTlsMode = "none" | "starttls" | "implicit";

export interface MailSettings {
  host: string;
  port: number;
  tls: MailTlsMode;
  user?: string;
  from: string;
  replyTo?: string;
  /** A certificate (PEM) to trust besides the public ones: a server with its own certificate authority. */
  trustedCertificate?: string;
}

export interface MailSettingsView {
  settings: MailSettings | null;
  passwordSet: boolean;
}

/** What the Mail screen's SMTP form hears back, in the admin's language. */
export const MAIL_SETTINGS_WORDS = defineWords({
  en: {
    address: "Enter an e-mail address.",
    host: "Enter the SMTP server's name.",
    hostName: "A host name or address, without scheme or port.",
    port: "A port number.",
    portRange: "A port between 1 and 65535.",
    tls: "Choose none, starttls or implicit.",
    certificate: "A PEM certificate (-----BEGIN CERTIFICATE-----).",
    notSaved: "Some fields need fixing; nothing was saved.",
    notAMailSetting: "not a mail setting",
  },
  fr: {
    address: "Saisissez une adresse e-mail.",
    host: "Saisissez le nom du serveur SMTP.",
    hostName: "Un nom d'hôte ou une adresse, sans protocole ni port.",
    port: "Un numéro de port.",
    portRange: "Un port entre 1 et 65535.",
    tls: "Choisissez none, starttls ou implicit.",
    certificate: "Un certificat PEM (-----BEGIN CERTIFICATE-----).",
    notSaved: "Certains champs sont à corriger ; rien n'a été enregistré.",
    notAMailSetting: "pas un paramètre d'e-mail",
  },
});

/** The fields the screen and the JSON API may send (strict: a misspelt field is an error). */
export function mailSettingsFieldsIn(locale: Locale) {
  const words = MAIL_SETTINGS_WORDS[locale];
  const address = z
    .string()
    .trim()
    .max(320)
    .refine((v) => /^[^\s<>@]+@[^\s<>@]+$/.test(v.replace(/^.*<(.+)>\s*$/, "$1")), words.address);
  return z
    .object({
      host: z
        .string()
        .trim()
        .min(1, words.host)
        .max(253)
        .regex(/^[A-Za-z0-9.-]+$/, words.hostName),
      port: z.coerce
        .number({ invalid_type_error: words.port })
        .int(words.port)
        .min(1, words.portRange)
        .max(65535, words.portRange),
      tls: z.enum(["none", "starttls", "implicit"], { message: words.tls }),
      user: z.string().trim().max(320).optional(),
      password: z.string().max(1000).optional(),
      from: address,
      replyTo: z.union([z.literal(""), address]).optional(),
      trustedCertificate: z
        .string()
        .trim()
        .max(20_000)
        .refine((v) => v === "" || v.includes("-----BEGIN CERTIFICATE-----"), words.certificate)
        .optional(),
    })
    .strict();
}

export const mailSettingsFields = mailSettingsFieldsIn("en");

export async function loadMailSettings(shop: string): Promise<MailSettingsView> {
  const row = await db.mailSettings.findUnique({ where: { shop } });
  if (!row) return { settings: null, passwordSet: false };
  return { settings: JSON.parse(row.configJson) as MailSettings, passwordSet: !!readPassword(row.secretsCiphertext) };
}

/** Server-only: the settings with the decrypted password, for the transport. */
export async function loadMailTransportSettings(shop: string): Promise<(MailSettings & { password?: string }) | null> {
  const row = await db.mailSettings.findUnique({ where: { shop } });
  if (!row) return null;
  return { ...(JSON.parse(row.configJson) as MailSettings), password: readPassword(row.secretsCiphertext) };
}

/**
 * Validates settings as the screen or the API sent them, without saving: what Save would store, and
 * the password to use (an absent or empty one keeps the stored one; `clearPassword` removes it).
 */
export async function mailSettingsFromForm(
  shop: string,
  raw: Record<string, unknown>,
  options: { clearPassword?: boolean; locale?: Locale } = {},
): Promise<{ settings: MailSettings; password?: string }> {
  const locale = options.locale ?? "en";
  const parsed = mailSettingsFieldsIn(locale).safeParse(raw);
  if (!parsed.success)
    throw new ValidationError(
      MAIL_SETTINGS_WORDS[locale].notSaved,
      fieldErrorsFromZod(parsed.error, MAIL_SETTINGS_WORDS[locale].notAMailSetting),
    );
  const { password, ...fields } = parsed.data;
  const settings: MailSettings = {
    host: fields.host,
    port: fields.port,
    tls: fields.tls,
    user: fields.user || undefined,
    from: fields.from,
    replyTo: fields.replyTo || undefined,
    trustedCertificate: fields.trustedCertificate || undefined,
  };
  const existing = await db.mailSettings.findUnique({ where: { shop } });
  const kept = options.clearPassword ? undefined : readPassword(existing?.secretsCiphertext ?? null);
  return { settings, password: password ? password : kept };
}

/** Validates and saves the settings, all or nothing (see mailSettingsFromForm for the password). */
export async function saveMailSettings(
  shop: string,
  raw: Record<string, unknown>,
  options: { clearPassword?: boolean; locale?: Locale } = {},
): Promise<MailSettings> {
  const { settings, password: secret } = await mailSettingsFromForm(shop, raw, options);
  const data = {
    configJson: JSON.stringify(settings),
    secretsCiphertext: secret ? encryptSecret(JSON.stringify({ password: secret })) : null,
  };
  await db.mailSettings.upsert({ where: { shop }, create: { shop, ...data }, update: data });
  return settings;
}

function readPassword(ciphertext: string | null): string | undefined {
  return ciphertext ? (JSON.parse(decryptSecret(ciphertext)) as { password?: string }).password : undefined;
}
