// A shop's SMTP settings: where its mails go out (host, port, TLS mode, login, from, reply-to). The
// password is encrypted at rest (AES-256-GCM) and write-only: screens and the API only learn whether
// one is set.
import { z } from "zod";
import { db } from "../db.server";
import { decryptSecret, encryptSecret } from "../lib/crypto.server";
import { ValidationError } from "../lib/errors";
import { fieldErrorsFromZod } from "../lib/field-errors";

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

const address = z
  .string()
  .trim()
  .max(320)
  .refine((v) => /^[^\s<>@]+@[^\s<>@]+$/.test(v.replace(/^.*<(.+)>\s*$/, "$1")), "Enter an e-mail address.");

/** The fields the screen and the JSON API may send (strict: a misspelt field is an error). */
export const mailSettingsFields = z
  .object({
    host: z
      .string()
      .trim()
      .min(1, "Enter the SMTP server's name.")
      .max(253)
      .regex(/^[A-Za-z0-9.-]+$/, "A host name or address, without scheme or port."),
    port: z.coerce
      .number({ invalid_type_error: "A port number." })
      .int("A port number.")
      .min(1, "A port between 1 and 65535.")
      .max(65535, "A port between 1 and 65535."),
    tls: z.enum(["none", "starttls", "implicit"], { message: "Choose none, starttls or implicit." }),
    user: z.string().trim().max(320).optional(),
    password: z.string().max(1000).optional(),
    from: address,
    replyTo: z.union([z.literal(""), address]).optional(),
    trustedCertificate: z
      .string()
      .trim()
      .max(20_000)
      .refine(
        (v) => v === "" || v.includes("-----BEGIN CERTIFICATE-----"),
        "A PEM certificate (-----BEGIN CERTIFICATE-----).",
      )
      .optional(),
  })
  .strict();

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
 * Validates and saves the settings, all or nothing. An absent or empty password keeps the stored one;
 * `clearPassword` removes it.
 */
export async function saveMailSettings(
  shop: string,
  raw: Record<string, unknown>,
  options: { clearPassword?: boolean } = {},
): Promise<MailSettings> {
  const parsed = mailSettingsFields.safeParse(raw);
  if (!parsed.success)
    throw new ValidationError(
      "Some fields need fixing; nothing was saved.",
      fieldErrorsFromZod(parsed.error, "not a mail setting"),
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
  const secret = password ? password : kept;
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
