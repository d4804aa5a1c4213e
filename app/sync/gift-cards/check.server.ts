// Checking a gift card: the system that sold it says it exists and is activated, then Shopify gets a
// card with the same code, initial value, currency, expiry and customer — once. A second check
// changes nothing; two workers checking one code at the same time make one Shopify card (Shopify
// refuses a code already taken, and the loser links the winner's card).
import type { ErpGiftCard, GiftCardSource } from "../../capabilities/gift-card-source";
import type { Db } from "../../db.server";
import { isUniqueViolation } from "../../db/errors";
import { said } from "../../i18n/stored-words";
import { PermanentError } from "../../lib/errors";
import { fromCents, toCents, type ShopifyGiftCards } from "../../shopify/gift-cards.server";

export interface GiftCardDeps {
  db: Db;
  source: GiftCardSource;
  /** What the merchant calls the system that sold the cards (its connector's name). */
  sourceName: string;
  shopify: ShopifyGiftCards;
  now: () => Date;
}

export type CheckOutcome =
  | { kind: "not-found"; code: string; message: string }
  | { kind: "not-activated"; code: string; message: string }
  | { kind: "created" | "linked" | "unchanged"; code: string; shopifyGiftCardId: string; message: string };

/** Shopify codes are 8 to 20 letters and digits: the system's code without its separators. */
export function shopifyCodeOf(code: string): string {
  const compact = code.replace(/[^A-Za-z0-9]/g, "");
  if (compact.length < 8 || compact.length > 20)
    throw new PermanentError(said("words7.giftCards.codeUnusable", { code }));
  return compact;
}

export async function checkGiftCard(
  deps: GiftCardDeps,
  shop: string,
  code: string,
  /** The card as a list read already gave it (saves a read). */
  known?: ErpGiftCard,
): Promise<CheckOutcome> {
  const trimmed = code.trim();
  const card = known ?? (await deps.source.giftCard(trimmed));
  if (!card)
    return {
      kind: "not-found",
      code: trimmed,
      message: said("words7.giftCards.notFound", { code: trimmed, source: deps.sourceName }).text,
    };
  const now = deps.now();
  const erp = {
    erpActivated: card.activated,
    initialCents: toCents(card.initialValue ?? card.balance),
    currency: card.currency,
    expiresOn: card.expiresOn ?? null,
    customerEmail: card.customerEmail ?? null,
    lastCheckedAt: now,
  };
  const link = await deps.db.giftCardLink.findUnique({ where: { shop_code: { shop, code: card.id } } });
  if (link?.shopifyGiftCardId) {
    await deps.db.giftCardLink.update({ where: { shop_code: { shop, code: card.id } }, data: erp });
    return {
      kind: "unchanged",
      code: card.id,
      shopifyGiftCardId: link.shopifyGiftCardId,
      message: said("words7.giftCards.alreadyInShopify", { code: card.id }).text,
    };
  }
  if (!card.activated)
    return {
      kind: "not-activated",
      code: card.id,
      message: said("giftCards.notActivated", { code: card.id, source: deps.sourceName }).text,
    };
  const shopifyCode = shopifyCodeOf(card.id);
  await recordLink(deps.db, shop, card, erp);

  let outcome: "created" | "linked" = "linked";
  let shopifyCard = await deps.shopify.findByCode(shopifyCode);
  if (!shopifyCard) {
    const customerId = card.customerEmail ? await deps.shopify.customerIdByEmail(card.customerEmail) : null;
    const created = await deps.shopify.create({
      code: shopifyCode,
      initialAmount: { amount: fromCents(erp.initialCents), currencyCode: card.currency },
      expiresOn: card.expiresOn ?? null,
      customerId,
      note: `${deps.sourceName} gift card ${card.id}`,
    });
    if (created === "taken") shopifyCard = await deps.shopify.findByCode(shopifyCode);
    else {
      shopifyCard = created;
      outcome = "created";
    }
    if (!shopifyCard) throw new PermanentError(said("words7.giftCards.codeRefused", { code: card.id }));
    // Spent in store before it was put online: Shopify's card starts where the system's is.
    const spentCents = erp.initialCents - toCents(card.balance);
    if (outcome === "created" && spentCents > 0)
      shopifyCard.balanceCents = await deps.shopify.move(
        shopifyCard.id,
        -spentCents,
        card.currency,
        `Spent in store before it was put online (${deps.sourceName})`,
      );
  }
  // Whoever links first wins; a late worker leaves the link as it is.
  await deps.db.giftCardLink.updateMany({
    where: { shop, code: card.id, shopifyGiftCardId: null },
    data: {
      shopifyGiftCardId: shopifyCard.id,
      erpBalanceCents: toCents(card.balance),
      shopifyBalanceCents: shopifyCard.balanceCents,
      lastSyncedAt: now,
    },
  });
  const stored = await deps.db.giftCardLink.findUniqueOrThrow({ where: { shop_code: { shop, code: card.id } } });
  return {
    kind: stored.shopifyGiftCardId === shopifyCard.id ? outcome : "unchanged",
    code: card.id,
    shopifyGiftCardId: stored.shopifyGiftCardId!,
    message:
      outcome === "created"
        ? `Gift card ${card.id} was created in Shopify.`
        : `Gift card ${card.id} was already in Shopify; it is now linked.`,
  };
}

async function recordLink(
  db: Db,
  shop: string,
  card: ErpGiftCard,
  erp: { erpActivated: boolean; initialCents: number; currency: string; lastCheckedAt: Date },
) {
  const balance = toCents(card.balance);
  try {
    await db.giftCardLink.upsert({
      where: { shop_code: { shop, code: card.id } },
      create: { shop, code: card.id, ...erp, erpBalanceCents: balance, shopifyBalanceCents: balance },
      update: erp,
    });
  } catch (error) {
    // Two workers inserted the same card: the other's row stands.
    if (!isUniqueViolation(error)) throw error;
  }
}
