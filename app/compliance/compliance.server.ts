// The three mandatory compliance webhooks (reference/shopify.md). Each really finds or erases what
// we hold, and leaves a record of the request for the merchant (Logs page).
import { db } from "../db.server";
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

/** customers/data_request: collect what we hold so the merchant can hand it to the customer. */
export async function handleCustomerDataRequest(shop: string, payload: CustomerDataRequestPayload): Promise<string> {
  const query = { shop, customer: payload.customer ?? {}, orderIds: (payload.orders_requested ?? []).map(String) };
  const found = await findCustomerData(query);
  const request = await db.complianceRequest.create({
    data: {
      shop,
      topic: "customers/data_request",
      customerId: payload.customer?.id != null ? String(payload.customer.id) : null,
      email: payload.customer?.email ?? null,
      resultJson: JSON.stringify({ dataRequestId: payload.data_request?.id ?? null, found }),
    },
  });
  return request.id;
}

/** customers/redact: erase what we hold about the customer and the listed orders. */
export async function handleCustomerRedact(
  shop: string,
  payload: CustomerRedactPayload,
): Promise<Record<string, number>> {
  const query = { shop, customer: payload.customer ?? {}, orderIds: (payload.orders_to_redact ?? []).map(String) };
  const redacted = await redactCustomerData(query);
  // Keep that it happened, not who it was about.
  await db.complianceRequest.create({
    data: { shop, topic: "customers/redact", resultJson: JSON.stringify({ redacted }) },
  });
  return redacted;
}

type ShopDataEraser = (shop: string) => Promise<void>;
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
    db.shop.deleteMany({ where: { domain: shop } }),
  ]);
}
