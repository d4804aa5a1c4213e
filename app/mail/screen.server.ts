// Use-cases of the Mail screen and API: settings (password write-only), "Send test mail", the log of
// every mail sent or failed, template previews.
import type { MailLog } from "@passerelle/prisma-sqlite";
import { said, storedText } from "../i18n/stored-words";
import { recordAppEvent } from "../alerts/app-events.server";
import { db } from "../db.server";
import { defineWords } from "../i18n/define";
import type { Locale } from "../i18n/locale";
import { shopTimeZone } from "../shops/time-zone.server";
import { ValidationError } from "../lib/errors";
import type { Page, PageRequest } from "../lib/keyset.server";
import { mapPage, pageSize, timeKeysetPage } from "../lib/keyset.server";
import { LOCALE_NAMES, MAIL_LOCALES, mailLocale } from "./render";
import { previewMail, sendMail, type MailOutcome } from "./send.server";
import { loadMailSettings, mailSettingsFromForm, saveMailSettings, type MailSettingsView } from "./settings.server";
import { MAIL_TEMPLATES } from "./templates/index";
import { testMailTemplate } from "./templates/test-mail";

const WORDS = defineWords({
  en: { noAddress: "Enter the address the test mail goes to.", address: "Enter an e-mail address." },
  fr: {
    noAddress: "Saisissez l'adresse à laquelle envoyer l'e-mail de test.",
    address: "Saisissez une adresse e-mail.",
  },
});

export interface MailLogEntry {
  id: string;
  at: string;
  to: string;
  subject: string;
  template: string;
  locale: string;
  status: string;
  error: string | null;
  about: string | null;
}

export async function mailLog(
  shop: string,
  options: { about?: string; limit?: number } = {},
  locale: Locale = "en",
): Promise<MailLogEntry[]> {
  const rows = await db.mailLog.findMany({
    where: { shop, ...(options.about ? { about: options.about } : {}) },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: Math.min(Math.max(options.limit ?? 100, 1), 500),
  });
  return rows.map((r) => mailLogEntry(r, locale));
}

/** The Mail screen's log: the shop's mails newest first, a page at a time, with their total. */
export async function mailLogPage(
  shop: string,
  place: PageRequest = {},
  locale: Locale = "en",
): Promise<Page<MailLogEntry>> {
  const where = { shop };
  const page = await timeKeysetPage<MailLog>({
    column: "createdAt",
    order: "desc",
    request: place,
    limit: pageSize(place.limit, 50, 200),
    timeOf: (row) => row.createdAt,
    rows: ({ position, orderBy, take }) =>
      db.mailLog.findMany({ where: position ? { AND: [where, position] } : where, orderBy, take }),
    count: () => db.mailLog.count({ where }),
  });
  return mapPage(page, (r) => mailLogEntry(r, locale));
}

function mailLogEntry(r: MailLog, locale: Locale): MailLogEntry {
  return {
    id: r.id,
    at: r.createdAt.toISOString(),
    to: r.to,
    subject: r.subject,
    template: r.template,
    locale: r.locale,
    status: r.status,
    // Said again in the admin's language when stored with words (app/i18n/stored-words.ts).
    error: r.error === null ? null : storedText(r.error, r.errorWords, locale),
    about: r.about,
  };
}

export async function mailScreen(
  shop: string,
  preview: { template?: string | null; locale?: string | null },
  screenLocale: Locale = "en",
  place: PageRequest = {},
) {
  const [settings, log, timeZone] = await Promise.all([
    loadMailSettings(shop),
    mailLogPage(shop, place, screenLocale),
    shopTimeZone(shop),
  ]);
  const templateId =
    preview.template && MAIL_TEMPLATES.some((t) => t.id === preview.template)
      ? preview.template
      : MAIL_TEMPLATES[0]!.id;
  const locale = mailLocale(preview.locale);
  return {
    ...settings,
    timeZone,
    log,
    templates: MAIL_TEMPLATES.map((t) => ({ id: t.id, title: t.title })),
    locales: MAIL_LOCALES.map((l) => ({ id: l, name: LOCALE_NAMES[l] })),
    preview: { locale, ...previewMail(templateId, locale)! },
  };
}

export async function saveMailSettingsForm(
  shop: string,
  form: Record<string, unknown>,
  locale: Locale = "en",
): Promise<MailSettingsView> {
  const { clearPassword, ...fields } = form;
  await saveMailSettings(shop, fields, { clearPassword: clearPassword === true || clearPassword === "on", locale });
  await recordAppEvent(shop, { kind: "settings-changed", message: said("event.mailSettingsSaved"), link: "/app/mail" });
  return loadMailSettings(shop);
}

/**
 * Sends the test mail to `to` (the merchant's address). With `settings` (the SMTP form as typed), it
 * tests those, unsaved: checking a new password never overwrites a working one. Without, the saved ones.
 */
export async function sendTestMail(
  shop: string,
  to: unknown,
  locale?: unknown,
  screenLocale: Locale = "en",
  settings?: Record<string, unknown>,
): Promise<MailOutcome> {
  const address = typeof to === "string" ? to.trim() : "";
  const words = WORDS[screenLocale];
  if (!/^[^\s<>@]+@[^\s<>@]+$/.test(address)) throw new ValidationError(words.noAddress, { to: words.address });
  const typed = settings ? await mailSettingsFromForm(shop, settings, { locale: screenLocale }) : undefined;
  const shopRow = await db.shop.findUnique({ where: { domain: shop }, select: { name: true } });
  return sendMail(shop, {
    to: address,
    template: testMailTemplate,
    data: { shopName: shopRow?.name ?? shop },
    locale: mailLocale(locale),
    about: "test",
    transport: typed ? { ...typed.settings, password: typed.password } : undefined,
  });
}
