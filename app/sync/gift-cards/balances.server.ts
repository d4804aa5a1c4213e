// Keeping linked gift cards' balances in step both ways. Each card remembers both balances as they were
// when last in step; a run compares each side with its own memory:
// - only the system that sold it moved (spent or topped up in store): Shopify's card moves by as much;
// - only Shopify moved (spent online): the system is told where its API allows, else the amount is kept
//   as "online spending not reported" for the merchant to enter by hand;
// - both moved: a conflict, reported and left alone — never guessed. It clears once both sides show the
//   same balance again (the merchant fixed one of them).
import { errorMessage, isTransient, merchantMessageOf } from "../../lib/errors";
import { fromCents, toCents } from "../../shopify/gift-cards.server";
import type { GiftCardDeps } from "./check.server";
import { type Message, said, wordsJson } from "../../i18n/stored-words";

export interface BalanceReport {
  skip(code: string, reason: Message): void;
  log(message: Message): void;
  /** A card this run changed somewhere, as soon as it did (a run's Changes list and changed count). */
  changed?(code: string, field: string, before: string | null, after: string | null): void;
}

export interface BalanceSyncResult {
  seen: number;
  movedInShopify: number;
  reportedToSource: number;
  notReported: number;
  conflicts: number;
  failed: number;
}

const money = (cents: number, currency: string) => `${cents < 0 ? "−" : "+"}${fromCents(Math.abs(cents))} ${currency}`;

export async function syncGiftCardBalances(
  deps: GiftCardDeps,
  shop: string,
  report: BalanceReport,
  options: { codes?: string[]; checkpoint?: () => Promise<void> } = {},
): Promise<BalanceSyncResult> {
  const links = await deps.db.giftCardLink.findMany({
    where: { shop, shopifyGiftCardId: { not: null }, ...(options.codes ? { code: { in: options.codes } } : {}) },
    orderBy: { code: "asc" },
  });
  const result: BalanceSyncResult = {
    seen: 0,
    movedInShopify: 0,
    reportedToSource: 0,
    notReported: 0,
    conflicts: 0,
    failed: 0,
  };
  for (const link of links) {
    await options.checkpoint?.();
    result.seen++;
    const where = { shop_code: { shop, code: link.code } };
    const [card, shopifyCard] = await Promise.all([
      deps.source.giftCard(link.code),
      deps.shopify.byId(link.shopifyGiftCardId!),
    ]);
    if (!card || !shopifyCard) {
      result.failed++;
      report.skip(
        link.code,
        card ? said("giftCards.shopifyCardGone") : said("giftCards.sourceCardGone", { source: deps.sourceName }),
      );
      continue;
    }
    const erpNow = toCents(card.balance);
    const shopNow = shopifyCard.balanceCents;
    const erpDelta = erpNow - link.erpBalanceCents;
    const shopDelta = shopNow - link.shopifyBalanceCents;
    const now = deps.now();
    if (erpDelta !== 0 && shopDelta !== 0) {
      if (erpNow === shopNow) {
        // Both moved to the same balance: someone put them back in step by hand.
        await deps.db.giftCardLink.update({
          where,
          data: {
            erpBalanceCents: erpNow,
            shopifyBalanceCents: shopNow,
            conflict: null,
            conflictWords: null,
            lastSyncedAt: now,
          },
        });
        continue;
      }
      const conflict = said("giftCards.bothMoved", {
        source: deps.sourceName,
        sourceMove: money(erpDelta, card.currency),
        shopifyMove: money(shopDelta, shopifyCard.currency),
      });
      await deps.db.giftCardLink.update({
        where,
        data: { conflict: conflict.text, conflictWords: wordsJson(conflict), lastCheckedAt: now },
      });
      result.conflicts++;
      report.skip(link.code, conflict);
      continue;
    }
    try {
      if (erpDelta !== 0) {
        const note = `${erpDelta < 0 ? "Spent" : "Credited"} in store (${deps.sourceName})`;
        const balance = await deps.shopify.move(link.shopifyGiftCardId!, erpDelta, shopifyCard.currency, note);
        await deps.db.giftCardLink.update({
          where,
          data: {
            erpBalanceCents: erpNow,
            shopifyBalanceCents: balance,
            conflict: null,
            conflictWords: null,
            lastSyncedAt: now,
          },
        });
        result.movedInShopify++;
        report.changed?.(link.code, "Shopify balance", fromCents(shopNow), fromCents(balance));
        report.log(
          said(erpDelta < 0 ? "giftCards.spentInStore" : "giftCards.creditedInStore", {
            code: link.code,
            amount: money(erpDelta, card.currency),
            source: deps.sourceName,
          }),
        );
      } else if (shopDelta !== 0) {
        const spending = deps.source.onlineSpending;
        if (spending.supported) {
          await spending.record(
            link.code,
            -shopDelta / 100,
            card.currency,
            `Shopify gift card ${link.shopifyGiftCardId}`,
          );
          await deps.db.giftCardLink.update({
            where,
            data: {
              erpBalanceCents: link.erpBalanceCents + shopDelta,
              shopifyBalanceCents: shopNow,
              conflict: null,
              conflictWords: null,
              lastSyncedAt: now,
            },
          });
          result.reportedToSource++;
          report.changed?.(
            link.code,
            `${deps.sourceName} balance`,
            fromCents(link.erpBalanceCents),
            fromCents(link.erpBalanceCents + shopDelta),
          );
        } else {
          await deps.db.giftCardLink.update({
            where,
            data: {
              shopifyBalanceCents: shopNow,
              unreportedOnlineCents: link.unreportedOnlineCents - shopDelta,
              conflict: null,
              conflictWords: null,
              lastSyncedAt: now,
            },
          });
          result.notReported++;
          report.skip(
            link.code,
            said("giftCards.onlineNotReported", {
              amount: money(shopDelta, shopifyCard.currency),
              reason: spending.reason,
            }),
          );
        }
      } else if (link.conflict) {
        await deps.db.giftCardLink.update({ where, data: { conflict: null, conflictWords: null } });
      }
    } catch (error) {
      if (isTransient(error)) throw error; // the run retries later
      result.failed++;
      report.skip(link.code, merchantMessageOf(error) ?? errorMessage(error));
    }
  }
  return result;
}
