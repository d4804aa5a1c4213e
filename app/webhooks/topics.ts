// The webhook topics this app subscribes to (shopify.app.toml), one route each: /webhooks/<topic>.
export const WEBHOOK_TOPICS = [
  "app/uninstalled",
  "app/scopes_update",
  "orders/create",
  "orders/fulfilled",
  "orders/cancelled",
  // Marketplace orders' progress (app/sync/listings/order-progress.server.ts).
  "orders/updated",
  "refunds/create",
  // The ERP event feed's (app/event-feed): recorded, then fanned out to the shop's endpoints.
  "fulfillments/create",
  "fulfillments/update",
  "products/create",
  "products/update",
  "customers/data_request",
  "customers/redact",
  "shop/redact",
] as const;

export type WebhookTopic = (typeof WEBHOOK_TOPICS)[number];

export function isWebhookTopic(topic: string): topic is WebhookTopic {
  return (WEBHOOK_TOPICS as readonly string[]).includes(topic);
}
