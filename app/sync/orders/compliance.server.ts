// GDPR for order records: customers/data_request finds them (by email or order id), customers/redact
// anonymises them, shop/redact erases them. Loaded with the order job types (jobs.server.ts) at start.
import { onShopRedact } from "../../compliance/compliance.server";
import { registerCustomerDataHolder, type CustomerDataQuery } from "../../compliance/customer-data.server";
import { db } from "../../db.server";
import { orderGid } from "./records.server";

function matching(query: CustomerDataQuery) {
  const or = [
    ...(query.customer.email ? [{ email: query.customer.email }] : []),
    ...(query.orderIds.length ? [{ shopifyOrderId: { in: query.orderIds.map(orderGid) } }] : []),
  ];
  return or.length ? { shop: query.shop, OR: or } : null;
}

registerCustomerDataHolder({
  name: "orderExports",
  async find(query) {
    const where = matching(query);
    if (!where) return [];
    const rows = await db.orderExport.findMany({ where });
    return rows.map((r) => ({
      order: r.shopifyOrderName,
      email: r.email,
      fastmagOrderId: r.fastmagOrderId,
      trackingNumber: r.trackingNumber,
      payload: JSON.parse(r.payloadJson) as unknown,
    }));
  },
  async redact(query) {
    const where = matching(query);
    if (!where) return 0;
    const { count } = await db.orderExport.updateMany({
      where,
      data: { email: null, payloadJson: JSON.stringify({ redacted: true }) },
    });
    return count;
  },
});

onShopRedact(async (shop) => {
  // Children first: SQLite cascades only with foreign keys switched on.
  await db.orderEvent.deleteMany({ where: { shop } });
  await db.orderExport.deleteMany({ where: { shop } });
});
