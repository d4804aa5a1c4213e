// Use-cases of the Gift cards screen and API: search by code or customer, each card's status in the
// selling system, in Shopify and by mail, its mail history; Check, plan a mail, Resend.
import type { GiftCardLink, Prisma } from "@passerelle/prisma-sqlite";
import { db } from "../../db.server";
import { defineWords } from "../../i18n/define";
import type { Locale } from "../../i18n/locale";
import { sayIn, storedText } from "../../i18n/stored-words";
import { NotFoundError, PermanentError, ValidationError } from "../../lib/errors";
import type { Page, PageRequest } from "../../lib/keyset.server";
import { pageSize, timeKeysetPage } from "../../lib/keyset.server";
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

const mailView =
  (locale: Locale) =>
  (m: {
    id: string;
    recipientEmail: string;
    recipientName: string | null;
    status: string;
    sendAt: Date;
    sentAt: Date | null;
    attempts: number;
    lastError: string | null;
    lastErrorWords: string | null;
  }): GiftCardMailView => ({
    id: m.id,
    to: m.recipientEmail,
    recipientName: m.recipientName,
    status: m.status === "planned" && m.attempts > 0 ? "retrying" : (m.status as GiftCardMailView["status"]),
    sendAt: m.sendAt.toISOString(),
    sentAt: m.sentAt?.toISOString() ?? null,
    attempts: m.attempts,
    // Said again in the admin's language when stored with words (app/i18n/stored-words.ts).
    error: m.lastError === null ? null : storedText(m.lastError, m.lastErrorWords, locale),
  });

export async function searchGiftCards(
  shop: string,
  query = "",
  limit = 50,
  locale: Locale = "en",
): Promise<GiftCardView[]> {
  const links = await db.giftCardLink.findMany({
    where: await giftCardsMatching(shop, query),
    orderBy: { lastCheckedAt: "desc" },
    take: Math.min(Math.max(limit, 1), 200),
  });
  return giftCardViews(shop, links, locale);
}

/**
 * The Gift cards screen's list: the cards matching the search (code or customer), last checked first,
 * a page at a time by keyset on (last checked, code), with their total.
 */
export async function giftCardsPage(
  shop: string,
  query: string,
  place: PageRequest = {},
  locale: Locale = "en",
): Promise<Page<GiftCardView>> {
  const where = await giftCardsMatching(shop, query);
  const page = await timeKeysetPage<GiftCardLink & { id: string }>({
    column: "lastCheckedAt",
    order: "desc",
    request: place,
    limit: pageSize(place.limit, 50, 200),
    timeOf: (row) => row.lastCheckedAt,
    rows: async ({ position, orderBy, take }) =>
      (
        await db.giftCardLink.findMany({
          // A card's key within its shop is its code: the keyset's `id` is the code here.
          where: position ? { AND: [where, idAsCode(position) as Prisma.GiftCardLinkWhereInput] } : where,
          orderBy: idAsCode(orderBy) as Prisma.GiftCardLinkOrderByWithRelationInput[],
          take,
        })
      ).map((link) => ({ ...link, id: link.code })),
    count: () => db.giftCardLink.count({ where }),
  });
  return { ...page, items: await giftCardViews(shop, page.items, locale) };
}

function idAsCode(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(idAsCode);
  if (value === null || typeof value !== "object" || value instanceof Date) return value;
  return Object.fromEntries(Object.entries(value).map(([key, v]) => [key === "id" ? "code" : key, idAsCode(v)]));
}

/** The shop's cards whose code or customer's address holds the search, or whose mail went to it. */
async function giftCardsMatching(shop: string, query: string): Promise<Prisma.GiftCardLinkWhereInput> {
  const q = query.trim();
  const byRecipient = q
    ? await db.giftCardMail.findMany({
        where: { shop, recipientEmail: { contains: q } },
        select: { code: true },
        distinct: ["code"],
      })
    : [];
  return {
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
  };
}

async function giftCardViews(shop: string, links: GiftCardLink[], locale: Locale): Promise<GiftCardView[]> {
  const mails = await db.giftCardMail.findMany({
    where: { shop, code: { in: links.map((l) => l.code) } },
    orderBy: { createdAt: "desc" },
  });
  return links.map((l) => {
    const own = mails.filter((m) => m.code === l.code).map(mailView(locale));
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
      conflict: l.conflict === null ? null : storedText(l.conflict, l.conflictWords, locale),
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

/** What "Check" answers on the screen, in the admin's language (runs and the API keep the check's English). */
export const CHECK_WORDS = defineWords({
  en: {
    enterCode: "Enter a gift card code.",
    "not-found": (code: string, source: string) => `${source} has no gift card ${code}.`,
    "not-activated": (code: string, source: string) => `Gift card ${code} is not activated in ${source} yet.`,
    unchanged: (code: string) => `Gift card ${code} is already in Shopify.`,
    created: (code: string) => `Gift card ${code} was created in Shopify.`,
    linked: (code: string) => `Gift card ${code} was already in Shopify; it is now linked.`,
  },
  fr: {
    enterCode: "Saisissez un code de carte cadeau.",
    "not-found": (code: string, source: string) => `${source} n'a pas de carte cadeau ${code}.`,
    "not-activated": (code: string, source: string) =>
      `La carte cadeau ${code} n'est pas encore activée dans ${source}.`,
    unchanged: (code: string) => `La carte cadeau ${code} est déjà dans Shopify.`,
    created: (code: string) => `La carte cadeau ${code} a été créée dans Shopify.`,
    linked: (code: string) => `La carte cadeau ${code} était déjà dans Shopify ; elle est maintenant liée.`,
  },
});

/** "Check": the card must exist in the selling system; answers what happened in plain words. */
export async function checkGiftCardNow(shop: string, code: unknown, locale: Locale = "en"): Promise<CheckOutcome> {
  const words = CHECK_WORDS[locale];
  const text = typeof code === "string" ? code.trim() : "";
  if (!text) throw new ValidationError(words.enterCode, { code: words.enterCode });
  const deps = await giftCardDeps(shop, { db, timeoutMs: SCREEN_TIMEOUT_MS });
  const checked = await checkGiftCard(deps, shop, text).catch((error: unknown) => {
    // Why the check failed, in the admin's language (a run stores its words instead).
    if (locale !== "en" && error instanceof PermanentError && error.said)
      throw new PermanentError(sayIn(error.said, locale), { cause: error });
    throw error;
  });
  const outcome = { ...checked, message: words[checked.kind](checked.code, deps.sourceName) };
  if (outcome.kind === "not-found") throw new NotFoundError(outcome.message);
  return outcome;
}

/** Plans the mail of a card to its recipient (the seed's post-giftcard). */
export async function postGiftCardMail(shop: string, code: string, input: GiftCardMailInput, locale: Locale = "en") {
  return mailView(locale)(await planGiftCardMail(db, shop, code, input, new Date(), locale));
}

/** "Resend" (the seed's mail-giftcard). */
export async function resendGiftCard(shop: string, code: string, locale: Locale = "en") {
  return mailView(locale)(await resendGiftCardMail(db, shop, code, new Date(), locale));
}
