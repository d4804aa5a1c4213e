// The shop's alert settings: who gets mails, the webhook (URL and its signing secret), which kinds of
// alert, immediate or a digest, and the quiet period. The screen and GET|PUT /api/alerts/settings.
// The signing secret is write-only, as the event feed's: the answer that makes it carries it once,
// every other view says only whether one is set.
import { randomBytes } from "node:crypto";
import type { Alert } from "@passerelle/prisma-sqlite";
import { z } from "zod";
import type { Db } from "../db.server";
import { db as defaultDb } from "../db.server";
import { checkEndpointUrl } from "../event-feed/endpoints.server";
import { defineWords } from "../i18n/define";
import type { Locale } from "../i18n/locale";
import { said, storedText } from "../i18n/stored-words";
import { decryptSecret, encryptSecret } from "../lib/crypto.server";
import type { PageRequest } from "../lib/keyset.server";
import { mapPage, pageSize, timeKeysetPage } from "../lib/keyset.server";
import { ValidationError } from "../lib/errors";
import { recordAppEvent } from "./app-events.server";

export const ALERT_KINDS = ["run-failed", "connector-down", "delivery-dead", "webhook-failed"] as const;
export type AlertKind = (typeof ALERT_KINDS)[number];
export const ALERT_KIND_LABELS: Record<AlertKind, string> = {
  "run-failed": "A sync run failed",
  "connector-down": "A connected system does not answer",
  "delivery-dead": "An event feed delivery was given up",
  "webhook-failed": "A Shopify webhook could not be processed",
};
/** The Alerts screen's words for the kinds and the form's field errors, in the admin's language. */
export const ALERT_SETTINGS_WORDS = defineWords({
  en: {
    kinds: ALERT_KIND_LABELS,
    unknownFields: (fields: string) => `Unknown field(s): ${fields}.`,
    check: "Check the alert settings.",
    notASetting: "Not an alert setting.",
    notAnAddress: (address: string) => `"${address}" is not an e-mail address.`,
    tooMany: "At most 20 addresses.",
    notAKind: (kind: string, kinds: string) => `"${kind}" is not a kind of alert (${kinds}).`,
    digest: "Choose immediate, hourly or daily.",
    quietMinutes: "Enter a number of minutes between 0 and 10080 (a week).",
    locale: "Choose fr, en or el.",
  },
  fr: {
    kinds: {
      "run-failed": "Une synchronisation a échoué",
      "connector-down": "Un système connecté ne répond pas",
      "delivery-dead": "Une livraison du flux d'événements a été abandonnée",
      "webhook-failed": "Un webhook Shopify n'a pas pu être traité",
    },
    unknownFields: (fields: string) => `Champ(s) inconnu(s) : ${fields}.`,
    check: "Vérifiez les paramètres d'alerte.",
    notASetting: "Pas un paramètre d'alerte.",
    notAnAddress: (address: string) => `« ${address} » n'est pas une adresse e-mail.`,
    tooMany: "20 adresses au plus.",
    notAKind: (kind: string, kinds: string) => `« ${kind} » n'est pas un type d'alerte (${kinds}).`,
    digest: "Choisissez immediate, hourly ou daily.",
    quietMinutes: "Saisissez un nombre de minutes entre 0 et 10080 (une semaine).",
    locale: "Choisissez fr, en ou el.",
  },
});

export const DIGESTS = ["immediate", "hourly", "daily"] as const;
export type Digest = (typeof DIGESTS)[number];
export const ALERT_LOCALES = ["fr", "en", "el"] as const;

export interface AlertSettingsView {
  recipients: string[];
  webhookUrl: string | null;
  /** Whether the webhook has a signing secret (never the secret itself). */
  webhookSecretSet: boolean;
  events: AlertKind[];
  digest: Digest;
  quietMinutes: number;
  locale: (typeof ALERT_LOCALES)[number];
}

export const DEFAULT_ALERT_SETTINGS: AlertSettingsView = {
  recipients: [],
  webhookUrl: null,
  webhookSecretSet: false,
  events: [...ALERT_KINDS],
  digest: "immediate",
  quietMinutes: 60,
  locale: "fr",
};

const EMAIL = /^[^\s<>@,]+@[^\s<>@,]+\.[^\s<>@,]+$/;

const fields = z
  .object({
    recipients: z.union([z.string(), z.array(z.string())]).optional(),
    webhookUrl: z.string().nullable().optional(),
    events: z.union([z.string(), z.array(z.string())]).optional(),
    digest: z.string().optional(),
    quietMinutes: z.union([z.string(), z.number()]).optional(),
    locale: z.string().optional(),
    rotateWebhookSecret: z.union([z.boolean(), z.string()]).optional(),
  })
  .strict();

function list(value: string | string[] | undefined): string[] {
  const items = Array.isArray(value) ? value : (value ?? "").split(/[,;\n]/);
  return items.map((s) => s.trim()).filter(Boolean);
}

export async function loadAlertSettings(shop: string, db: Db = defaultDb): Promise<AlertSettingsView> {
  const row = await db.alertSettings.findUnique({ where: { shop } });
  if (!row) return { ...DEFAULT_ALERT_SETTINGS, events: [...ALERT_KINDS] };
  return {
    recipients: list(row.recipients),
    webhookUrl: row.webhookUrl,
    webhookSecretSet: row.webhookSecretCiphertext !== null,
    events: (JSON.parse(row.eventsJson) as string[]).filter((k): k is AlertKind =>
      (ALERT_KINDS as readonly string[]).includes(k),
    ),
    digest: (DIGESTS as readonly string[]).includes(row.digest) ? (row.digest as Digest) : "immediate",
    quietMinutes: row.quietMinutes,
    locale: (ALERT_LOCALES as readonly string[]).includes(row.locale)
      ? (row.locale as AlertSettingsView["locale"])
      : "fr",
  };
}

/** Where alerts are POSTed and the key their HMAC-SHA256 signature is made with: for the sender only. */
export async function loadAlertWebhook(
  shop: string,
  db: Db = defaultDb,
): Promise<{ url: string; secret: string } | null> {
  const row = await db.alertSettings.findUnique({
    where: { shop },
    select: { webhookUrl: true, webhookSecretCiphertext: true },
  });
  if (!row?.webhookUrl || !row.webhookSecretCiphertext) return null;
  return { url: row.webhookUrl, secret: decryptSecret(row.webhookSecretCiphertext) };
}

/** The settings saved, and the webhook's signing secret when this save made one (shown this once). */
export type SavedAlertSettings = AlertSettingsView & { webhookSecret?: string };

/** Checks and saves what the form or the API sent (fields not sent keep their value); 422 naming each field. */
export async function saveAlertSettings(
  shop: string,
  raw: unknown,
  db: Db = defaultDb,
  screenLocale: Locale = "en",
): Promise<SavedAlertSettings> {
  // screenLocale: the admin's language, for the errors; `locale` below is the language of the mails.
  const words = ALERT_SETTINGS_WORDS[screenLocale];
  const parsed = fields.safeParse(raw);
  if (!parsed.success) {
    const unknown = parsed.error.issues.flatMap((i) => (i.code === "unrecognized_keys" ? i.keys : []));
    throw new ValidationError(
      unknown.length ? words.unknownFields(unknown.join(", ")) : words.check,
      Object.fromEntries(unknown.map((k) => [k, words.notASetting])),
    );
  }
  const input = parsed.data;
  const current = await loadAlertSettings(shop, db);
  const errors: Record<string, string> = {};

  const recipients = input.recipients === undefined ? current.recipients : list(input.recipients);
  const badRecipient = recipients.find((r) => !EMAIL.test(r));
  if (badRecipient) errors.recipients = words.notAnAddress(badRecipient);
  if (recipients.length > 20) errors.recipients = words.tooMany;

  const webhookUrl =
    input.webhookUrl === undefined ? current.webhookUrl : input.webhookUrl?.trim() ? input.webhookUrl.trim() : null;
  if (webhookUrl) {
    const problem = checkEndpointUrl(webhookUrl);
    if (problem) errors.webhookUrl = problem;
  }

  const events = input.events === undefined ? current.events : list(input.events);
  const badEvent = events.find((e) => !(ALERT_KINDS as readonly string[]).includes(e));
  if (badEvent) errors.events = words.notAKind(badEvent, ALERT_KINDS.join(", "));

  const digest = input.digest ?? current.digest;
  if (!(DIGESTS as readonly string[]).includes(digest)) errors.digest = words.digest;

  const quiet = input.quietMinutes === undefined ? current.quietMinutes : Number(input.quietMinutes);
  if (!Number.isInteger(quiet) || quiet < 0 || quiet > 10_080) errors.quietMinutes = words.quietMinutes;

  const locale = input.locale ?? current.locale;
  if (!(ALERT_LOCALES as readonly string[]).includes(locale)) errors.locale = words.locale;

  if (Object.keys(errors).length) throw new ValidationError(words.check, errors);

  const rotate = input.rotateWebhookSecret === true || input.rotateWebhookSecret === "on";
  const stored = (await db.alertSettings.findUnique({ where: { shop }, select: { webhookSecretCiphertext: true } }))
    ?.webhookSecretCiphertext;
  // A webhook keeps its secret unless asked for a new one; a secret made now is answered once.
  const made = webhookUrl && (rotate || !stored) ? newSecret() : undefined;
  const data = {
    recipients: recipients.join(", "),
    webhookUrl,
    webhookSecretCiphertext: !webhookUrl ? null : made ? encryptSecret(made) : stored!,
    eventsJson: JSON.stringify([...new Set(events)]),
    digest,
    quietMinutes: quiet,
    locale,
  };
  await db.alertSettings.upsert({ where: { shop }, create: { shop, ...data }, update: data });
  await recordAppEvent(
    shop,
    {
      kind: "settings-changed",
      message: said("event.alertSettingsSaved", {
        recipients: recipients.length,
        webhook: webhookUrl ? 1 : 0,
        digest,
        quiet,
      }),
      link: "/app/alerts",
    },
    db,
  );
  const saved = await loadAlertSettings(shop, db);
  return made ? { ...saved, webhookSecret: made } : saved;
}

function newSecret(): string {
  return `whsec_${randomBytes(24).toString("base64url")}`;
}

export interface AlertView {
  id: string;
  kind: AlertKind;
  title: string;
  detail: string;
  link: string | null;
  status: string;
  error: string | null;
  createdAt: Date;
  sentAt: Date | null;
}

/** The Alerts screen: the settings, the choices, the shop's alerts newest first, a page at a time. */
export async function alertsScreen(shop: string, db: Db = defaultDb, locale: Locale = "en", place: PageRequest = {}) {
  const [settings, recent, shopRow] = await Promise.all([
    loadAlertSettings(shop, db),
    timeKeysetPage<Alert>({
      column: "createdAt",
      order: "desc",
      request: place,
      limit: pageSize(place.limit, 20, 100),
      timeOf: (a) => a.createdAt,
      rows: ({ position, orderBy, take }) =>
        db.alert.findMany({ where: position ? { AND: [{ shop }, position] } : { shop }, orderBy, take }),
      count: () => db.alert.count({ where: { shop } }),
    }),
    db.shop.findUnique({ where: { domain: shop }, select: { ianaTimezone: true } }),
  ]);
  return {
    settings,
    timeZone: shopRow?.ianaTimezone ?? "UTC",
    kinds: ALERT_KINDS.map((id) => ({ id, label: ALERT_SETTINGS_WORDS[locale].kinds[id] })),
    recent: mapPage(recent, (a): AlertView => ({
      id: a.id,
      kind: a.kind as AlertKind,
      // Said again in the admin's language when stored with words (app/i18n/stored-words.ts).
      title: storedText(a.title, a.titleWords, locale),
      detail: storedText(a.detail, a.detailWords, locale),
      link: a.link,
      status: a.status,
      error: a.error === null ? null : storedText(a.error, a.errorWords, locale),
      createdAt: a.createdAt,
      sentAt: a.sentAt,
    })),
  };
}
