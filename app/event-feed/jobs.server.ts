// The event feed's catch-up as a job: hourly for every shop, and on demand (Event feed screen, API).
import { said } from "../i18n/stored-words";
import { defineJobType, type JobTypeDefinition } from "../jobs/registry.server";
import { adminClientForShop } from "../shopify/admin-for-shop.server";
import { reconcileShop } from "./reconcile.server";

export const RECONCILE_JOB = "feed.reconcile";

export const feedJobTypes: JobTypeDefinition[] = [
  defineJobType({
    type: RECONCILE_JOB,
    title: "Event feed catch-up",
    description:
      "Looks in Shopify for orders, fulfillments and products changed since the last check and sends your ERP endpoints the events no webhook brought (marked reconciled).",
    fr: {
      title: "Rattrapage du flux d'événements",
      description:
        "Cherche dans Shopify les commandes, expéditions et produits modifiés depuis la dernière vérification et envoie à vos points de terminaison ERP les événements qu'aucun webhook n'a apportés (marqués comme rapprochés).",
    },
    defaultSchedule: { cron: "25 * * * *" },
    retry: { maxAttempts: 3, baseDelayMs: 60_000 },
    progress: "phases",
    handler: async (ctx) => {
      if ((await ctx.db.feedEndpoint.count({ where: { shop: ctx.shop } })) === 0) {
        ctx.log("info", said("feed.noEndpoint"));
        return { emitted: 0 };
      }
      ctx.progress(0, null, said("feed.phase.checking"));
      const admin = await adminClientForShop(ctx.shop, { db: ctx.db });
      const result = await reconcileShop({ db: ctx.db, admin, now: ctx.now() }, ctx.shop);
      ctx.count({ seen: result.checked.orders + result.checked.products, changed: result.emitted.length });
      ctx.log(
        "info",
        result.emitted.length === 0
          ? said("feed.noneMissed", { from: result.from, to: result.to })
          : said("feed.sentMissed", { count: result.emitted.length, events: result.emitted.slice(0, 20).join(", ") }),
      );
      return { ...result, emitted: result.emitted.length, events: result.emitted.slice(0, 100) };
    },
  }),
];
