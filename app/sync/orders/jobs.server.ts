// The order job types: one export per order (queued by the webhook, retried on transient errors), one
// report per cancelled or refunded order,
// the reconciliation of missed orders, the status sync (cron :35) and the deliveries sync (cron :50).
import { z } from "zod";
import { defineJobType, type JobTypeDefinition } from "../../jobs/registry.server";
import { claimHolderGone, runClaimToken } from "../../jobs/run-claims.server";
import { syncOrderDeliveries } from "./deliveries.server";
import { exportOrder } from "./export.server";
import { EXPORT_JOB, reconcileOrders } from "./orders.server";
import { REVERSAL_JOB, reportReversals } from "./reversals.server";
import { carrierTrackers, orderPorts, loadOrderSettings, trackerFor } from "./providers.server";
import { shopifyClientForShop } from "./shopify-client.server";
import { syncOrderStatuses } from "./statuses.server";

/** This feature's job types, registered by the composition root (app/modules.server.ts). */
export const orderJobTypes: JobTypeDefinition[] = [];
const jobTypes = orderJobTypes;

jobTypes.push(
  defineJobType<{ shopifyOrderId: string }>({
    type: EXPORT_JOB,
    title: "Order export",
    description:
      "Sends one Shopify order to the system that receives your orders (customer, delivery address, order), exactly once.",
    retry: { maxAttempts: 6, baseDelayMs: 30_000, capDelayMs: 30 * 60_000 },
    needs: ["order-destination"],
    progress: "phases",
    // Exports of different orders of a shop go side by side; two of one order never (the order row's
    // claim in exportOrder keeps it exactly-once even if they did).
    concurrency: { key: (params) => params.shopifyOrderId },
    parseParams: (raw) => z.object({ shopifyOrderId: z.string().startsWith("gid://shopify/Order/") }).parse(raw),
    handler: async (ctx) => {
      const [{ destination, destinationName }, shopify] = await Promise.all([
        orderPorts(ctx.shop),
        shopifyClientForShop(ctx.shop),
      ]);
      const outcome = await exportOrder(
        {
          db: ctx.db,
          destination,
          destinationName,
          shopify,
          now: () => ctx.now(),
          claimToken: runClaimToken(ctx),
          claimHolderGone: (holder) => claimHolderGone(ctx.db, holder, ctx.now()),
        },
        { shop: ctx.shop, shopifyOrderId: ctx.params.shopifyOrderId },
      );
      ctx.log("info", `order ${ctx.params.shopifyOrderId}: ${outcome.kind}`);
      if (outcome.kind === "exported") ctx.count({ seen: 1, changed: outcome.created ? 1 : 0 });
      else
        ctx.skip(
          "order",
          ctx.params.shopifyOrderId,
          outcome.kind === "unknown"
            ? "Not in the app's order records."
            : outcome.kind === "cancelled"
              ? `Cancelled in Shopify before export; not sent to ${destinationName}.`
              : `Already in ${destinationName}.`,
        );
      return outcome;
    },
  }),
);

jobTypes.push(
  defineJobType<{ shopifyOrderId: string }>({
    type: REVERSAL_JOB,
    title: "Order cancellation or refund",
    description:
      "Tells the system that received an order that it was cancelled or refunded in Shopify, and gives its stock back, exactly once.",
    retry: { maxAttempts: 8, baseDelayMs: 30_000, capDelayMs: 30 * 60_000 },
    needs: ["order-destination"],
    concurrency: { key: (params) => params.shopifyOrderId },
    parseParams: (raw) => z.object({ shopifyOrderId: z.string().startsWith("gid://shopify/Order/") }).parse(raw),
    handler: async (ctx) => {
      const { destination, destinationName } = await orderPorts(ctx.shop);
      const outcome = await reportReversals(
        {
          db: ctx.db,
          destination,
          destinationName,
          now: () => ctx.now(),
          claimToken: runClaimToken(ctx),
          claimHolderGone: (holder) => claimHolderGone(ctx.db, holder, ctx.now()),
        },
        { shop: ctx.shop, shopifyOrderId: ctx.params.shopifyOrderId },
      );
      ctx.log("info", `order ${ctx.params.shopifyOrderId}: ${outcome.kind}`);
      if (outcome.kind === "reported")
        ctx.count({ seen: outcome.reported + outcome.failed, changed: outcome.reported, failed: outcome.failed });
      else
        ctx.skip(
          "order",
          ctx.params.shopifyOrderId,
          outcome.kind === "nothing-to-do"
            ? "Nothing left to report."
            : outcome.kind === "unknown"
              ? "Not in the app's order records."
              : `Cancelled before export; nothing to tell ${destinationName}.`,
        );
      return outcome;
    },
  }),
);

jobTypes.push(
  defineJobType({
    type: "orders.reconcile",
    title: "Missed orders",
    description:
      "Finds paid Shopify orders of the last 7 days never sent on (webhooks can be lost or late) and sends them.",
    defaultSchedule: { cron: "20 * * * *" },
    retry: { maxAttempts: 3, baseDelayMs: 60_000 },
    needs: ["order-destination"],
    handler: async (ctx) => {
      const shopify = await shopifyClientForShop(ctx.shop);
      const result = await reconcileOrders({ db: ctx.db, shopify, now: () => ctx.now() }, ctx.shop);
      ctx.count({ seen: result.seen, changed: result.queued });
      return result;
    },
  }),
);

jobTypes.push(
  defineJobType({
    type: "orders.statuses",
    title: "Order statuses",
    description:
      "Reads the status of every Shopify order not shipped yet where orders are sent, however it got there; tags changes and ships orders with their tracking number. Orders it does not know are listed.",
    defaultSchedule: { cron: "35 * * * *" },
    retry: { maxAttempts: 3, baseDelayMs: 60_000 },
    needs: ["order-status-source"],
    progress: "items",
    handler: async (ctx) => {
      const [{ statuses, statusSourceName, locationId }, shopify, settings] = await Promise.all([
        orderPorts(ctx.shop),
        shopifyClientForShop(ctx.shop),
        loadOrderSettings(ctx.shop),
      ]);
      const result = await syncOrderStatuses(
        {
          db: ctx.db,
          statuses,
          statusSourceName,
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
  }),
);

jobTypes.push(
  defineJobType({
    type: "orders.deliveries",
    title: "Deliveries",
    description:
      "Follows every shipped order of the last 30 days at its carrier (Chronopost, TNT) and marks it delivered in Shopify.",
    defaultSchedule: { cron: "50 * * * *" },
    retry: { maxAttempts: 3, baseDelayMs: 60_000 },
    needs: ["order-status-source"],
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
  }),
);
