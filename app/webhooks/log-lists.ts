// The Logs screen's lists of what Shopify sent, as the screen and its loader both know them: the
// received webhooks' status filter and each list's page size (app/webhooks/log.server.ts reads them).
export const WEBHOOKS_PER_PAGE = 100;
export const PRIVACY_REQUESTS_PER_PAGE = 20;

export const WEBHOOK_STATUSES = ["all", "processed", "failed", "received", "processing"] as const;
export type WebhookStatusFilter = (typeof WEBHOOK_STATUSES)[number];

export function webhookStatusFilter(value: string | null): WebhookStatusFilter {
  return (WEBHOOK_STATUSES as readonly string[]).includes(value ?? "") ? (value as WebhookStatusFilter) : "all";
}
