// GDPR for order records: customers/data_request finds them (by email or order id), customers/redact
// anonymises them, shop/redact erases them. Registered by the composition root (app/modules.server.ts).
import type { ShopDataEraser } from "../../compliance/compliance.server";
import type { CustomerDataHolder, CustomerDataQuery } from "../../compliance/customer-data.server";
import { db } from "../../db.server";
import { orderGid } from "./records.server";

function matching(query: CustomerDataQuery) {
  const or = [
    ...(query.customer.email ? [{ email: query.customer.email }] : []),
    ...(query.orderIds.length ? [{ shopifyOrderId: { in: query.orderIds.map(orderGid) } }] : []),
  ];
  return or.length ? { shop: query.shop, OR: or } : null;
}

export const orderRecordsHolder: CustomerDataHolder = {
  name: "orderExports",
  async find(query) {
    const where = matching(query);
    if (!where) return [];
    const rows = await db.orderExport.findMany({ where });
    return rows.map((r) => ({
      order: r.shopifyOrderName,
      email: r.email,
      erpOrderId: r.erpOrderId,
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
};

export const eraseOrderRecords: ShopDataEraser = async (shop) => {
  // Children first: SQLite cascades only with foreign keys switched on.
  await db.orderEvent.deleteMany({ where: { shop } });
  await db.orderReversal.deleteMany({ where: { shop } });
  await db.orderExport.deleteMany({ where: { shop } });
};
