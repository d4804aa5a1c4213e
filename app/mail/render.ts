// What every mail template shares: the locales we write in, HTML escaping, one plain layout, and money
// and dates in the reader's language. Templates (./templates/*.ts) build on these.
export const MAIL_LOCALES = ["fr", "en", "el"] as const;
export type MailLocale = (typeof MAIL_LOCALES)[number];

export const LOCALE_NAMES: Record<MailLocale, string> = { fr: "Français", en: "English", el: "Ελληνικά" };

export function mailLocale(value: unknown): MailLocale {
  const short = typeof value === "string" ? value.trim().slice(0, 2).toLowerCase() : "";
  return (MAIL_LOCALES as readonly string[]).includes(short) ? (short as MailLocale) : "fr";
}

export interface RenderedMail {
  subject: string;
  html: string;
  text: string;
}

export interface MailTemplate<Data> {
  id: string;
  /** What the merchant calls it on the Mail screen. */
  title: string;
  /** Data the preview shows. */
  sample: Data;
  render(data: Data, locale: MailLocale): RenderedMail;
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);
}

/** Text a person wrote (a giver's message): escaped, line breaks kept. */
export function paragraphs(text: string): string {
  return text
    .split(/\r?\n\s*\r?\n/)
    .map((p) => `<p>${escapeHtml(p).replace(/\r?\n/g, "<br>")}</p>`)
    .join("\n");
}

export function formatMoney(amount: number, currency: string, locale: MailLocale): string {
  try {
    return new Intl.NumberFormat(locale, { style: "currency", currency }).format(amount);
  } catch {
    return `${amount.toFixed(2)} ${currency}`;
  }
}

/** A YYYY-MM-DD day in the reader's words (no time zone shift: it is a calendar day). */
export function formatDay(day: string, locale: MailLocale): string {
  const date = new Date(`${day.slice(0, 10)}T12:00:00Z`);
  if (Number.isNaN(date.getTime())) return day;
  return new Intl.DateTimeFormat(locale, { dateStyle: "long", timeZone: "UTC" }).format(date);
}

/** A simple, inline-styled HTML document most mail clients show the same way. */
export function htmlLayout(locale: MailLocale, title: string, body: string): string {
  return `<!DOCTYPE html>
<html lang="${locale}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width"><title>${escapeHtml(title)}</title></head>
<body style="margin:0;padding:24px;background:#f6f6f7;font-family:Helvetica,Arial,sans-serif;color:#202223">
<div style="max-width:560px;margin:0 auto;background:#ffffff;border-radius:8px;padding:24px">
${body}
</div>
</body>
</html>
`;
}
