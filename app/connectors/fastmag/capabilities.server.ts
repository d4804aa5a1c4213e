// Fastmag's capabilities (app/capabilities/): stock source, price source, order destination and order
// status source, built from the shop's saved settings. Its two stocks become one neutral level through
// the shop's formula, and its SKU format and stock moves stay here, nowhere else.
import { explainingRefusals } from "./refusals";
import type { GiftCardSource } from "../../capabilities/gift-card-source";
import type { OrderDestination } from "../../capabilities/order-destination";
import type { OrderStatusSource } from "../../capabilities/order-status-source";
import type { PriceSource } from "../../capabilities/price-source";
import type { StockSource } from "../../capabilities/stock-source";
import { said } from "../../i18n/stored-words";
import { PermanentError, errorMessage, isTransient } from "../../lib/errors";
import type { FastmagConnector } from "./index.server";
import { fastmagDate } from "./queries.server";
import { stockFormulaOf, type FastmagSettings } from "./settings.server";
import { parseSku } from "./sku";
import { neutralLevel } from "./stock";

export function fastmagStockSource(fastmag: FastmagConnector, settings: FastmagSettings): StockSource {
  const formula = stockFormulaOf(settings.stock);
  return {
    fullStock: (onLevel) => fastmag.inventory.eachLevel((level) => onLevel(neutralLevel(level, formula))),
    changedSince: async (since) => {
      const { items, skipped } = await fastmag.inventory.changedSince(since);
      return { items: items.map((level) => neutralLevel(level, formula)), skipped };
    },
    stockOf: async (sku) => {
      const level = await fastmag.inventory.stockOf(sku);
      return level && neutralLevel(level, formula);
    },
  };
}

export function fastmagPriceSource(fastmag: FastmagConnector, settings: FastmagSettings): PriceSource {
  return {
    pricesOn: (now, onPrice) => fastmag.prices.eachPrice(now, onPrice),
    dayOf: (instant) => fastmagDate(instant, settings.timeZone).slice(0, 10),
  };
}

/** Fastmag's web order statuses for a cancelled and a wholly refunded order (900 "Annulée"; 910
 *  "Remboursée" is the emulated instance's: instances' status lists are not public). */
export const FASTMAG_WEB_STATUS = { cancelled: 900, refunded: 910 } as const;

/** Fastmag receives Shopify orders; its web stock then gives the items to its general stock, where
 *  shipping takes them from (the seed's post-transfer-stock). */
export function fastmagOrderDestination(fastmag: FastmagConnector): OrderDestination {
  const movementsWithReason = async (reason: string) => {
    try {
      return await fastmag.inventory.transferMade(reason);
    } catch (error) {
      // The check runs a query some instances lack: say where it is set.
      if (isTransient(error)) throw error;
      const hint = `${errorMessage(error)}; see the "stockMovementsByReason" query in the Fastmag settings`;
      throw new PermanentError(hint, { cause: error });
    }
  };
  return {
    // Named when Fastmag was the only destination; shops' orders carry it, so it stays.
    orderIdMetafieldKey: "fastmag_order_id",
    orderByShopifyId: (id) => fastmag.orders.orderByShopifyId(id),
    skuProblem: (sku) => (parseSku(sku) ? null : said("words5.order.notAFastmagSku")),
    createOrder: (draft, customer) =>
      explainingRefusals(said("fastmag.refused.order"), () => fastmag.orders.createOrder(draft, customer)),
    stockFollowUp: {
      move: { short: "web → general", byHand: "from the web stock to the general stock" },
      apply: async (lines, reason) => {
        await fastmag.inventory.transfer(
          lines.map((l) => ({ ...l, from: "B", to: "A" })),
          reason,
        );
      },
      done: movementsWithReason,
    },
    // A cancelled or refunded order: its web status (VSHOPSTATUS), and its items back general → web.
    reversals: {
      reportState: (orderId, state) =>
        explainingRefusals(said("fastmag.refused.status", { state }), () =>
          fastmag.orders.setWebStatus(orderId, FASTMAG_WEB_STATUS[state]),
        ),
      returnStock: {
        move: { short: "general → web", byHand: "from the general stock to the web stock" },
        apply: async (lines, reason) => {
          await fastmag.inventory.transfer(
            lines.map((l) => ({ ...l, from: "A", to: "B" })),
            reason,
          );
        },
        done: movementsWithReason,
      },
    },
  };
}

export function fastmagOrderStatusSource(fastmag: FastmagConnector): OrderStatusSource {
  return {
    ordersByShopifyIds: async (ids) => (await fastmag.orders.ordersByShopifyIds(ids)).items,
    // Tags like "fastmag-300" and the "fastmag_status" metafield predate the other connectors: merchants
    // filter their orders on them, so Fastmag keeps them.
    shopifyMarks: { statusTag: (order) => `fastmag-${order.status}`, statusMetafieldKey: "fastmag_status" },
  };
}

export function fastmagGiftCardSource(fastmag: FastmagConnector): GiftCardSource {
  return {
    giftCard: (code) => fastmag.giftCards.giftCard(code),
    soldSince: (since) => fastmag.giftCards.soldSince(since),
    // The EDI description lists no transaction that debits a gift card (sales carry the CADEAU payment
    // code on the order, not a move on the card), so online spending stays with the merchant.
    onlineSpending: {
      supported: false,
      reason: said("fastmag.noGiftCardDebit"),
    },
  };
}
