// The one way the app sends mail: render a template from ./templates, send it through the shop's SMTP
// server with nodemailer, and record the outcome (MailLog) whatever it is. A failed send never throws:
// the caller gets { status: "failed", error, transient } and decides whether to retry.
import { rootCertificates } from "node:tls";
import type { Readable } from "node:stream";
import nodemailer from "nodemailer";
import { db } from "../db.server";
import { logger } from "../lib/logger.server";
import { mailLocale, type MailLocale, type MailTemplate, type RenderedMail } from "./render";
import { loadMailTransportSettings, type MailSettings } from "./settings.server";
import { mailTemplate } from "./templates/index";
import { connectionProblemInWords, connectionProblemOf } from "../lib/merchant-messages.server";

export interface MailAttachment {
  filename: string;
  content: Buffer | Readable;
  contentType?: string;
}

export interface OutgoingMail<Data> {
  to: string;
  template: MailTemplate<Data>;
  data: Data;
  locale?: MailLocale | string;
  /** What the mail is about, for the log and for finding a thing's mails: "gift-card:CADEAU-0001". */
  about?: string;
  attachments?: MailAttachment[];
  /** Where replies go instead of the shop's reply-to (a job application: the applicant). */
  replyTo?: string;
  /** SMTP settings to send with instead of the saved ones: a test of what the merchant typed, unsaved. */
  transport?: MailSettings & { password?: string };
}

export type MailOutcome =
  | { status: "sent"; logId: string; messageId: string; subject: string }
  | { status: "failed"; logId: string; error: string; transient: boolean; subject: string };

/** Deadlines of every SMTP exchange (connect, greeting, each command): a dead server never hangs a job. */
export const SMTP_TIMEOUTS = { connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 30_000 };

export async function sendMail<Data>(shop: string, mail: OutgoingMail<Data>): Promise<MailOutcome> {
  const locale = mailLocale(mail.locale);
  const rendered = mail.template.render(mail.data, locale);
  const settings = mail.transport ?? (await loadMailTransportSettings(shop));
  let outcome: { ok: true; messageId: string } | { ok: false; error: string; transient: boolean };
  if (!settings) {
    outcome = { ok: false, error: "Mail is not set up for this shop yet: fill in Settings → Mail.", transient: true };
  } else {
    outcome = await deliver(settings, mail.to, rendered, mail.attachments, mail.replyTo);
  }
  const log = await db.mailLog.create({
    data: {
      shop,
      to: mail.to,
      subject: rendered.subject,
      template: mail.template.id,
      locale,
      status: outcome.ok ? "sent" : "failed",
      error: outcome.ok ? null : outcome.error,
      messageId: outcome.ok ? outcome.messageId : null,
      about: mail.about ?? null,
    },
  });
  if (outcome.ok) return { status: "sent", logId: log.id, messageId: outcome.messageId, subject: rendered.subject };
  logger.warn("mail not sent", { shop, template: mail.template.id, error: outcome.error });
  return {
    status: "failed",
    logId: log.id,
    error: outcome.error,
    transient: outcome.transient,
    subject: rendered.subject,
  };
}

async function deliver(
  settings: MailSettings & { password?: string },
  to: string,
  rendered: RenderedMail,
  attachments: MailAttachment[] = [],
  replyTo?: string,
): Promise<{ ok: true; messageId: string } | { ok: false; error: string; transient: boolean }> {
  const transport = nodemailer.createTransport({
    host: settings.host,
    port: settings.port,
    secure: settings.tls === "implicit",
    requireTLS: settings.tls === "starttls",
    ignoreTLS: settings.tls === "none",
    auth: settings.user ? { user: settings.user, pass: settings.password ?? "" } : undefined,
    tls: settings.trustedCertificate ? { ca: [...rootCertificates, settings.trustedCertificate] } : undefined,
    ...SMTP_TIMEOUTS,
  });
  try {
    const info = await transport.sendMail({
      from: settings.from,
      replyTo: replyTo ?? settings.replyTo,
      to,
      subject: rendered.subject,
      text: rendered.text,
      html: rendered.html,
      attachments,
    });
    return { ok: true, messageId: info.messageId };
  } catch (error) {
    return { ok: false, ...describeSmtpFailure(error) };
  } finally {
    transport.close();
  }
}

/** A nodemailer failure in the merchant's words, and whether trying later may work. */
export function describeSmtpFailure(error: unknown): { error: string; transient: boolean } {
  const e = error as { code?: string; responseCode?: number; response?: string; command?: string };
  const reply = e.response ? `: ${e.response.slice(0, 300)}` : "";
  if (e.code === "EAUTH")
    return { error: `The SMTP server refused the login (check the user and password)${reply}`, transient: false };
  if (typeof e.responseCode === "number") {
    const transient = e.responseCode < 500;
    return {
      error: `The SMTP server ${transient ? "turned the message away for now" : "refused the message"}${reply}`,
      transient,
    };
  }
  // Connection problems classified in plain words, never the library's "connect ECONNREFUSED 127.0.0.1:25".
  const problem = connectionProblemOf(error) ?? "unreachable";
  return { error: connectionProblemInWords("The SMTP server", problem), transient: problem !== "tls" };
}

/** Renders a template with its sample data, for the Mail screen's preview. */
export function previewMail(templateId: string, locale: string): (RenderedMail & { template: string }) | null {
  const template = mailTemplate(templateId);
  if (!template) return null;
  return { template: template.id, ...template.render(template.sample, mailLocale(locale)) };
}
