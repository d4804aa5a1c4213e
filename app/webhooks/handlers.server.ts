// What each webhook topic does once it is recorded: the use-case the processor runs for it. Each must
// be safe to run twice for one delivery (a crash after the work but before "processed" repeats it).
import { handleCustomerDataRequest, handleCustomerRedact, handleShopRedact } from "../compliance/compliance.server";
import type { CustomerDataRequestPayload, CustomerRedactPayload } from "../compliance/compliance.server";
import { db } from "../db.server";
// Registers what other domains do on uninstall and shop/redact, and the order records GDPR requests
// cover, in whichever process runs the processor (the web app or `npm run worker`).
import "../jobs/shop-lifecycle.server";
import { handleAppUninstalled, handleScopesUpdate } from "../shops/lifecycle.server";
import { receiveOrderCreated, type OrderCreatedPayload } from "../sync/orders/orders.server";
import {
  receiveOrderCancelled,
  receiveRefundCreated,
  type OrderCancelledPayload,
  type RefundCreatedPayload,
} from "../sync/orders/reversals.server";
import { receiveOrderFulfilled, type OrderFulfilledPayload } from "../sync/orders/shipments.server";
import type { WebhookTopic } from "./topics";

export interface WebhookEvent {
  shop: string;
  topic: WebhookTopic;
  webhookId: string;
  payload: Record<string, unknown>;
}

export type WebhookUseCase = (event: WebhookEvent) => Promise<unknown>;

const strings = (value: unknown): string[] =>
  Array.isArray(value) ? value.filter((v): v is string => typeof v === "string") : [];

export const WEBHOOK_USE_CASES: Record<WebhookTopic, WebhookUseCase> = {
  "app/uninstalled": ({ shop }) => handleAppUninstalled(shop),
  "app/scopes_update": ({ shop, payload }) => handleScopesUpdate(shop, strings(payload.current)),
  // Records the order and queues its export (a job); a repeat finds the order and the export's claim.
  "orders/create": ({ shop, payload }) => receiveOrderCreated(db, shop, payload as unknown as OrderCreatedPayload),
  // Tells systems that keep their own copy of orders (RetailCRM) that it shipped; they check before writing.
  "orders/fulfilled": ({ shop, payload }) =>
    receiveOrderFulfilled(db, shop, payload as unknown as OrderFulfilledPayload),
  // Record the cancellation or refund (once per order, resp. per refund) and queue its report to the
  // system the order was sent to; the job runs under the order's claim.
  "orders/cancelled": ({ shop, payload }) =>
    receiveOrderCancelled(db, shop, payload as unknown as OrderCancelledPayload),
  "refunds/create": ({ shop, payload }) => receiveRefundCreated(db, shop, payload as unknown as RefundCreatedPayload),
  "customers/data_request": ({ shop, payload, webhookId }) =>
    handleCustomerDataRequest(shop, payload as unknown as CustomerDataRequestPayload, { webhookId }),
  "customers/redact": ({ shop, payload, webhookId }) =>
    handleCustomerRedact(shop, payload as unknown as CustomerRedactPayload, { webhookId }),
  "shop/redact": ({ shop }) => handleShopRedact(shop),
};
