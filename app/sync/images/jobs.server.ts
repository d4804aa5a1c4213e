// The image sync as a job: every 2 hours (the seed's /sync-sftp-images), and on demand.
import { providerFor } from "../../connectors/registry.server";
import { defineJobType, type JobTypeDefinition } from "../../jobs/registry.server";
import { adminClientForShop } from "../../shopify/admin-for-shop.server";
import { syncImages } from "./image-sync.server";

export const imagesSyncJob: JobTypeDefinition = defineJobType({
  type: "images.sync",
  title: "Product images",
  description:
    "Every 2 hours, sends the new or changed photos of your image source to the Shopify products they name, and lists the files that match no product.",
  fr: {
    title: "Images des produits",
    description:
      "Toutes les 2 heures, envoie les photos nouvelles ou modifiées de votre source d'images aux produits Shopify qu'elles désignent, et liste les fichiers qui ne correspondent à aucun produit.",
  },
  defaultSchedule: { cron: "20 */2 * * *" },
  needs: ["image-source"],
  retry: { maxAttempts: 3, baseDelayMs: 60_000 },
  progress: "items",
  handler: async (ctx) => {
    const capability = { shop: ctx.shop, db: ctx.db, runId: ctx.jobId, report: ctx, timeoutMs: 60_000 };
    // The system chosen in the settings, else the one set up that gives photos.
    const provider = await providerFor(capability, "image-source");
    try {
      const client = await adminClientForShop(ctx.shop, { db: ctx.db });
      return {
        source: provider.name,
        ...(await syncImages({
          db: ctx.db,
          shop: ctx.shop,
          sourceId: provider.id,
          source: provider.port,
          client,
          report: ctx,
          signal: ctx.signal,
        })),
      };
    } finally {
      await provider.port.close();
    }
  },
});

export const imageJobTypes: JobTypeDefinition[] = [imagesSyncJob];
