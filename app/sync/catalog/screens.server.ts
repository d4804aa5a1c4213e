// Use-cases behind the Catalog screen and its JSON API: the source's seasons with their counts (in the
// source, in Shopify, changed since the last import — as counted by the season's last import or preview,
// so loading the screen reads the source's season list only), a season's preview (a dry run: what would
// be created, updated, left alone or refused, with reasons; nothing written to Shopify), the archive
// setting, and "Import season" / "Link existing products" as queued runs the screen follows.
import { providerFor } from "../../connectors/registry.server";
import { db } from "../../db.server";
import { defineWords } from "../../i18n/define";
import type { Locale } from "../../i18n/locale";
import { enqueueJob } from "../../jobs/api.server";
import { jobDeps } from "../../jobs/deps.server";
import { ValidationError } from "../../lib/errors";
import { pageSize, type Page, type PageRequest } from "../../lib/keyset.server";
import { quietReporter } from "../sync-context";
import { importSeason, type CatalogImportResult, type PlannedProduct } from "./import.server";
import { catalogSettings, saveCatalogSettings, type CatalogSettings } from "./settings.server";

const SCREEN_TIMEOUT_MS = 30_000;

export interface SeasonRow {
  key: string;
  name: string;
  /** Products in the source. */
  inSource: number | null;
  /** Products of the season linked to a Shopify product. */
  inShopify: number;
  /** Products the next import would create or update, as of `changedCountedAt`; null: never counted. */
  changed: number | null;
  /** When the season's last import or preview counted `changed` (ISO 8601). */
  changedCountedAt: string | null;
  /** Chosen for the nightly import in the source's settings. */
  scheduled: boolean;
}

export interface CatalogOverview {
  sourceName: string;
  idMetafield: string;
  seasons: SeasonRow[];
  settings: CatalogSettings;
}

const sourceFor = (shop: string) => providerFor({ shop, db, timeoutMs: SCREEN_TIMEOUT_MS }, "catalog-source");

const dryRun = async (
  shop: string,
  season: string,
  source: Awaited<ReturnType<typeof sourceFor>>,
  locale: Locale = "en",
) => {
  const report = quietReporter();
  const { archiveGone } = await catalogSettings(db, shop);
  const result = await importSeason(season, {
    db,
    shop,
    source: source.port,
    sourceName: source.name,
    report,
    options: { dryRun: true, archiveGone, locale },
  });
  return { result, report };
};

/** The seasons with their counts: one read of the source's season list, the rest from the database. */
export async function catalogOverview(shop: string): Promise<CatalogOverview> {
  const source = await sourceFor(shop);
  const [collections, linked, counts, settings] = await Promise.all([
    source.port.collections(),
    db.externalLink.groupBy({ by: ["groupKey"], where: { shop, entity: "product" }, _count: { _all: true } }),
    db.catalogSeasonCount.findMany({ where: { shop } }),
    catalogSettings(db, shop),
  ]);
  const linkedBySeason = new Map(linked.map((l) => [l.groupKey, l._count._all]));
  const countOf = new Map(counts.map((c) => [c.season, c]));
  const chosen = source.port.collectionsToImport;
  const seasons = collections.map((c): SeasonRow => ({
    key: c.key,
    name: c.name,
    inSource: c.products ?? null,
    inShopify: linkedBySeason.get(c.key) ?? 0,
    changed: countOf.get(c.key)?.changed ?? null,
    changedCountedAt: countOf.get(c.key)?.countedAt.toISOString() ?? null,
    scheduled: chosen.length === 0 || chosen.includes(c.key),
  }));
  const field = source.port.productIdMetafield;
  return {
    sourceName: source.name,
    idMetafield: `${field.name} (${field.namespace}.${field.key})`,
    seasons,
    settings,
  };
}

export interface SeasonPreview {
  season: string;
  sourceName: string;
  counts: Omit<CatalogImportResult, "plan" | "season" | "dryRun" | "writes" | "mode" | "failed" | "archived">;
  products: (PlannedProduct & { shopifyProductId: string | null })[];
  /** Rows of the source that could not make a product, with why. */
  skipped: { externalId: string; reason: string }[];
}

const WORDS = defineWords({
  en: {
    seasonCode: "Give a season code (at most 40 characters).",
    nameSeason: "Name the season.",
    required: "required",
  },
  fr: {
    seasonCode: "Indiquez un code de saison (40 caractères au plus).",
    nameSeason: "Indiquez la saison.",
    required: "obligatoire",
  },
});

const checkedSeason = (season: string, locale: Locale = "en") => {
  const trimmed = season.trim();
  if (!trimmed || trimmed.length > 40)
    throw new ValidationError(WORDS[locale].seasonCode, { season: WORDS[locale].required });
  return trimmed;
};

export async function previewSeason(shop: string, season: string, locale: Locale = "en"): Promise<SeasonPreview> {
  const key = checkedSeason(season, locale);
  const source = await sourceFor(shop);
  const { result, report } = await dryRun(shop, key, source, locale);
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
export async function queueSeasonImport(
  shop: string,
  season: string,
  trigger: "manual" | "api" = "manual",
  locale: Locale = "en",
) {
  return enqueueJob(jobDeps, {
    shop,
    type: "catalog.season",
    trigger,
    params: { season: checkedSeason(season, locale) },
  });
}

/** "Link existing products" (first import) as a queued run. */
export async function queueLinkExisting(shop: string, trigger: "manual" | "api" = "manual") {
  return enqueueJob(jobDeps, { shop, type: "catalog.link-existing", trigger });
}

/** The archive setting, from the Catalog screen or PUT /api/catalog/settings. */
export const saveSettings = (shop: string, input: unknown) => saveCatalogSettings(db, shop, input);
export const readSettings = (shop: string) => catalogSettings(db, shop);

export type ProductOutcome = "created" | "updated" | "unchanged" | "skipped" | "linked";

export interface SeasonProducts extends Omit<Page<SeasonProduct>, "items"> {
  season: string;
  /** The season's last finished import, or null when it was never imported. */
  lastRun: { jobId: string; finishedAt: string | null; status: string } | null;
  products: SeasonProduct[];
}

export interface SeasonProduct {
  key: string;
  productId: string | null;
  status: ProductOutcome;
  reason: string | null;
}

const PRODUCTS_PER_PAGE = 50;

/**
 * A season's products with what its last import did to each: created, updated or unchanged (from the
 * link rows and when they were last written), skipped with the run's reason; "linked" when only the first
 * import marked it and no import ran since. In reference order, paged by keyset on the reference (the
 * `after` / `before` cursors are references), with the season's total.
 */
export async function seasonProducts(
  shop: string,
  season: string,
  place: PageRequest = {},
  locale: Locale = "en",
): Promise<SeasonProducts> {
  const key = season.trim();
  if (!key) throw new ValidationError(WORDS[locale].nameSeason, { season: WORDS[locale].required });
  const runs = await db.job.findMany({
    where: { shop, type: "catalog.season", finishedAt: { not: null } },
    orderBy: { finishedAt: "desc" },
    take: 20,
    select: { id: true, paramsJson: true, resultJson: true, startedAt: true, finishedAt: true, status: true },
  });
  const lastRun = runs.find((run) => {
    const params = JSON.parse(run.paramsJson || "{}") as { season?: string };
    if (params.season) return params.season === key;
    const result = JSON.parse(run.resultJson || "{}") as { seasons?: { season: string }[] };
    return result.seasons?.some((s) => s.season === key) ?? false;
  });
  const limit = pageSize(place.limit, PRODUCTS_PER_PAGE, 250);
  // The page's references come from two sorted sources, the season's links and the run's skipped
  // products: the first limit + 1 of each hold the first limit + 1 of both together.
  const backwards = Boolean(place.before);
  const cursor = backwards ? { lt: place.before! } : place.after ? { gt: place.after } : null;
  const read = backwards ? ("desc" as const) : ("asc" as const);
  const linkWhere = { shop, entity: "product", groupKey: key };
  const [links, skipped, linkCount, skippedKeys] = await Promise.all([
    db.externalLink.findMany({
      where: { ...linkWhere, ...(cursor ? { localId: cursor } : {}) },
      orderBy: { localId: read },
      take: limit + 1,
      select: { localId: true, remoteId: true, detail: true, updatedAt: true },
    }),
    lastRun
      ? db.jobSkippedItem.findMany({
          where: { jobId: lastRun.id, entity: "product", ...(cursor ? { externalId: cursor } : {}) },
          orderBy: [{ externalId: read }, { id: read }],
          take: limit + 1,
          select: { externalId: true, reason: true },
        })
      : [],
    db.externalLink.count({ where: linkWhere }),
    lastRun
      ? db.jobSkippedItem
          .groupBy({ by: ["externalId"], where: { jobId: lastRun.id, entity: "product" } })
          .then((groups) => groups.map((g) => g.externalId))
      : ([] as string[]),
  ]);
  // Skipped products that are linked too are counted once.
  const skippedLinked = skippedKeys.length
    ? await db.externalLink.count({ where: { ...linkWhere, localId: { in: skippedKeys } } })
    : 0;
  const rows = new Map<string, SeasonProduct>();
  const since = lastRun?.startedAt ?? null;
  for (const link of links) {
    const written = since !== null && link.updatedAt >= since;
    const status: ProductOutcome = !since
      ? "linked"
      : written && (link.detail === "created" || link.detail === "updated")
        ? link.detail
        : "unchanged";
    rows.set(link.localId, { key: link.localId, productId: link.remoteId || null, status, reason: null });
  }
  for (const item of skipped)
    rows.set(item.externalId, {
      key: item.externalId,
      productId: rows.get(item.externalId)?.productId ?? null,
      status: "skipped",
      reason: item.reason,
    });
  const ordered = [...rows.values()].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  if (backwards) ordered.reverse();
  const more = ordered.length > limit;
  const products = ordered.slice(0, limit);
  if (backwards) products.reverse();
  const first = products[0];
  const last = products[products.length - 1];
  const hasNext = backwards ? products.length > 0 : more;
  const hasPrevious = backwards ? more : Boolean(place.after) && products.length > 0;
  return {
    season: key,
    lastRun: lastRun
      ? { jobId: lastRun.id, finishedAt: lastRun.finishedAt?.toISOString() ?? null, status: lastRun.status }
      : null,
    products,
    total: linkCount + skippedKeys.length - skippedLinked,
    next: hasNext && last ? last.key : null,
    previous: hasPrevious && first ? first.key : null,
  };
}
