// GDPR for the store-credit mirror: a customer's row (by e-mail) is found and erased; shop/redact
// erases the shop's rows and setting.
import type { ShopDataEraser } from "../compliance/compliance.server";
import type { CustomerDataHolder } from "../compliance/customer-data.server";
import { db } from "../db.server";

export const storeCreditMirrorHolder: CustomerDataHolder = {
  name: "storeCreditMirror",
  async find({ shop, customer }) {
    if (!customer.email) return [];
    const rows = await db.storeCreditMirror.findMany({ where: { shop, email: customer.email.toLowerCase() } });
    return rows.map((r) => ({ storeCreditMirror: r.email, currency: r.currency, mirroredCents: r.erpCents }));
  },
  async redact({ shop, customer }) {
    if (!customer.email) return 0;
    return (await db.storeCreditMirror.deleteMany({ where: { shop, email: customer.email.toLowerCase() } })).count;
  },
};

export const eraseCustomerCredit: ShopDataEraser = async (shop) => {
  await db.storeCreditMirror.deleteMany({ where: { shop } });
  await db.customerCreditSettings.deleteMany({ where: { shop } });
};
