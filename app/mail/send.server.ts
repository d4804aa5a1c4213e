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
import { connectionProblemOf, connectionProblemSaid } from "../lib/merchant-messages.server";
import { said, textOf, wordsJson, type Message } from "../i18n/stored-words";

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
  | {
      status: "failed";
      logId: string;
      /** Why, in English (what MailLog.error stores). */
      error: string;
      /** Its key and values (app/i18n/stored-words.ts), to store next to it and say it in a reader's language. */
      errorWords: string | null;
      transient: boolean;
      subject: string;
    };

type Delivered = { ok: true; messageId: string } | { ok: false; error: Message; transient: boolean };

/** Deadlines of every SMTP exchange (connect, greeting, each command): a dead server never hangs a job. */
export const SMTP_TIMEOUTS = { connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 30_000 };

export async function sendMail<Data>(shop: string, mail: OutgoingMail<Data>): Promise<MailOutcome> {
  const locale = mailLocale(mail.locale);
  const rendered = mail.template.render(mail.data, locale);
  const settings = mail.transport ?? (await loadMailTransportSettings(shop));
  let outcome: Delivered;
  if (!settings) {
    outcome = { ok: false, error: said("mail.notSetUp"), transient: true };
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
      error: outcome.ok ? null : textOf(outcome.error),
      errorWords: outcome.ok ? null : wordsJson(outcome.error),
      messageId: outcome.ok ? outcome.messageId : null,
      about: mail.about ?? null,
    },
  });
  if (outcome.ok) return { status: "sent", logId: log.id, messageId: outcome.messageId, subject: rendered.subject };
  logger.warn("mail not sent", { shop, template: mail.template.id, error: log.error });
  return {
    status: "failed",
    logId: log.id,
    error: log.error ?? "",
    errorWords: log.errorWords,
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
): Promise<Delivered> {
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

/** A nodemailer failure in the merchant's words (the server's own reply quoted), and whether trying later may work. */
export function describeSmtpFailure(error: unknown): { error: Message; transient: boolean } {
  const e = error as { code?: string; responseCode?: number; response?: string; command?: string };
  const reply = e.response ? e.response.slice(0, 300) : "";
  if (e.code === "EAUTH") return { error: said("mail.loginRefused", { reply }), transient: false };
  if (typeof e.responseCode === "number") {
    const transient = e.responseCode < 500;
    return { error: said(transient ? "mail.turnedAway" : "mail.refused", { reply }), transient };
  }
  // Connection problems classified in plain words, never the library's "connect ECONNREFUSED 127.0.0.1:25".
  const problem = connectionProblemOf(error) ?? "unreachable";
  return { error: connectionProblemSaid(said("system.smtpServer"), problem), transient: problem !== "tls" };
}

/** Renders a template with its sample data, for the Mail screen's preview. */
export function previewMail(templateId: string, locale: string): (RenderedMail & { template: string }) | null {
  const template = mailTemplate(templateId);
  if (!template) return null;
  return { template: template.id, ...template.render(template.sample, mailLocale(locale)) };
}
