// The order job types: one export per order (queued by the webhook, retried on transient errors),
// the reconciliation of missed orders, the status sync (cron :35) and the deliveries sync (cron :50).
import { z } from "zod";
// Loaded with the job types at server start, so GDPR requests cover order records too.
import "./compliance.server";
import { registerJobType } from "../../jobs/registry.server";
import { DEFAULT_SCHEDULES } from "../../jobs/schedules.server";
import { syncOrderDeliveries } from "./deliveries.server";
import { exportOrder } from "./export.server";
import { EXPORT_JOB, reconcileOrders } from "./orders.server";
import { carrierTrackers, fastmagOrderPorts, loadOrderSettings, trackerFor } from "./providers.server";
import { shopifyClientForShop } from "./shopify-client.server";
import { syncOrderStatuses } from "./statuses.server";

registerJobType<{ shopifyOrderId: string }>({
  type: EXPORT_JOB,
  title: "Order export",
  description: "Sends one Shopify order to Fastmag (customer, delivery address, order), exactly once.",
  retry: { maxAttempts: 6, baseDelayMs: 30_000, capDelayMs: 30 * 60_000 },
  progress: "phases",
  parseParams: (raw) => z.object({ shopifyOrderId: z.string().startsWith("gid://shopify/Order/") }).parse(raw),
  handler: async (ctx) => {
    const [{ sink }, shopify] = await Promise.all([fastmagOrderPorts(ctx.shop), shopifyClientForShop(ctx.shop)]);
    const outcome = await exportOrder(
      { db: ctx.db, sink, shopify, now: () => ctx.now() },
      { shop: ctx.shop, shopifyOrderId: ctx.params.shopifyOrderId },
    );
    ctx.log("info", `order ${ctx.params.shopifyOrderId}: ${outcome.kind}`);
    if (outcome.kind === "exported") ctx.count({ seen: 1, changed: outcome.created ? 1 : 0 });
    else
      ctx.skip(
        "order",
        ctx.params.shopifyOrderId,
        outcome.kind === "busy" ? "Another export of this order is running." : "Already in Fastmag.",
      );
    return outcome;
  },
});

registerJobType({
  type: "fastmag.reconcile-orders",
  title: "Missed orders",
  description:
    "Finds paid Shopify orders of the last 7 days never sent to Fastmag (webhooks can be lost or late) and sends them.",
  defaultSchedule: { cron: "20 * * * *" },
  retry: { maxAttempts: 3, baseDelayMs: 60_000 },
  handler: async (ctx) => {
    const shopify = await shopifyClientForShop(ctx.shop);
    const result = await reconcileOrders({ db: ctx.db, shopify, now: () => ctx.now() }, ctx.shop);
    ctx.count({ seen: result.seen, changed: result.queued });
    return result;
  },
});

registerJobType({
  type: "fastmag.order-statuses",
  title: "Order statuses",
  description:
    "Reads the Fastmag status of orders not shipped yet; tags changes and ships orders with their tracking number (statuses 300/305).",
  defaultSchedule: DEFAULT_SCHEDULES["fastmag.order-statuses"],
  retry: { maxAttempts: 3, baseDelayMs: 60_000 },
  progress: "items",
  handler: async (ctx) => {
    const [{ statuses, locationId }, shopify, settings] = await Promise.all([
      fastmagOrderPorts(ctx.shop),
      shopifyClientForShop(ctx.shop),
      loadOrderSettings(ctx.shop),
    ]);
    const result = await syncOrderStatuses(
      {
        db: ctx.db,
        statuses,
        shopify,
        now: () => ctx.now(),
        notifyCustomer: settings.notifyCustomer,
        locationId,
        onProgress: (d, t) => ctx.progress(d, t),
        skip: (id, reason) => ctx.skip("order", id, reason),
      },
      ctx.shop,
    );
    ctx.count({ seen: result.checked, changed: result.changed, failed: result.failed });
    return { ...result };
  },
});

registerJobType({
  type: "fastmag.order-deliveries",
  title: "Deliveries",
  description: "Follows shipped orders at the carrier (Chronopost) and marks them delivered in Shopify.",
  defaultSchedule: DEFAULT_SCHEDULES["fastmag.order-deliveries"],
  retry: { maxAttempts: 3, baseDelayMs: 60_000 },
  handler: async (ctx) => {
    const [shopify, trackers] = await Promise.all([shopifyClientForShop(ctx.shop), carrierTrackers(ctx.shop)]);
    const result = await syncOrderDeliveries(
      { db: ctx.db, shopify, now: () => ctx.now(), skip: (id, reason) => ctx.skip("order", id, reason) },
      ctx.shop,
      (carrier) => trackerFor(carrier, trackers),
    );
    ctx.count({ seen: result.checked, changed: result.delivered, failed: result.failed });
    return result;
  },
});
