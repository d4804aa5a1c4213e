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
import { said } from "../../i18n/stored-words";

/** This feature's job types, registered by the composition root (app/modules.server.ts). */
export const orderJobTypes: JobTypeDefinition[] = [];
const jobTypes = orderJobTypes;

jobTypes.push(
  defineJobType<{ shopifyOrderId: string }>({
    type: EXPORT_JOB,
    title: "Order export",
    description:
      "Sends one Shopify order to the system that receives your orders (customer, delivery address, order), exactly once.",
    fr: {
      title: "Export de commande",
      description:
        "Envoie une commande Shopify au système qui reçoit vos commandes (client, adresse de livraison, commande), une seule fois.",
    },
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
      ctx.log("info", said("orders.outcome", { order: ctx.params.shopifyOrderId, kind: outcome.kind }));
      if (outcome.kind === "exported") ctx.count({ seen: 1, changed: outcome.created ? 1 : 0 });
      else
        ctx.skip(
          "order",
          ctx.params.shopifyOrderId,
          outcome.kind === "unknown"
            ? said("orders.notInRecords")
            : outcome.kind === "cancelled"
              ? said("orders.cancelledBeforeExport", { destination: destinationName })
              : said("orders.alreadyIn", { destination: destinationName }),
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
    fr: {
      title: "Annulation ou remboursement de commande",
      description:
        "Indique au système qui a reçu une commande qu'elle a été annulée ou remboursée dans Shopify, et lui rend son stock, une seule fois.",
    },
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
      ctx.log("info", said("orders.outcome", { order: ctx.params.shopifyOrderId, kind: outcome.kind }));
      if (outcome.kind === "reported")
        ctx.count({ seen: outcome.reported + outcome.failed, changed: outcome.reported, failed: outcome.failed });
      else
        ctx.skip(
          "order",
          ctx.params.shopifyOrderId,
          outcome.kind === "nothing-to-do"
            ? said("orders.nothingToReport")
            : outcome.kind === "unknown"
              ? said("orders.notInRecords")
              : said("orders.cancelledNothingToTell", { destination: destinationName }),
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
    fr: {
      title: "Commandes manquées",
      description:
        "Retrouve les commandes Shopify payées des 7 derniers jours jamais transmises (les webhooks peuvent se perdre ou arriver en retard) et les envoie.",
    },
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
    fr: {
      title: "Statuts des commandes",
      description:
        "Lit le statut de chaque commande Shopify pas encore expédiée là où les commandes sont envoyées, quel que soit son chemin ; balise les changements et expédie les commandes avec leur numéro de suivi. Les commandes inconnues sont listées.",
    },
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
          checkpoint: () => ctx.checkpoint(),
          // Counted as each order's status is written: a run cancelled half-way says what it had changed.
          change: (name, field, before, after) => {
            if (field === "status") ctx.count({ changed: 1 });
            ctx.change("order", name, field, before, after);
          },
        },
        ctx.shop,
      );
      ctx.count({ seen: result.checked, failed: result.failed });
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
    fr: {
      title: "Livraisons",
      description:
        "Suit chez son transporteur (Chronopost, TNT) chaque commande expédiée des 30 derniers jours et la marque comme livrée dans Shopify.",
    },
    defaultSchedule: { cron: "50 * * * *" },
    retry: { maxAttempts: 3, baseDelayMs: 60_000 },
    needs: ["order-status-source"],
    handler: async (ctx) => {
      const [shopify, trackers] = await Promise.all([shopifyClientForShop(ctx.shop), carrierTrackers(ctx.shop)]);
      const result = await syncOrderDeliveries(
        {
          db: ctx.db,
          shopify,
          now: () => ctx.now(),
          skip: (id, reason) => ctx.skip("order", id, reason),
          checkpoint: () => ctx.checkpoint(),
          // Counted as each delivery is written: a run cancelled half-way says what it had marked.
          change: (name, state) => {
            if (state === "delivered") ctx.count({ changed: 1 });
            ctx.change("order", name, "delivery", null, state);
          },
        },
        ctx.shop,
        (carrier) => trackerFor(carrier, trackers),
      );
      ctx.count({ seen: result.checked, failed: result.failed });
      return result;
    },
  }),
);
