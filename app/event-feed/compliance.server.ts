// GDPR for the event feed: the events keep Shopify's order bodies (customer, addresses) until they are
// pruned. customers/data_request finds a customer's order events, customers/redact erases them with
// their deliveries (an ERP that has not received them yet will not: the customer asked for erasure),
// shop/redact erases everything the feed holds for the shop. Registered by app/modules.server.ts.
import type { CustomerDataHolder, CustomerDataQuery } from "../compliance/customer-data.server";
import { db } from "../db.server";

function customerEvents(query: CustomerDataQuery) {
  if (query.orderIds.length === 0) return null;
  const keys = query.orderIds.map((id) => `order ${String(id).replace(/^gid:\/\/shopify\/Order\//, "")}`);
  return { shop: query.shop, resourceKey: { in: keys } };
}

export const feedEventsHolder: CustomerDataHolder = {
  name: "eventFeed",
  async find(query) {
    const where = customerEvents(query);
    if (!where) return [];
    const rows = await db.feedEvent.findMany({ where, orderBy: { occurredAt: "asc" } });
    return rows.map((r) => ({ topic: r.topic, occurredAt: r.occurredAt, body: JSON.parse(r.body) as unknown }));
  },
  async redact(query) {
    const where = customerEvents(query);
    if (!where) return 0;
    // Deliveries and their attempts go with their event (onDelete: Cascade).
    const { count } = await db.feedEvent.deleteMany({ where });
    return count;
  },
};

export async function eraseFeedData(shop: string): Promise<void> {
  await db.$transaction([
    db.feedEvent.deleteMany({ where: { shop } }),
    db.feedEndpoint.deleteMany({ where: { shop } }),
    db.feedReconciliation.deleteMany({ where: { shop } }),
  ]);
}
