// The mail a gift card's recipient gets: who it is from, their message, the code, the amount, and how
// to spend it online and in store.
import {
  escapeHtml,
  formatDay,
  formatMoney,
  htmlLayout,
  paragraphs,
  type MailLocale,
  type MailTemplate,
} from "../render";

export interface GiftCardMailData {
  shopName: string;
  /** Where to spend it online, e.g. https://maison-demo.example/ (optional). */
  shopUrl?: string;
  recipientName?: string;
  senderName?: string;
  message?: string;
  /** The code as the customer types it at checkout and shows in store. */
  code: string;
  amount: number;
  currency: string;
  expiresOn?: string;
}

interface Words {
  subject: (d: GiftCardMailData) => string;
  hello: (name?: string) => string;
  intro: (d: GiftCardMailData, amount: string) => string;
  messageFrom: (sender?: string) => string;
  codeLabel: string;
  amountLabel: string;
  expires: (day: string) => string;
  online: (shop: string) => string;
  inStore: string;
}

const WORDS: Record<MailLocale, Words> = {
  fr: {
    subject: (d) =>
      d.senderName ? `${d.senderName} vous offre une carte cadeau ${d.shopName}` : `Votre carte cadeau ${d.shopName}`,
    hello: (name) => (name ? `Bonjour ${name},` : "Bonjour,"),
    intro: (d, amount) =>
      d.senderName
        ? `${d.senderName} vous offre une carte cadeau de ${amount} à utiliser chez ${d.shopName}.`
        : `Voici votre carte cadeau de ${amount} à utiliser chez ${d.shopName}.`,
    messageFrom: (s) => (s ? `Le message de ${s} :` : "Son message :"),
    codeLabel: "Code de la carte",
    amountLabel: "Montant",
    expires: (day) => `Valable jusqu'au ${day}.`,
    online: (shop) => `En ligne : sur ${shop}, saisissez le code dans le champ « Carte cadeau » au moment de payer.`,
    inStore: "En boutique : présentez ce code (sur votre téléphone ou imprimé) en caisse.",
  },
  en: {
    subject: (d) =>
      d.senderName ? `${d.senderName} sent you a ${d.shopName} gift card` : `Your ${d.shopName} gift card`,
    hello: (name) => (name ? `Hello ${name},` : "Hello,"),
    intro: (d, amount) =>
      d.senderName
        ? `${d.senderName} is giving you a gift card of ${amount} to spend at ${d.shopName}.`
        : `Here is your gift card of ${amount} to spend at ${d.shopName}.`,
    messageFrom: (s) => (s ? `${s}'s message:` : "Their message:"),
    codeLabel: "Gift card code",
    amountLabel: "Amount",
    expires: (day) => `Valid until ${day}.`,
    online: (shop) => `Online: at ${shop}, enter the code in the "Gift card" field when you pay.`,
    inStore: "In store: show this code (on your phone or printed) at the till.",
  },
  el: {
    subject: (d) =>
      d.senderName ? `${d.senderName} σας χαρίζει μια δωροκάρτα ${d.shopName}` : `Η δωροκάρτα σας ${d.shopName}`,
    hello: (name) => (name ? `Γεια σας ${name},` : "Γεια σας,"),
    intro: (d, amount) =>
      d.senderName
        ? `${d.senderName} σας χαρίζει μια δωροκάρτα αξίας ${amount} για αγορές στο ${d.shopName}.`
        : `Ορίστε η δωροκάρτα σας αξίας ${amount} για αγορές στο ${d.shopName}.`,
    messageFrom: (s) => (s ? `Το μήνυμα από ${s}:` : "Το μήνυμά του/της:"),
    codeLabel: "Κωδικός δωροκάρτας",
    amountLabel: "Ποσό",
    expires: (day) => `Ισχύει έως ${day}.`,
    online: (shop) => `Online: στο ${shop}, πληκτρολογήστε τον κωδικό στο πεδίο «Δωροκάρτα» κατά την πληρωμή.`,
    inStore: "Στο κατάστημα: δείξτε αυτόν τον κωδικό (στο κινητό ή τυπωμένο) στο ταμείο.",
  },
};

/** French puts a space before a colon. */
const colon = (locale: MailLocale) => (locale === "fr" ? "\u00a0:" : ":");

export const giftCardTemplate: MailTemplate<GiftCardMailData> = {
  id: "gift-card",
  title: "Gift card for its recipient",
  sample: {
    shopName: "Maison Démo",
    shopUrl: "https://maison-demo.example/",
    recipientName: "Ελένη Παπαδοπούλου",
    senderName: "Hélène",
    message: "Joyeux anniversaire !\nΧρόνια πολλά 🎉",
    code: "CADEAU0001",
    amount: 50,
    currency: "EUR",
    expiresOn: "2027-12-01",
  },
  render(d, locale) {
    const w = WORDS[locale];
    const amount = formatMoney(d.amount, d.currency, locale);
    const subject = w.subject(d);
    const where = d.shopUrl ?? d.shopName;
    const lines = [
      w.hello(d.recipientName),
      "",
      w.intro(d, amount),
      ...(d.message ? ["", w.messageFrom(d.senderName), d.message] : []),
      "",
      `${w.codeLabel}${colon(locale)} ${d.code}`,
      `${w.amountLabel}${colon(locale)} ${amount}`,
      ...(d.expiresOn ? [w.expires(formatDay(d.expiresOn, locale))] : []),
      "",
      w.online(where),
      w.inStore,
    ];
    const html = htmlLayout(
      locale,
      subject,
      [
        `<p>${escapeHtml(w.hello(d.recipientName))}</p>`,
        `<p>${escapeHtml(w.intro(d, amount))}</p>`,
        d.message
          ? `<p style="margin-bottom:4px">${escapeHtml(w.messageFrom(d.senderName))}</p>\n<blockquote style="margin:0 0 16px;padding:8px 16px;border-left:3px solid #8c9196;font-style:italic">${paragraphs(d.message)}</blockquote>`
          : "",
        `<div style="text-align:center;margin:24px 0;padding:16px;border:2px dashed #008060;border-radius:8px">`,
        `<div style="font-size:13px;color:#6d7175">${escapeHtml(w.codeLabel)}</div>`,
        `<div style="font-size:24px;font-weight:bold;letter-spacing:2px;font-family:monospace">${escapeHtml(d.code)}</div>`,
        `<div style="font-size:18px;margin-top:8px">${escapeHtml(w.amountLabel)}${colon(locale)} <strong>${escapeHtml(amount)}</strong></div>`,
        d.expiresOn
          ? `<div style="font-size:13px;color:#6d7175">${escapeHtml(w.expires(formatDay(d.expiresOn, locale)))}</div>`
          : "",
        `</div>`,
        `<p>${escapeHtml(w.online(where))}</p>`,
        `<p>${escapeHtml(w.inStore)}</p>`,
      ]
        .filter(Boolean)
        .join("\n"),
    );
    return { subject, html, text: `${lines.join("\n")}\n` };
  },
};
