// What the Logs screen shows: the shop's latest webhook deliveries (optionally one status) and the
// customer-data requests Shopify sent.
import { db } from "../db.server";
import { shopTimeZone } from "../shops/time-zone.server";

/** `status` is a delivery status, or "all". */
export async function webhookLog(shop: string, status: string) {
  const [timeZone, deliveries, complianceRequests] = await Promise.all([
    shopTimeZone(shop),
    db.webhookDelivery.findMany({
      where: { shop, ...(status !== "all" ? { status } : {}) },
      orderBy: { receivedAt: "desc" },
      take: 100,
      select: { webhookId: true, topic: true, status: true, receivedAt: true, processedAt: true, error: true },
    }),
    db.complianceRequest.findMany({ where: { shop }, orderBy: { receivedAt: "desc" }, take: 20 }),
  ]);
  return { timeZone, status, deliveries, complianceRequests };
}
