// The catalog as jobs: "Products by season" (the seed's /sync-products-by-season; scheduled nightly over
// the seasons chosen in the catalog source's settings, or one season on demand) and "Link existing
// products" (the seed's first-import id check, on demand). Handlers build the shop's Admin client
// and catalog source, then hand over to the use-cases beside this file. Whether products gone from their
// season are archived is the shop's setting (settings.server.ts); a run's `archiveGone` overrides it.
import { z } from "zod";
import type { CatalogSource } from "../../capabilities/catalog-source";
import { maintenanceWindowsOf, providerFor } from "../../connectors/registry.server";
import type { JobContext } from "../../jobs/context.server";
import { defineJobType, type JobTypeDefinition } from "../../jobs/registry.server";
import { adminClientForShop } from "../../shopify/admin-for-shop.server";
import { linkExistingProducts } from "./first-import.server";
import { importSeason } from "./import.server";
import { catalogSettings } from "./settings.server";

export const catalogJobTypes: JobTypeDefinition[] = [];

const seasonField = z.string().trim().min(1).max(40);

const importParams = z
  .object({
    season: seasonField.optional(),
    archiveGone: z.boolean().optional(),
    bulkFrom: z.number().int().min(1).max(100_000).optional(),
  })
  .strict()
  .default({});

type ImportParams = z.infer<typeof importParams>;

/** The season asked for, or the source's chosen ones (every season it lists when none is chosen). */
async function seasonsFor(source: CatalogSource, season: string | undefined): Promise<string[]> {
  if (season) return [season];
  if (source.collectionsToImport.length) return source.collectionsToImport;
  return (await source.collections()).map((c) => c.key);
}

const catalogSourceFor = (ctx: JobContext<unknown>) =>
  providerFor({ shop: ctx.shop, db: ctx.db, runId: ctx.jobId, report: ctx, timeoutMs: 120_000 }, "catalog-source");

// Nightly, outside the catalog sources' maintenance hours.
const windows = maintenanceWindowsOf("catalog-source");
const nightlyHour = [1, 2, 5, 6].find((h) => windows.every((w) => h < w.fromHour || h >= w.toHour)) ?? 6;

catalogJobTypes.push(
  defineJobType<ImportParams>({
    type: "catalog.season",
    title: "Products by season",
    description:
      "Creates or updates in Shopify the products of the seasons chosen in your catalog source's settings (new ones as drafts), sending only what changed.",
    fr: {
      title: "Produits par saison",
      description:
        "Crée ou met à jour dans Shopify les produits des saisons choisies dans les paramètres de votre source de catalogue (les nouveaux en brouillon), en n'envoyant que ce qui a changé.",
    },
    defaultSchedule: { cron: `30 ${nightlyHour} * * *` },
    needs: ["catalog-source"],
    retry: { maxAttempts: 3, baseDelayMs: 60_000 },
    progress: "items",
    parseParams: (raw) => importParams.parse(raw ?? {}),
    handler: async (ctx) => {
      const [source, client] = await Promise.all([catalogSourceFor(ctx), adminClientForShop(ctx.shop, { db: ctx.db })]);
      const seasons = await seasonsFor(source.port, ctx.params.season);
      // The shop's setting (Catalog screen), unless the run's parameters say otherwise.
      const archiveGone = ctx.params.archiveGone ?? (await catalogSettings(ctx.db, ctx.shop)).archiveGone;
      const results = [];
      for (const season of seasons) {
        const { plan: _plan, ...result } = await importSeason(season, {
          db: ctx.db,
          shop: ctx.shop,
          client,
          source: source.port,
          sourceName: source.name,
          report: ctx,
          options: { archiveGone, bulkFrom: ctx.params.bulkFrom },
        });
        results.push(result);
      }
      return {
        seasons: results,
        writes: results.reduce((n, r) => n + r.writes, 0),
        created: results.reduce((n, r) => n + r.created, 0),
        updated: results.reduce((n, r) => n + r.updated, 0),
      };
    },
  }),
);

const linkParams = z.object({ season: seasonField.optional(), dryRun: z.boolean().optional() }).strict().default({});

catalogJobTypes.push(
  defineJobType<z.infer<typeof linkParams>>({
    type: "catalog.link-existing",
    title: "Link existing products",
    description:
      "First import: finds the products already in Shopify that match your catalog source's by SKU, then barcode, and marks them with its id; lists the conflicts without guessing.",
    fr: {
      title: "Lier les produits existants",
      description:
        "Premier import : retrouve les produits déjà présents dans Shopify qui correspondent à ceux de votre source de catalogue par SKU, puis par code-barres, et les marque avec son identifiant ; liste les conflits sans deviner.",
    },
    needs: ["catalog-source"],
    retry: { maxAttempts: 2, baseDelayMs: 60_000 },
    progress: "phases",
    parseParams: (raw) => linkParams.parse(raw ?? {}),
    handler: async (ctx) => {
      const [source, client] = await Promise.all([catalogSourceFor(ctx), adminClientForShop(ctx.shop, { db: ctx.db })]);
      const seasons = await seasonsFor(source.port, ctx.params.season);
      const result = await linkExistingProducts(seasons, {
        db: ctx.db,
        shop: ctx.shop,
        client,
        source: source.port,
        sourceName: source.name,
        report: ctx,
        dryRun: ctx.params.dryRun,
      });
      return { ...result, matched: result.matched.length, conflicts: result.conflicts.length };
    },
  }),
);
