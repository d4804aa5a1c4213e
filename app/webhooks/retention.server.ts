// Received webhooks are kept only while they are useful: Shopify's retries of one delivery come within
// hours, so a processed delivery's row (and the customer data in its payload) is deleted 30 days after
// it was processed; a failed one stays 60 days so the merchant can still read why. This also keeps a
// GDPR data request's search over stored payloads bounded.
import { z } from "zod";
import type { Db } from "../db.server";
import { defineJobType } from "../jobs/registry.server";
import { said } from "../i18n/stored-words";

export interface WebhookRetention {
  keepProcessedDays: number;
  keepFailedDays: number;
}

export const DEFAULT_WEBHOOK_RETENTION: WebhookRetention = { keepProcessedDays: 30, keepFailedDays: 60 };
const DAY = 86_400_000;
const BATCH = 500;

/** Deletes a shop's processed and failed deliveries older than the policy; never one still to process. */
export async function pruneWebhookDeliveries(
  db: Db,
  shop: string,
  now: Date,
  policy: WebhookRetention = DEFAULT_WEBHOOK_RETENTION,
  onBatch?: (deleted: number) => Promise<void>,
): Promise<{ deleted: number }> {
  const where = {
    shop,
    OR: [
      { status: "processed", processedAt: { lt: new Date(now.getTime() - policy.keepProcessedDays * DAY) } },
      { status: "failed", receivedAt: { lt: new Date(now.getTime() - policy.keepFailedDays * DAY) } },
    ],
  };
  let deleted = 0;
  for (;;) {
    const ids = (await db.webhookDelivery.findMany({ where, select: { webhookId: true }, take: BATCH })).map(
      (d) => d.webhookId,
    );
    if (ids.length === 0) break;
    // The status is checked again: a failed delivery Shopify sent again meanwhile is due, not old.
    const { count } = await db.webhookDelivery.deleteMany({ where: { ...where, webhookId: { in: ids } } });
    deleted += count;
    await onBatch?.(deleted);
  }
  return { deleted };
}

const days = z.number().int("must be a whole number of days").min(1, "must be at least 1 day").optional();
const pruneParams = z.object({ keepProcessedDays: days, keepFailedDays: days }).strict();

export const pruneWebhookDeliveriesJob = defineJobType<Partial<WebhookRetention>>({
  type: "maintenance.prune-webhooks",
  title: "Clean up received webhooks",
  description:
    "Deletes Shopify's webhooks (and the customer data they carry) 30 days after they were handled; failed ones after 60 days.",
  fr: {
    title: "Nettoyage des webhooks reçus",
    description:
      "Supprime les webhooks de Shopify (et les données client qu'ils contiennent) 30 jours après leur traitement ; ceux en échec après 60 jours.",
  },
  defaultSchedule: { cron: "25 4 * * *" },
  retry: { maxAttempts: 3, baseDelayMs: 60_000 },
  progress: "phases",
  parseParams: (raw) => pruneParams.parse(raw ?? {}),
  handler: async (ctx) => {
    ctx.progress(0, null, said("retention.phase.webhooks"));
    const policy = { ...DEFAULT_WEBHOOK_RETENTION, ...ctx.params };
    const { deleted } = await pruneWebhookDeliveries(ctx.db, ctx.shop, ctx.now(), policy, async (n) => {
      ctx.progress(n, null, said("retention.phase.webhooks"));
      await ctx.checkpoint();
    });
    ctx.count({ seen: deleted, changed: deleted });
    ctx.log("info", said("retention.deletedWebhooks", { count: deleted }));
    return { deleted, policy };
  },
});
