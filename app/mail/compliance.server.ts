// GDPR for the mail log: customers/data_request finds the mails sent to the customer's address,
// customers/redact blanks the address, shop/redact erases the shop's settings and log.
import type { ShopDataEraser } from "../compliance/compliance.server";
import type { CustomerDataHolder, CustomerDataQuery } from "../compliance/customer-data.server";
import { db } from "../db.server";

const toCustomer = (query: CustomerDataQuery) =>
  query.customer.email ? { shop: query.shop, to: { contains: query.customer.email } } : null;

export const mailLogHolder: CustomerDataHolder = {
  name: "mails",
  async find(query) {
    const where = toCustomer(query);
    if (!where) return [];
    const rows = await db.mailLog.findMany({ where, orderBy: { createdAt: "asc" } });
    return rows.map((r) => ({ at: r.createdAt, to: r.to, subject: r.subject, status: r.status }));
  },
  async redact(query) {
    const where = toCustomer(query);
    if (!where) return 0;
    return (await db.mailLog.updateMany({ where, data: { to: "(erased)", subject: "(erased)" } })).count;
  },
};

export const eraseMail: ShopDataEraser = async (shop) => {
  await db.mailLog.deleteMany({ where: { shop } });
  await db.mailSettings.deleteMany({ where: { shop } });
};
