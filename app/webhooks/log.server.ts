// What the Logs screen shows: the shop's latest webhook deliveries (optionally one status), paged by
// keyset on (received, id) — newest first, "Older" from the last one shown — and the customer-data
// requests Shopify sent.
import { db } from "../db.server";
import { shopTimeZone } from "../shops/time-zone.server";

const PAGE = 100;

/** `status` is a delivery status, or "all"; `before`: the cursor of the last delivery of the page before. */
export async function webhookLog(shop: string, status: string, before?: string | null, limit = PAGE) {
  const where = { shop, ...(status !== "all" ? { status } : {}) };
  const cursor = decodeCursor(before);
  const [timeZone, rows, complianceRequests] = await Promise.all([
    shopTimeZone(shop),
    db.webhookDelivery.findMany({
      // Received at or before the cursor's time, and not one of those shown already: a walk down the
      // (shop[, status], receivedAt, webhookId) index from the cursor.
      where: cursor
        ? { ...where, receivedAt: { lte: cursor.at }, NOT: { receivedAt: cursor.at, webhookId: { gte: cursor.id } } }
        : where,
      orderBy: [{ receivedAt: "desc" }, { webhookId: "desc" }],
      take: limit + 1,
      select: { webhookId: true, topic: true, status: true, receivedAt: true, processedAt: true, error: true },
    }),
    db.complianceRequest.findMany({ where: { shop }, orderBy: { receivedAt: "desc" }, take: 20 }),
  ]);
  const deliveries = rows.slice(0, limit);
  const last = deliveries[deliveries.length - 1];
  return {
    timeZone,
    status,
    deliveries,
    olderDeliveries: rows.length > limit && last ? `${last.receivedAt.getTime()}_${last.webhookId}` : null,
    complianceRequests,
  };
}

function decodeCursor(value: string | null | undefined): { at: Date; id: string } | null {
  const match = /^(\d+)_(.+)$/.exec(value ?? "");
  return match ? { at: new Date(Number(match[1])), id: match[2]! } : null;
}
