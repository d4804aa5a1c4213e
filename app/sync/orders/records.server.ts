// Our record of each Shopify order (OrderExport) and its history (OrderEvent). The row is created once
// per (shop, Shopify order id) — the key of the exactly-once export — whoever sees the order first:
// the orders/create webhook or the reconciliation job.
import { type Message, said, textOf, wordsJson } from "../../i18n/stored-words";
import type { Db } from "../../db.server";
import { isUniqueViolation } from "../../db/errors";

export interface ShopifyOrderSeen {
  shop: string;
  shopifyOrderId: string;
  shopifyOrderName: string;
  email?: string | null;
  financialStatus?: string | null;
  payload: unknown;
  /** "webhook" or "reconciliation": said in the order's history. */
  source: string;
}

/** Records the order if we did not know it; answers whether this call created the record. */
export async function recordShopifyOrder(
  db: Db,
  seen: ShopifyOrderSeen,
  now: Date,
): Promise<{ id: string; created: boolean }> {
  try {
    const row = await db.orderExport.create({
      data: {
        shop: seen.shop,
        shopifyOrderId: seen.shopifyOrderId,
        shopifyOrderName: seen.shopifyOrderName,
        email: seen.email ?? null,
        customerName: customerNameOf(seen.payload),
        financialStatus: seen.financialStatus ?? null,
        payloadJson: JSON.stringify(seen.payload ?? {}),
        createdAt: now,
      },
    });
    await addOrderEvent(db, row, "received", said("orders.received", { source: seen.source }), now);
    return { id: row.id, created: true };
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    const row = await db.orderExport.findUniqueOrThrow({
      where: { shop_shopifyOrderId: { shop: seen.shop, shopifyOrderId: seen.shopifyOrderId } },
    });
    return { id: row.id, created: false };
  }
}

export async function addOrderEvent(
  db: Db,
  order: { id: string; shop: string },
  kind: string,
  message: Message,
  at: Date,
  /** The other system's own words, shown under "Technical details". */
  detail?: string,
): Promise<void> {
  await db.orderEvent.create({
    data: {
      orderExportId: order.id,
      shop: order.shop,
      kind,
      message: textOf(message),
      words: wordsJson(message),
      at,
      detail: detail ?? null,
    },
  });
}

/** "gid://shopify/Order/123" from a REST id or a gid. */
export function orderGid(id: string | number): string {
  return String(id).startsWith("gid://") ? String(id) : `gid://shopify/Order/${id}`;
}

/** The customer's name from the order's payload (its customer, else its shipping or billing address). */
export function customerNameOf(payload: unknown): string | null {
  const p = (payload ?? {}) as { [k: string]: { first_name?: string | null; last_name?: string | null } | undefined };
  for (const part of [p.customer, p.shipping_address, p.billing_address]) {
    const name = [part?.first_name, part?.last_name].filter(Boolean).join(" ").trim();
    if (name) return name;
  }
  return null;
}
