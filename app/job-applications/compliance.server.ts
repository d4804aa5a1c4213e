// GDPR for job applications. An applicant is rarely a Shopify customer, but a customers/redact or
// data_request naming their e-mail finds their applications by its keyed hash (the address itself is
// not kept): data_request lists time, position and status; redact deletes the rows and any files still
// waiting. shop/redact deletes the shop's applications, files and address.
import fs from "node:fs";
import type { ShopDataEraser } from "../compliance/compliance.server";
import type { CustomerDataHolder } from "../compliance/customer-data.server";
import { db } from "../db.server";
import { pseudonym } from "./applications.server";

const byApplicant = (shop: string, email: string | null | undefined) =>
  email ? { shop, applicantKey: pseudonym("email", email) } : null;

async function deleteApplications(where: { shop: string; applicantKey?: string }): Promise<number> {
  const rows = await db.jobApplication.findMany({ where, select: { filesDir: true } });
  for (const { filesDir } of rows) if (filesDir) await fs.promises.rm(filesDir, { recursive: true, force: true });
  return (await db.jobApplication.deleteMany({ where })).count;
}

export const jobApplicationsHolder: CustomerDataHolder = {
  name: "jobApplications",
  async find({ shop, customer }) {
    const where = byApplicant(shop, customer.email);
    if (!where) return [];
    const rows = await db.jobApplication.findMany({ where, orderBy: { createdAt: "asc" } });
    return rows.map((r) => ({ at: r.createdAt, position: r.position, status: r.status }));
  },
  async redact({ shop, customer }) {
    const where = byApplicant(shop, customer.email);
    return where ? deleteApplications(where) : 0;
  },
};

export const eraseJobApplications: ShopDataEraser = async (shop) => {
  await deleteApplications({ shop });
  await db.jobApplicationSettings.deleteMany({ where: { shop } });
};
