// Use-cases of the Gift cards screen and API: search by code or customer, each card's status in the
// selling system, in Shopify and by mail, its mail history; Check, plan a mail, Resend.
import { db } from "../../db.server";
import { NotFoundError, ValidationError } from "../../lib/errors";
import { checkGiftCard, type CheckOutcome } from "./check.server";
import { planGiftCardMail, resendGiftCardMail, type GiftCardMailInput } from "./mails.server";
import { giftCardDeps } from "./providers.server";

/** A screen waits less than a job for the systems it asks. */
const SCREEN_TIMEOUT_MS = 20_000;

export interface GiftCardMailView {
  id: string;
  to: string;
  recipientName: string | null;
  status: "planned" | "retrying" | "sending" | "sent" | "failed";
  sendAt: string;
  sentAt: string | null;
  attempts: number;
  error: string | null;
}

export interface GiftCardView {
  code: string;
  erp: { activated: boolean; initialValue: number; balance: number; currency: string; expiresOn: string | null };
  customerEmail: string | null;
  shopify: { giftCardId: string | null; balance: number | null; status: "linked" | "not-created" };
  inStep: "yes" | "conflict" | "online-not-reported";
  conflict: string | null;
  unreportedOnline: number;
  lastCheckedAt: string;
  lastSyncedAt: string | null;
  mailStatus: GiftCardMailView["status"] | "none";
  mails: GiftCardMailView[];
}

const mailView = (m: {
  id: string;
  recipientEmail: string;
  recipientName: string | null;
  status: string;
  sendAt: Date;
  sentAt: Date | null;
  attempts: number;
  lastError: string | null;
}): GiftCardMailView => ({
  id: m.id,
  to: m.recipientEmail,
  recipientName: m.recipientName,
  status: m.status === "planned" && m.attempts > 0 ? "retrying" : (m.status as GiftCardMailView["status"]),
  sendAt: m.sendAt.toISOString(),
  sentAt: m.sentAt?.toISOString() ?? null,
  attempts: m.attempts,
  error: m.lastError,
});

export async function searchGiftCards(shop: string, query = "", limit = 50): Promise<GiftCardView[]> {
  const q = query.trim();
  const byRecipient = q
    ? await db.giftCardMail.findMany({
        where: { shop, recipientEmail: { contains: q } },
        select: { code: true },
        distinct: ["code"],
      })
    : [];
  const links = await db.giftCardLink.findMany({
    where: {
      shop,
      ...(q
        ? {
            OR: [
              { code: { contains: q } },
              { code: { contains: q.toUpperCase() } },
              { customerEmail: { contains: q } },
              { code: { in: byRecipient.map((r) => r.code) } },
            ],
          }
        : {}),
    },
    orderBy: { lastCheckedAt: "desc" },
    take: Math.min(Math.max(limit, 1), 200),
  });
  const mails = await db.giftCardMail.findMany({
    where: { shop, code: { in: links.map((l) => l.code) } },
    orderBy: { createdAt: "desc" },
  });
  return links.map((l) => {
    const own = mails.filter((m) => m.code === l.code).map(mailView);
    return {
      code: l.code,
      erp: {
        activated: l.erpActivated,
        initialValue: l.initialCents / 100,
        balance: l.erpBalanceCents / 100,
        currency: l.currency,
        expiresOn: l.expiresOn,
      },
      customerEmail: l.customerEmail,
      shopify: {
        giftCardId: l.shopifyGiftCardId,
        balance: l.shopifyGiftCardId ? l.shopifyBalanceCents / 100 : null,
        status: l.shopifyGiftCardId ? "linked" : "not-created",
      },
      inStep: l.conflict ? "conflict" : l.unreportedOnlineCents ? "online-not-reported" : "yes",
      conflict: l.conflict,
      unreportedOnline: l.unreportedOnlineCents / 100,
      lastCheckedAt: l.lastCheckedAt.toISOString(),
      lastSyncedAt: l.lastSyncedAt?.toISOString() ?? null,
      mailStatus: own[0]?.status ?? "none",
      mails: own,
    };
  });
}

export async function giftCardDetail(shop: string, code: string): Promise<GiftCardView> {
  const found = (await searchGiftCards(shop, code, 200)).find((c) => c.code === code);
  if (!found) throw new NotFoundError(`Gift card ${code} has not been checked yet.`);
  return found;
}

/** "Check": the card must exist in the selling system; answers what happened in plain words. */
export async function checkGiftCardNow(shop: string, code: unknown): Promise<CheckOutcome> {
  const text = typeof code === "string" ? code.trim() : "";
  if (!text) throw new ValidationError("Enter a gift card code.", { code: "Enter a gift card code." });
  const deps = await giftCardDeps(shop, { db, timeoutMs: SCREEN_TIMEOUT_MS });
  const outcome = await checkGiftCard(deps, shop, text);
  if (outcome.kind === "not-found") throw new NotFoundError(outcome.message);
  return outcome;
}

/** Plans the mail of a card to its recipient (the seed's post-giftcard). */
export async function postGiftCardMail(shop: string, code: string, input: GiftCardMailInput) {
  return mailView(await planGiftCardMail(db, shop, code, input, new Date()));
}

/** "Resend" (the seed's mail-giftcard). */
export async function resendGiftCard(shop: string, code: string) {
  return mailView(await resendGiftCardMail(db, shop, code, new Date()));
}
