// Use-cases behind the Catalog screen and its JSON API: the source's seasons with their counts (in the
// source, in Shopify, changed since the last import), a season's preview (a dry run: what would be
// created, updated, left alone or refused, with reasons; nothing written), and "Import season" / "Link
// existing products" as queued runs the screen follows.
import { providerFor } from "../../connectors/registry.server";
import { db } from "../../db.server";
import { enqueueJob } from "../../jobs/api.server";
import { jobDeps } from "../../jobs/deps.server";
import { ValidationError } from "../../lib/errors";
import { quietReporter } from "../sync-context";
import { importSeason, type CatalogImportResult, type PlannedProduct } from "./import.server";

/** Seasons whose "changed" count is worked out on the screen (each one is a read of the source). */
const CHANGED_COUNTED_FOR = 6;
const SCREEN_TIMEOUT_MS = 30_000;

export interface SeasonRow {
  key: string;
  name: string;
  /** Products in the source. */
  inSource: number | null;
  /** Products of the season linked to a Shopify product. */
  inShopify: number;
  /** Products the next import would create or update; null when not worked out (older seasons). */
  changed: number | null;
  /** Chosen for the nightly import in the source's settings. */
  scheduled: boolean;
}

export interface CatalogOverview {
  sourceName: string;
  idMetafield: string;
  seasons: SeasonRow[];
}

const sourceFor = (shop: string) => providerFor({ shop, db, timeoutMs: SCREEN_TIMEOUT_MS }, "catalog-source");

const dryRun = async (shop: string, season: string, source: Awaited<ReturnType<typeof sourceFor>>) => {
  const report = quietReporter();
  const result = await importSeason(season, {
    db,
    shop,
    source: source.port,
    sourceName: source.name,
    report,
    options: { dryRun: true },
  });
  return { result, report };
};

export async function catalogOverview(shop: string): Promise<CatalogOverview> {
  const source = await sourceFor(shop);
  const [collections, linked] = await Promise.all([
    source.port.collections(),
    db.externalLink.groupBy({ by: ["groupKey"], where: { shop, entity: "product" }, _count: { _all: true } }),
  ]);
  const linkedBySeason = new Map(linked.map((l) => [l.groupKey, l._count._all]));
  const chosen = source.port.collectionsToImport;
  const seasons: SeasonRow[] = [];
  for (const [index, c] of collections.entries()) {
    const counted = index < CHANGED_COUNTED_FOR || chosen.includes(c.key);
    const changed = counted
      ? await dryRun(shop, c.key, source).then(({ result }) => result.created + result.updated)
      : null;
    seasons.push({
      key: c.key,
      name: c.name,
      inSource: c.products ?? null,
      inShopify: linkedBySeason.get(c.key) ?? 0,
      changed,
      scheduled: chosen.length === 0 || chosen.includes(c.key),
    });
  }
  const field = source.port.productIdMetafield;
  return { sourceName: source.name, idMetafield: `${field.name} (${field.namespace}.${field.key})`, seasons };
}

export interface SeasonPreview {
  season: string;
  sourceName: string;
  counts: Omit<CatalogImportResult, "plan" | "season" | "dryRun" | "writes" | "mode" | "failed" | "archived">;
  products: (PlannedProduct & { shopifyProductId: string | null })[];
  /** Rows of the source that could not make a product, with why. */
  skipped: { externalId: string; reason: string }[];
}

const checkedSeason = (season: string) => {
  const trimmed = season.trim();
  if (!trimmed || trimmed.length > 40)
    throw new ValidationError("Give a season code (at most 40 characters).", { season: "required" });
  return trimmed;
};

export async function previewSeason(shop: string, season: string): Promise<SeasonPreview> {
  const key = checkedSeason(season);
  const source = await sourceFor(shop);
  const { result, report } = await dryRun(shop, key, source);
  const links = await db.externalLink.findMany({
    where: { shop, entity: "product", localId: { in: result.plan.map((p) => p.key) } },
    select: { localId: true, remoteId: true },
  });
  const remote = new Map(links.map((l) => [l.localId, l.remoteId]));
  const { plan, season: _season, dryRun: _dry, writes: _w, mode: _m, failed: _f, archived: _a, ...counts } = result;
  return {
    season: key,
    sourceName: source.name,
    counts,
    products: plan.map((p) => ({ ...p, shopifyProductId: remote.get(p.key) ?? null })),
    skipped: report.skipped
      .filter((s) => s.entity === "product-row")
      .map((s) => ({ externalId: s.externalId, reason: s.reason })),
  };
}

/** "Import season": a queued run of the season's import; the screen follows it on its run page. */
export async function queueSeasonImport(shop: string, season: string, trigger: "manual" | "api" = "manual") {
  return enqueueJob(jobDeps, { shop, type: "catalog.season", trigger, params: { season: checkedSeason(season) } });
}

/** "Link existing products" (first import) as a queued run. */
export async function queueLinkExisting(shop: string, trigger: "manual" | "api" = "manual") {
  return enqueueJob(jobDeps, { shop, type: "catalog.link-existing", trigger });
}
