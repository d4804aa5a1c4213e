// What the gift-card use-cases run on for a shop: the system that sells its gift cards (from the
// connector registry) and Shopify's gift cards (the shop's offline Admin client).
import { providerFor } from "../../connectors/registry.server";
import type { Db } from "../../db.server";
import { adminClientForShop } from "../../shopify/admin-for-shop.server";
import { shopifyGiftCards } from "../../shopify/gift-cards.server";
import type { GiftCardDeps } from "./check.server";

export async function giftCardDeps(
  shop: string,
  options: { db: Db; now?: () => Date; timeoutMs?: number; runId?: string },
): Promise<GiftCardDeps> {
  const [provider, client] = await Promise.all([
    providerFor({ shop, db: options.db, timeoutMs: options.timeoutMs, runId: options.runId }, "gift-card-source"),
    adminClientForShop(shop, { db: options.db, ...(options.timeoutMs ? { timeoutMs: options.timeoutMs } : {}) }),
  ]);
  return {
    db: options.db,
    source: provider.port,
    sourceName: provider.name,
    shopify: shopifyGiftCards(client),
    now: options.now ?? (() => new Date()),
  };
}
