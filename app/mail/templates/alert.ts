// The mail an alert (or a digest of alerts) sends to the shop's alert recipients: what failed, when (in
// the shop's time zone), what the app said, and where to look.
import { escapeHtml, htmlLayout, type MailLocale, type MailTemplate } from "../render";

export type AlertMailKind = "run-failed" | "connector-down" | "delivery-dead" | "webhook-failed";

export interface AlertMailItem {
  kind: AlertMailKind;
  /** What it is about: a sync's title ("Stock (full)"), an event feed endpoint's name or a Shopify webhook ("Shopify webhook orders/create"). */
  subject: string;
  /** What the app said, as recorded (quoted in the mail). */
  detail: string;
  /** ISO time it happened. */
  at: string;
  /** Where to look, a full address. */
  url?: string;
}

export interface AlertMailData {
  shopName: string;
  timeZone: string;
  /** "immediate": one alert; "hourly" / "daily": a digest. */
  digest: "immediate" | "hourly" | "daily";
  alerts: AlertMailItem[];
}

interface Words {
  headline: (item: AlertMailItem) => string;
  subjectOne: (item: AlertMailItem, shop: string) => string;
  subjectDigest: (count: number, shop: string, digest: "hourly" | "daily") => string;
  intro: (shop: string) => string;
  introDigest: (count: number, shop: string, digest: "hourly" | "daily") => string;
  said: string;
  when: string;
  open: string;
  footer: string;
}

const WORDS: Record<MailLocale, Words> = {
  fr: {
    headline: (a) =>
      a.kind === "run-failed"
        ? `La synchronisation « ${a.subject} » a échoué`
        : a.kind === "connector-down"
          ? `« ${a.subject} » n'a pas pu joindre le système connecté`
          : a.kind === "webhook-failed"
            ? `« ${a.subject} » n'a pas pu être traité`
            : `Un événement n'a pas pu être livré à « ${a.subject} »`,
    subjectOne: (a, shop) => `[${shop}] ${WORDS.fr.headline(a)}`,
    subjectDigest: (n, shop, d) =>
      `[${shop}] ${n} alerte${n > 1 ? "s" : ""} ${d === "hourly" ? "de la dernière heure" : "du jour"}`,
    intro: (shop) => `Passerelle a remarqué un problème sur ${shop} :`,
    introDigest: (n, shop, d) =>
      `Passerelle a remarqué ${n} problème${n > 1 ? "s" : ""} sur ${shop} ${d === "hourly" ? "dans la dernière heure" : "aujourd'hui"} :`,
    said: "Message",
    when: "Quand",
    open: "Ouvrir dans Passerelle",
    footer:
      "Vous recevez ce message parce que votre adresse figure dans les alertes de Passerelle (Paramètres → Alertes).",
  },
  en: {
    headline: (a) =>
      a.kind === "run-failed"
        ? `The sync “${a.subject}” failed`
        : a.kind === "connector-down"
          ? `“${a.subject}” could not reach the connected system`
          : a.kind === "webhook-failed"
            ? `“${a.subject}” could not be processed`
            : `An event could not be delivered to “${a.subject}”`,
    subjectOne: (a, shop) => `[${shop}] ${WORDS.en.headline(a)}`,
    subjectDigest: (n, shop, d) =>
      `[${shop}] ${n} alert${n > 1 ? "s" : ""} ${d === "hourly" ? "in the last hour" : "today"}`,
    intro: (shop) => `Passerelle noticed a problem at ${shop}:`,
    introDigest: (n, shop, d) =>
      `Passerelle noticed ${n} problem${n > 1 ? "s" : ""} at ${shop} ${d === "hourly" ? "in the last hour" : "today"}:`,
    said: "Message",
    when: "When",
    open: "Open in Passerelle",
    footer: "You get this mail because your address is in Passerelle's alerts (Settings → Alerts).",
  },
  el: {
    headline: (a) =>
      a.kind === "run-failed"
        ? `Ο συγχρονισμός «${a.subject}» απέτυχε`
        : a.kind === "connector-down"
          ? `Το «${a.subject}» δεν μπόρεσε να συνδεθεί με το συνδεδεμένο σύστημα`
          : a.kind === "webhook-failed"
            ? `Δεν ήταν δυνατή η επεξεργασία: «${a.subject}»`
            : `Ένα συμβάν δεν παραδόθηκε στο «${a.subject}»`,
    subjectOne: (a, shop) => `[${shop}] ${WORDS.el.headline(a)}`,
    subjectDigest: (n, shop, d) =>
      `[${shop}] ${n} ειδοποίηση${n > 1 ? "εις" : ""} ${d === "hourly" ? "την τελευταία ώρα" : "σήμερα"}`,
    intro: (shop) => `Το Passerelle εντόπισε ένα πρόβλημα στο ${shop}:`,
    introDigest: (n, shop, d) =>
      `Το Passerelle εντόπισε ${n} προβλήματα στο ${shop} ${d === "hourly" ? "την τελευταία ώρα" : "σήμερα"}:`,
    said: "Μήνυμα",
    when: "Πότε",
    open: "Άνοιγμα στο Passerelle",
    footer:
      "Λαμβάνετε αυτό το μήνυμα επειδή η διεύθυνσή σας είναι στις ειδοποιήσεις του Passerelle (Ρυθμίσεις → Ειδοποιήσεις).",
  },
};

const colon = (locale: MailLocale) => (locale === "fr" ? "\u00a0:" : ":");

function formatWhen(iso: string, timeZone: string, locale: MailLocale): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  try {
    return new Intl.DateTimeFormat(locale, { dateStyle: "long", timeStyle: "short", timeZone }).format(date);
  } catch {
    return new Intl.DateTimeFormat(locale, { dateStyle: "long", timeStyle: "short", timeZone: "UTC" }).format(date);
  }
}

export const alertTemplate: MailTemplate<AlertMailData> = {
  id: "alert",
  title: "Alert for the shop's alert recipients",
  sample: {
    shopName: "Maison Démo",
    timeZone: "Europe/Paris",
    digest: "immediate",
    alerts: [
      {
        kind: "run-failed",
        subject: "Stock (full)",
        detail: "Fastmag refused the login: check the user and password in Settings → Fastmag.",
        at: "2026-12-01T09:30:00Z",
        url: "https://maison-demo.myshopify.com/admin/apps/passerelle/app/runs/example",
      },
    ],
  },
  render(d, locale) {
    const w = WORDS[locale];
    const one = d.digest === "immediate" || d.alerts.length === 1;
    const period = d.digest === "immediate" ? "hourly" : d.digest;
    const subject = one ? w.subjectOne(d.alerts[0]!, d.shopName) : w.subjectDigest(d.alerts.length, d.shopName, period);
    const intro = one ? w.intro(d.shopName) : w.introDigest(d.alerts.length, d.shopName, period);
    const text = [
      intro,
      "",
      ...d.alerts.flatMap((a) => [
        `• ${w.headline(a)}`,
        `  ${w.when}${colon(locale)} ${formatWhen(a.at, d.timeZone, locale)}`,
        `  ${w.said}${colon(locale)} "${a.detail}"`,
        ...(a.url ? [`  ${w.open}${colon(locale)} ${a.url}`] : []),
        "",
      ]),
      w.footer,
    ];
    const items = d.alerts
      .map(
        (
          a,
        ) => `<div style="margin:0 0 16px;padding:12px 16px;border-left:4px solid #d72c0d;background:#fff4f4;border-radius:4px">
<div style="font-weight:bold;font-size:16px">${escapeHtml(w.headline(a))}</div>
<div style="font-size:13px;color:#6d7175">${escapeHtml(w.when)}${colon(locale)} ${escapeHtml(formatWhen(a.at, d.timeZone, locale))}</div>
<div style="margin-top:8px">${escapeHtml(w.said)}${colon(locale)} <q>${escapeHtml(a.detail)}</q></div>
${a.url ? `<div style="margin-top:8px"><a href="${escapeHtml(a.url)}" style="color:#005bd3">${escapeHtml(w.open)}</a></div>` : ""}
</div>`,
      )
      .join("\n");
    const html = htmlLayout(
      locale,
      subject,
      [
        `<p>${escapeHtml(intro)}</p>`,
        items,
        `<p style="font-size:12px;color:#6d7175">${escapeHtml(w.footer)}</p>`,
      ].join("\n"),
    );
    return { subject, html, text: `${text.join("\n")}\n` };
  },
};
