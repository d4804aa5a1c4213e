// The three mandatory compliance webhooks (reference/shopify.md). Each really finds or erases what
// we hold, and leaves a record of the request for the merchant (Logs page).
import { db } from "../db.server";
import { isUniqueViolation } from "../db/errors";
import { findCustomerData, redactCustomerData, type CustomerRef } from "./customer-data.server";

export interface CustomerDataRequestPayload {
  shop_domain: string;
  customer: CustomerRef;
  orders_requested?: (number | string)[];
  data_request?: { id: number | string };
}

export interface CustomerRedactPayload {
  shop_domain: string;
  customer: CustomerRef;
  orders_to_redact?: (number | string)[];
}

/** Which delivery asked, so that processing it again finds the first record instead of adding one. */
export interface ComplianceOrigin {
  webhookId?: string;
}

/** customers/data_request: collect what we hold so the merchant can hand it to the customer. */
export async function handleCustomerDataRequest(
  shop: string,
  payload: CustomerDataRequestPayload,
  origin: ComplianceOrigin = {},
): Promise<string> {
  const done = await alreadyRecorded(origin);
  if (done) return done.id;
  const query = { shop, customer: payload.customer ?? {}, orderIds: (payload.orders_requested ?? []).map(String) };
  const found = await findCustomerData(query);
  return recordOnce(origin, {
    shop,
    topic: "customers/data_request",
    customerId: payload.customer?.id != null ? String(payload.customer.id) : null,
    email: payload.customer?.email ?? null,
    resultJson: JSON.stringify({ dataRequestId: payload.data_request?.id ?? null, found }),
  });
}

/** customers/redact: erase what we hold about the customer and the listed orders. */
export async function handleCustomerRedact(
  shop: string,
  payload: CustomerRedactPayload,
  origin: ComplianceOrigin = {},
): Promise<Record<string, number>> {
  const query = { shop, customer: payload.customer ?? {}, orderIds: (payload.orders_to_redact ?? []).map(String) };
  // Erasing again is harmless (and finishes an erasure a crash interrupted); the record is kept once.
  const redacted = await redactCustomerData(query);
  if (!(await alreadyRecorded(origin))) {
    // Keep that it happened, not who it was about.
    await recordOnce(origin, { shop, topic: "customers/redact", resultJson: JSON.stringify({ redacted }) });
  }
  return redacted;
}

function alreadyRecorded(origin: ComplianceOrigin) {
  if (!origin.webhookId) return Promise.resolve(null);
  return db.complianceRequest.findUnique({ where: { webhookId: origin.webhookId }, select: { id: true } });
}

async function recordOnce(
  origin: ComplianceOrigin,
  data: { shop: string; topic: string; customerId?: string | null; email?: string | null; resultJson: string },
): Promise<string> {
  try {
    return (await db.complianceRequest.create({ data: { ...data, webhookId: origin.webhookId } })).id;
  } catch (error) {
    // Two processors raced on one delivery: the other one's record stands.
    const existing = isUniqueViolation(error) ? await alreadyRecorded(origin) : null;
    if (!existing) throw error;
    return existing.id;
  }
}

export type ShopDataEraser = (shop: string) => Promise<void>;
const shopDataErasers: ShopDataEraser[] = [];

/** Lets other domains (jobs, orders…) erase their tables on shop/redact. */
export function onShopRedact(eraser: ShopDataEraser): void {
  shopDataErasers.push(eraser);
}

/** shop/redact (48 h after uninstall): erase everything we hold for the shop. */
export async function handleShopRedact(shop: string): Promise<void> {
  for (const erase of shopDataErasers) await erase(shop);
  await db.$transaction([
    db.session.deleteMany({ where: { shop } }),
    db.webhookDelivery.deleteMany({ where: { shop } }),
    db.complianceRequest.deleteMany({ where: { shop } }),
    db.connectorSetting.deleteMany({ where: { shop } }),
    db.carrierSettings.deleteMany({ where: { shop } }),
    db.shop.deleteMany({ where: { domain: shop } }),
  ]);
}
