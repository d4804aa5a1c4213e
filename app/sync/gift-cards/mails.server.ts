// Gift card mails: a card with a recipient gets one mail at its planned time (the seed's post-giftcard
// plans it, mail-giftcard plans a new one). The mail job sends what is due; each planned mail is
// claimed by one worker (a conditional update with a lease), so two workers never send it twice while
// they live. A failed send is tried again with backoff and keeps its error; a permanent refusal or the
// last attempt ends "failed". A worker killed after the SMTP server took the mail but before the row
// said so sends it again once its lease has run out: at-least-once across a crash, like jobs.
import { randomUUID } from "node:crypto";
import type { Db } from "../../db.server";
import { defineWords } from "../../i18n/define";
import type { Locale } from "../../i18n/locale";
import { NotFoundError, ValidationError } from "../../lib/errors";
import { mailLocale } from "../../mail/render";
import { sendMail, type MailOutcome, type OutgoingMail } from "../../mail/send.server";
import { giftCardTemplate, type GiftCardMailData } from "../../mail/templates/gift-card";

export const MAIL_MAX_ATTEMPTS = 5;
const LEASE_MS = 5 * 60_000;
/** 1, 2, 4, 8 minutes… up to an hour between attempts. */
export const mailRetryDelayMs = (attempts: number) => Math.min(60 * 60_000, 60_000 * 2 ** (attempts - 1));

export interface GiftCardMailInput {
  recipientEmail?: unknown;
  recipientName?: unknown;
  senderName?: unknown;
  message?: unknown;
  /** ISO date-time; absent: now. */
  sendAt?: unknown;
  locale?: unknown;
}

/** Refusals of the Gift cards screen's mail forms, in the admin's language (the API's: English). */
export const MAIL_FORM_WORDS = defineWords({
  en: {
    notChecked: (code: string) => `Gift card ${code} has not been checked yet: check it first.`,
    recipientEmail: "Enter the recipient's e-mail address.",
    sendAt: "A date and time, e.g. 2026-12-24T08:00:00Z.",
    message: "At most 2,000 characters.",
    notPlanned: "The mail was not planned.",
    noRecipient: (code: string) => `Gift card ${code} has no recipient to send a mail to.`,
  },
  fr: {
    notChecked: (code: string) => `La carte cadeau ${code} n'a pas encore été vérifiée : vérifiez-la d'abord.`,
    recipientEmail: "Saisissez l'adresse e-mail du destinataire.",
    sendAt: "Une date et une heure, par ex. 2026-12-24T08:00:00Z.",
    message: "2 000 caractères au plus.",
    notPlanned: "L'e-mail n'a pas été planifié.",
    noRecipient: (code: string) => `La carte cadeau ${code} n'a aucun destinataire à qui envoyer un e-mail.`,
  },
});

const text = (value: unknown, max: number) =>
  typeof value === "string" && value.trim() ? value.trim().slice(0, max) : undefined;

/** Plans the mail of a checked card (the seed's post-giftcard). */
export async function planGiftCardMail(
  db: Db,
  shop: string,
  code: string,
  input: GiftCardMailInput,
  now: Date,
  locale: Locale = "en",
) {
  const words = MAIL_FORM_WORDS[locale];
  const link = await db.giftCardLink.findUnique({ where: { shop_code: { shop, code } } });
  if (!link) throw new NotFoundError(words.notChecked(code));
  const errors: Record<string, string> = {};
  const recipientEmail = text(input.recipientEmail, 320);
  if (!recipientEmail || !/^[^\s<>@]+@[^\s<>@]+$/.test(recipientEmail)) errors.recipientEmail = words.recipientEmail;
  let sendAt = now;
  if (input.sendAt !== undefined && input.sendAt !== null && input.sendAt !== "") {
    const parsed = typeof input.sendAt === "string" ? new Date(input.sendAt) : new Date(NaN);
    if (Number.isNaN(parsed.getTime())) errors.sendAt = words.sendAt;
    else sendAt = parsed;
  }
  if (typeof input.message === "string" && input.message.length > 2000) errors.message = words.message;
  if (Object.keys(errors).length) throw new ValidationError(words.notPlanned, errors);
  return db.giftCardMail.create({
    data: {
      shop,
      code,
      recipientEmail: recipientEmail!,
      recipientName: text(input.recipientName, 200) ?? null,
      senderName: text(input.senderName, 200) ?? null,
      message: text(input.message, 2000) ?? null,
      locale: mailLocale(input.locale),
      sendAt,
    },
  });
}

/** "Resend": a new mail, now, to whoever got the card's last one (the seed's mail-giftcard). */
export async function resendGiftCardMail(db: Db, shop: string, code: string, now: Date, locale: Locale = "en") {
  const last = await db.giftCardMail.findFirst({ where: { shop, code }, orderBy: { createdAt: "desc" } });
  if (!last) throw new NotFoundError(MAIL_FORM_WORDS[locale].noRecipient(code));
  return db.giftCardMail.create({
    data: {
      shop,
      code,
      recipientEmail: last.recipientEmail,
      recipientName: last.recipientName,
      senderName: last.senderName,
      message: last.message,
      locale: last.locale,
      sendAt: now,
    },
  });
}

export interface DueMailsResult {
  sent: number;
  retrying: number;
  failed: number;
}

export interface DueMailsOptions {
  now: () => Date;
  /** Who claims (a job run's token): written on the rows it holds. */
  worker?: string;
  /** Asked right before each mail is claimed and sent: throws to stop (a cancelled run sends no more). */
  checkpoint?: () => Promise<void>;
  /** Told of each mail as soon as the SMTP server took it, so a run stopped half-way says what it sent. */
  sent?: (mail: { id: string; code: string; recipientEmail: string }) => void;
  /** The mail module's send (a test may wrap it). */
  send?: <Data>(shop: string, mail: OutgoingMail<Data>) => Promise<MailOutcome>;
}

/** Sends the shop's due mails, each claimed first so no other worker sends it too. */
export async function sendDueGiftCardMails(db: Db, shop: string, options: DueMailsOptions): Promise<DueMailsResult> {
  const worker = options.worker ?? randomUUID();
  const send = options.send ?? sendMail;
  const result: DueMailsResult = { sent: 0, retrying: 0, failed: 0 };
  const shopRow = await db.shop.findUnique({ where: { domain: shop }, select: { name: true } });
  const tried = new Set<string>();
  for (;;) {
    const now = options.now();
    const due = await db.giftCardMail.findMany({
      where: {
        shop,
        id: { notIn: [...tried] },
        OR: [
          { status: "planned", sendAt: { lte: now } },
          { status: "sending", claimedUntil: { lt: now } },
        ],
      },
      orderBy: { sendAt: "asc" },
      take: 20,
    });
    if (due.length === 0) return result;
    for (const mail of due) {
      // Before the claim: a mail is never left claimed by a run that stopped without sending it.
      await options.checkpoint?.();
      tried.add(mail.id);
      const claimed = await db.giftCardMail.updateMany({
        where: {
          id: mail.id,
          status: mail.status,
          attempts: mail.attempts,
        },
        data: {
          status: "sending",
          claimedBy: worker,
          claimedUntil: new Date(now.getTime() + LEASE_MS),
          attempts: { increment: 1 },
        },
      });
      if (claimed.count !== 1) continue; // another worker has it
      const link = await db.giftCardLink.findUnique({ where: { shop_code: { shop, code: mail.code } } });
      const data: GiftCardMailData = {
        shopName: shopRow?.name ?? shop,
        shopUrl: `https://${shop}`,
        recipientName: mail.recipientName ?? undefined,
        senderName: mail.senderName ?? undefined,
        message: mail.message ?? undefined,
        code: mail.code,
        amount: (link?.initialCents ?? 0) / 100,
        currency: link?.currency ?? "EUR",
        expiresOn: link?.expiresOn ?? undefined,
      };
      const outcome = await send(shop, {
        to: mail.recipientName
          ? `"${mail.recipientName.replace(/"/g, "")}" <${mail.recipientEmail}>`
          : mail.recipientEmail,
        template: giftCardTemplate,
        data,
        locale: mail.locale,
        about: `gift-card:${mail.code}`,
      });
      const attempts = mail.attempts + 1;
      if (outcome.status === "sent") {
        result.sent++;
        await db.giftCardMail.update({
          where: { id: mail.id },
          data: {
            status: "sent",
            sentAt: options.now(),
            mailLogId: outcome.logId,
            lastError: null,
            lastErrorWords: null,
            claimedUntil: null,
          },
        });
        options.sent?.({ id: mail.id, code: mail.code, recipientEmail: mail.recipientEmail });
      } else if (outcome.transient && attempts < MAIL_MAX_ATTEMPTS) {
        result.retrying++;
        await db.giftCardMail.update({
          where: { id: mail.id },
          data: {
            status: "planned",
            sendAt: new Date(options.now().getTime() + mailRetryDelayMs(attempts)),
            lastError: outcome.error,
            lastErrorWords: outcome.errorWords,
            mailLogId: outcome.logId,
            claimedUntil: null,
          },
        });
      } else {
        result.failed++;
        await db.giftCardMail.update({
          where: { id: mail.id },
          data: {
            status: "failed",
            lastError: outcome.error,
            lastErrorWords: outcome.errorWords,
            mailLogId: outcome.logId,
            claimedUntil: null,
          },
        });
      }
    }
  }
}
