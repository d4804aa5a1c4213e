// The publishing jobs: list a selection of products on the marketplaces the shop set up, take products
// off, and (daily, and after the merchant asks) re-send the listed products so changes made in Shopify
// follow — only the changed ones are sent, by the marketplace connector's hash.
import { z } from "zod";
import { setUpProvidersOf } from "../../connectors/registry.server";
import type { JobContext } from "../../jobs/context.server";
import { defineJobType, type JobTypeDefinition } from "../../jobs/registry.server";
import { adminClientForShop } from "../../shopify/admin-for-shop.server";
import { skuResolution } from "../unmatched/decisions.server";
import { publishProducts, unpublishProducts, type PublishDeps } from "./publish.server";

export const listingJobTypes: JobTypeDefinition[] = [];

const productGid = z.string().regex(/^gid:\/\/shopify\/Product\/\d+$/, "a product gid (gid://shopify/Product/…)");
const selectionParams = z
  .object({
    collectionId: z
      .string()
      .regex(/^gid:\/\/shopify\/Collection\/\d+$/, "a collection gid")
      .optional(),
    tag: z.string().min(1).max(255).optional(),
    productIds: z.array(productGid).min(1).max(50).optional(),
  })
  .strict()
  .refine((p) => [p.collectionId, p.tag, p.productIds].filter((x) => x !== undefined).length === 1, {
    message: "Name exactly one of collectionId, tag or productIds.",
  });
type SelectionParams = z.infer<typeof selectionParams>;

async function publishDeps(ctx: JobContext<unknown>): Promise<PublishDeps> {
  const capability = { shop: ctx.shop, db: ctx.db, runId: ctx.jobId, report: ctx, timeoutMs: 120_000 };
  const providers = await setUpProvidersOf(capability, "catalog-destination");
  return {
    admin: await adminClientForShop(ctx.shop, { db: ctx.db }),
    destinations: providers.map((p) => ({ id: p.id, name: p.name, destination: p.port })),
    report: ctx,
    skus: await skuResolution(ctx.db, ctx.shop),
  };
}

listingJobTypes.push(
  defineJobType<SelectionParams>({
    type: "listings.publish",
    title: "Publish on marketplaces",
    description:
      "Lists the chosen products (a collection, a tag or products) on the marketplaces set up, and sends what changed of those already listed.",
    fr: {
      title: "Publier sur les marketplaces",
      description:
        "Publie les produits choisis (une collection, une balise ou des produits) sur les marketplaces configurées, et envoie ce qui a changé pour ceux déjà publiés.",
    },
    needs: ["catalog-destination"],
    retry: { maxAttempts: 3, baseDelayMs: 60_000 },
    progress: "items",
    parseParams: (raw) => selectionParams.parse(raw ?? {}),
    handler: async (ctx) => {
      const p = ctx.params;
      const selection = p.collectionId
        ? { kind: "collection" as const, collectionId: p.collectionId }
        : p.tag
          ? { kind: "tag" as const, tag: p.tag }
          : { kind: "products" as const, productIds: p.productIds! };
      return { ...(await publishProducts(await publishDeps(ctx), selection)) };
    },
  }),
  defineJobType<{ productIds: string[] }>({
    type: "listings.unpublish",
    title: "Take off marketplaces",
    description: "Deactivates the chosen products on the marketplaces they are listed on.",
    fr: {
      title: "Retirer des marketplaces",
      description: "Désactive les produits choisis sur les marketplaces où ils sont publiés.",
    },
    needs: ["catalog-destination"],
    retry: { maxAttempts: 3, baseDelayMs: 60_000 },
    progress: "items",
    parseParams: (raw) =>
      z
        .object({ productIds: z.array(productGid).min(1).max(250) })
        .strict()
        .parse(raw ?? {}),
    handler: async (ctx) => ({ ...(await unpublishProducts(await publishDeps(ctx), ctx.params.productIds)) }),
  }),
  defineJobType<Record<string, never>>({
    type: "listings.refresh",
    title: "Marketplace listings (changes)",
    description: "Daily, re-reads the products listed on marketplaces and sends only those that changed in Shopify.",
    fr: {
      title: "Annonces sur les marketplaces (modifications)",
      description:
        "Chaque jour, relit les produits publiés sur les marketplaces et n'envoie que ceux qui ont changé dans Shopify.",
    },
    defaultSchedule: { cron: "40 3 * * *" },
    needs: ["catalog-destination"],
    retry: { maxAttempts: 3, baseDelayMs: 300_000 },
    progress: "items",
    parseParams: (raw) =>
      z
        .object({})
        .strict()
        .parse(raw ?? {}) as Record<string, never>,
    handler: async (ctx) => {
      const deps = await publishDeps(ctx);
      const total = { seen: 0, updated: 0, unchanged: 0, refused: 0 };
      for (const one of deps.destinations) {
        const ids = await one.destination.listedProductIds();
        for (let i = 0; i < ids.length; i += 250) {
          const r = await publishProducts(
            { ...deps, destinations: [one] },
            {
              kind: "products",
              productIds: ids.slice(i, i + 250),
            },
          );
          total.seen += r.seen;
          total.updated += r.updated;
          total.unchanged += r.unchanged;
          total.refused += r.refused.length;
        }
      }
      return total;
    },
  }),
);
