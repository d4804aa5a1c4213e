// A job application sent from the storefront's form, to the address set on the Mail screen. The
// applicant's files come as attachments; the subject names only the position (the mail log keeps it).
import { escapeHtml, htmlLayout, paragraphs, type MailTemplate } from "../render";

export interface JobApplicationMailData {
  name: string;
  email: string;
  phone: string | null;
  position: string;
  message: string | null;
  files: string[];
  receivedAt: string;
}

const WORDS = {
  fr: {
    subject: (position: string) => `Candidature : ${position}`,
    intro: "Une candidature a été envoyée depuis le formulaire de la boutique.",
    name: "Nom",
    email: "E-mail",
    phone: "Téléphone",
    position: "Poste",
    message: "Message",
    files: "Pièces jointes",
    none: "aucune",
    reply: "Répondez à ce message pour écrire au candidat.",
  },
  en: {
    subject: (position: string) => `Job application: ${position}`,
    intro: "An application was sent from the shop's form.",
    name: "Name",
    email: "E-mail",
    phone: "Phone",
    position: "Position",
    message: "Message",
    files: "Attachments",
    none: "none",
    reply: "Reply to this message to write to the applicant.",
  },
  el: {
    subject: (position: string) => `Αίτηση εργασίας: ${position}`,
    intro: "Μια αίτηση στάλθηκε από τη φόρμα του καταστήματος.",
    name: "Όνομα",
    email: "E-mail",
    phone: "Τηλέφωνο",
    position: "Θέση",
    message: "Μήνυμα",
    files: "Συνημμένα",
    none: "κανένα",
    reply: "Απαντήστε σε αυτό το μήνυμα για να γράψετε στον υποψήφιο.",
  },
};

export const jobApplicationTemplate: MailTemplate<JobApplicationMailData> = {
  id: "job-application",
  title: "Job application",
  sample: {
    name: "Camille Martin",
    email: "camille@example.test",
    phone: "+33 6 12 34 56 78",
    position: "Vendeuse — boutique de Lyon",
    message: "Bonjour,\n\nJe vous propose ma candidature pour le poste de vendeuse.",
    files: ["cv-camille-martin.pdf"],
    receivedAt: "2026-12-01T10:00:00Z",
  },
  render(data, locale) {
    const w = WORDS[locale];
    const subject = w.subject(data.position);
    const rows: [string, string][] = [
      [w.name, data.name],
      [w.email, data.email],
      [w.phone, data.phone ?? "—"],
      [w.position, data.position],
      [w.files, data.files.length ? data.files.join(", ") : w.none],
    ];
    const table = rows
      .map(
        ([label, value]) =>
          `<tr><th style="text-align:left;padding:4px 12px 4px 0">${escapeHtml(label)}</th><td>${escapeHtml(value)}</td></tr>`,
      )
      .join("\n");
    const html = [
      `<h1 style="font-size:20px">${escapeHtml(subject)}</h1>`,
      `<p>${escapeHtml(w.intro)}</p>`,
      `<table>${table}</table>`,
      data.message ? `<h2 style="font-size:16px">${escapeHtml(w.message)}</h2>\n${paragraphs(data.message)}` : "",
      `<p style="color:#6d7175">${escapeHtml(w.reply)}</p>`,
    ].join("\n");
    const text = [
      subject,
      "",
      w.intro,
      "",
      ...rows.map(([label, value]) => `${label}: ${value}`),
      ...(data.message ? ["", `${w.message}:`, data.message] : []),
      "",
      w.reply,
      "",
    ].join("\n");
    return { subject, html: htmlLayout(locale, subject, html), text };
  },
};
