// What each webhook topic does once it is recorded: the use-case the processor runs for it. Each must
// be safe to run twice for one delivery (a crash after the work but before "processed" repeats it).
import { handleCustomerDataRequest, handleCustomerRedact, handleShopRedact } from "../compliance/compliance.server";
import type { CustomerDataRequestPayload, CustomerRedactPayload } from "../compliance/compliance.server";
import { db } from "../db.server";
// Registers what other domains do on uninstall and shop/redact, and the order records GDPR requests
// cover, in whichever process runs the processor (the web app or `npm run worker`).
import "../jobs/shop-lifecycle.server";
import { recordShopEvent } from "../event-feed/outbox.server";
import { handleAppUninstalled, handleScopesUpdate } from "../shops/lifecycle.server";
import { receiveOrderCreated, type OrderCreatedPayload } from "../sync/orders/orders.server";
import {
  receiveOrderCancelled,
  receiveRefundCreated,
  type OrderCancelledPayload,
  type RefundCreatedPayload,
} from "../sync/orders/reversals.server";
import { receiveOrderFulfilled, type OrderFulfilledPayload } from "../sync/orders/shipments.server";
import { reportProgressOfWebhook } from "../sync/listings/order-progress.server";
import {
  dispatchCancellation,
  dispatchOrderSales,
  dispatchRefund,
  type OrderPayload,
  type RefundPayload,
} from "../pos/sales.server";
import type { WebhookTopic } from "./topics";

export interface WebhookEvent {
  shop: string;
  topic: WebhookTopic;
  webhookId: string;
  payload: Record<string, unknown>;
  /** The body as Shopify sent it (the event feed passes it on unchanged). */
  body?: string;
  /** X-Shopify-Triggered-At, when Shopify sent it. */
  triggeredAt?: Date | null;
}

export type WebhookUseCase = (event: WebhookEvent) => Promise<unknown>;

const strings = (value: unknown): string[] =>
  Array.isArray(value) ? value.filter((v): v is string => typeof v === "string") : [];

/**
 * The intake queued the event feed's deliveries with the webhook's insert; this is the backstop for a
 * webhook recorded without them (before the upgrade, or an endpoint added between the ack and now): a
 * no-op when the event exists or no endpoint takes the topic (app/event-feed/outbox.server.ts).
 */
const feed = async (event: WebhookEvent) => {
  // The usual case: queued by the intake. One lookup by key, no transaction.
  if (await db.feedEvent.findUnique({ where: { id: event.webhookId }, select: { id: true } })) return 0;
  return recordShopEvent(db, {
    id: event.webhookId,
    shop: event.shop,
    topic: event.topic,
    body: event.body ?? JSON.stringify(event.payload),
    occurredAt: event.triggeredAt,
  });
};

/** Tells the marketplaces that sold the order how it progresses (a no-op for the shop's own orders). */
const progress = (event: WebhookEvent) => reportProgressOfWebhook({ shop: event.shop, db }, event.topic, event.payload);

export const WEBHOOK_USE_CASES: Record<WebhookTopic, WebhookUseCase> = {
  "app/uninstalled": ({ shop }) => handleAppUninstalled(shop),
  "app/scopes_update": ({ shop, payload }) => handleScopesUpdate(shop, strings(payload.current)),
  // Records the order and queues its export (a job); a repeat finds the order and the export's claim.
  // The event feed's part first: it is idempotent, so a retry of the export never loses the event.
  // Marketplaces' progress last: each sends a change once, so a retry for them repeats nothing above.
  "orders/create": async (event) => {
    await feed(event);
    const received = await receiveOrderCreated(db, event.shop, event.payload as unknown as OrderCreatedPayload);
    await progress(event);
    // The shop's POS accounts record the sales of lines their locations hold (once per line and key).
    await dispatchOrderSales(event.shop, event.payload as unknown as OrderPayload);
    return received;
  },
  // Tells systems that keep their own copy of orders (RetailCRM) that it shipped; they check before writing.
  "orders/fulfilled": async (event) => {
    const received = await receiveOrderFulfilled(db, event.shop, event.payload as unknown as OrderFulfilledPayload);
    await progress(event);
    return received;
  },
  // Record the cancellation or refund (once per order, resp. per refund) and queue its report to the
  // system the order was sent to; the job runs under the order's claim.
  "orders/cancelled": async (event) => {
    const received = await receiveOrderCancelled(db, event.shop, event.payload as unknown as OrderCancelledPayload);
    await progress(event);
    await dispatchCancellation(event.shop, event.payload as unknown as OrderPayload);
    return received;
  },
  "orders/updated": progress,
  "refunds/create": async ({ shop, payload }) => {
    const received = await receiveRefundCreated(db, shop, payload as unknown as RefundCreatedPayload);
    await dispatchRefund(shop, payload as unknown as RefundPayload);
    return received;
  },
  "fulfillments/create": async (event) => {
    await feed(event);
    return progress(event);
  },
  "fulfillments/update": async (event) => {
    await feed(event);
    return progress(event);
  },
  "products/create": feed,
  "products/update": feed,
  "customers/data_request": ({ shop, payload, webhookId }) =>
    handleCustomerDataRequest(shop, payload as unknown as CustomerDataRequestPayload, { webhookId }),
  "customers/redact": ({ shop, payload, webhookId }) =>
    handleCustomerRedact(shop, payload as unknown as CustomerRedactPayload, { webhookId }),
  "shop/redact": ({ shop }) => handleShopRedact(shop),
};
