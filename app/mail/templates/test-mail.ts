// "Send test mail" on the Mail screen: proves the SMTP settings work, in the merchant's language.
import { escapeHtml, htmlLayout, type MailTemplate } from "../render";

export interface TestMailData {
  shopName: string;
}

const WORDS = {
  fr: {
    subject: (shop: string) => `Test d'envoi — ${shop}`,
    body: "Ce message confirme que les réglages SMTP de votre boutique fonctionnent : les e-mails partiront bien.",
  },
  en: {
    subject: (shop: string) => `Test mail — ${shop}`,
    body: "This message confirms your shop's SMTP settings work: mails will go out.",
  },
  el: {
    subject: (shop: string) => `Δοκιμαστικό μήνυμα — ${shop}`,
    body: "Αυτό το μήνυμα επιβεβαιώνει ότι οι ρυθμίσεις SMTP του καταστήματός σας λειτουργούν: τα e-mail θα αποστέλλονται.",
  },
};

export const testMailTemplate: MailTemplate<TestMailData> = {
  id: "test-mail",
  title: "Test mail",
  sample: { shopName: "Maison Démo" },
  render(data, locale) {
    const words = WORDS[locale];
    const subject = words.subject(data.shopName);
    return {
      subject,
      html: htmlLayout(
        locale,
        subject,
        `<h1 style="font-size:20px">${escapeHtml(subject)}</h1>\n<p>${escapeHtml(words.body)}</p>`,
      ),
      text: `${subject}\n\n${words.body}\n`,
    };
  },
};
