// Every gift card the selling system lists as sold since the last run is checked (and so put in
// Shopify once it is activated). The watermark (SyncCursor "gift-cards.sold") moves only after a run
// went through; each run reads again a margin before it, since checking twice changes nothing.
import { errorMessage, isTransient, merchantMessageOf } from "../../lib/errors";
import type { BalanceReport } from "./balances.server";
import { checkGiftCard, type GiftCardDeps } from "./check.server";
import { said } from "../../i18n/stored-words";

export const SOLD_CURSOR = "gift-cards.sold";
const MARGIN_MS = 24 * 3600_000;
/** A shop's first run looks this far back. */
const FIRST_LOOK_BACK_MS = 90 * 24 * 3600_000;

export interface SoldCardsResult {
  seen: number;
  created: number;
  linked: number;
  waiting: number;
  failed: number;
}

export async function checkSoldGiftCards(
  deps: GiftCardDeps,
  shop: string,
  report: Pick<BalanceReport, "skip" | "changed">,
  checkpoint?: () => Promise<void>,
): Promise<SoldCardsResult> {
  const cursor = await deps.db.syncCursor.findUnique({ where: { shop_syncType: { shop, syncType: SOLD_CURSOR } } });
  const startedAt = deps.now();
  const since = new Date(
    (cursor?.watermark.getTime() ?? startedAt.getTime() - FIRST_LOOK_BACK_MS + MARGIN_MS) - MARGIN_MS,
  );
  const { items, skipped } = await deps.source.soldSince(since);
  for (const s of skipped) report.skip(s.externalId, s.words ?? s.reason);
  const result: SoldCardsResult = { seen: items.length, created: 0, linked: 0, waiting: 0, failed: skipped.length };
  for (const card of items) {
    await checkpoint?.();
    try {
      const outcome = await checkGiftCard(deps, shop, card.id, card);
      if (outcome.kind === "created") {
        result.created++;
        report.changed?.(card.id, "Shopify gift card", null, "created");
      } else if (outcome.kind === "linked") {
        result.linked++;
        report.changed?.(card.id, "Shopify gift card", null, "linked");
      } else if (outcome.kind === "not-activated") {
        result.waiting++;
        report.skip(card.id, said("giftCards.notActivated", { code: outcome.code, source: deps.sourceName }));
      }
    } catch (error) {
      if (isTransient(error)) throw error;
      result.failed++;
      report.skip(card.id, merchantMessageOf(error) ?? errorMessage(error));
    }
  }
  await deps.db.syncCursor.upsert({
    where: { shop_syncType: { shop, syncType: SOLD_CURSOR } },
    create: { shop, syncType: SOLD_CURSOR, watermark: startedAt },
    update: { watermark: startedAt },
  });
  return result;
}
