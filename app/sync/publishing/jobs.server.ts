// Publishing ready-to-sell products as a job: daily at 21:45 in the shop's time zone (schedules run in
// the shop's zone, so daylight-saving changes keep it at 21:45 local), and on demand ("Publish now").
import { defineJobType, type JobTypeDefinition } from "../../jobs/registry.server";
import { adminClientForShop } from "../../shopify/admin-for-shop.server";
import { publishReadyProducts } from "./publish.server";

export const PUBLISH_READY_JOB = "catalog.publish-ready";

export const publishReadyJob: JobTypeDefinition = defineJobType({
  type: PUBLISH_READY_JOB,
  title: "Publish ready products",
  description:
    "Every day at 21:45, sets the draft products that pass your readiness rules active and publishes them to your sales channels; the others are listed with every reason.",
  fr: {
    title: "Publier les produits prêts",
    description:
      "Chaque jour à 21:45, rend actifs les produits en brouillon qui respectent vos règles de préparation et les publie sur vos canaux de vente ; les autres sont listés avec chaque raison.",
  },
  defaultSchedule: { cron: "45 21 * * *" },
  retry: { maxAttempts: 3, baseDelayMs: 60_000 },
  progress: "phases",
  handler: async (ctx) => {
    const client = await adminClientForShop(ctx.shop, { db: ctx.db });
    return { ...(await publishReadyProducts({ db: ctx.db, shop: ctx.shop, client, report: ctx })) };
  },
});

export const publishingJobTypes: JobTypeDefinition[] = [publishReadyJob];
