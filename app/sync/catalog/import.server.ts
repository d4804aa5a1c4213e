// Products by season: a season's products from the catalog source into Shopify with productSet,
// identified by the source's unique id metafield (`identifier: { customId }`). Only what changed is
// sent: the hash of each product's productSet input is kept in its link row, so a re-run with nothing
// changed writes nothing (and calls Shopify not at all). New products arrive as DRAFT. A few products
// go one call each; many go as one bulk mutation. Variants the source no longer lists are kept in
// Shopify and reported; a product gone from the season can be archived (a setting). Each run and each
// preview ends by keeping the season's count of products the next import would send (the screen's
// "changed since last sync").
import { createHash } from "node:crypto";
import type { CatalogProduct, CatalogSource } from "../../capabilities/catalog-source";
import type { Db } from "../../db.server";
import type { ShopifyAdminClient } from "../../shopify/admin-client.server";
import {
  SHOPIFY_PRODUCT_LIMITS,
  customIdOf,
  ensureProductIdDefinition,
  productSetInput,
  setProduct,
  setProductsInBulk,
  variantSetInput,
  type ProductSetOutcome,
} from "../../shopify/catalog.server";
import type { ProductSetVariables } from "../../shopify/operations/catalog";
import type { SyncReporter } from "../sync-context";
import { linksByLocalId, linksInGroups, saveLinks, type LinkWrite } from "./links.server";

export interface CatalogImportOptions {
  /** List what would happen without writing anything (the screen's Preview). */
  dryRun?: boolean;
  /** From this many products to send, one bulk mutation instead of one call each (default 50). */
  bulkFrom?: number;
  /** Archive the Shopify products whose every variant left the season (default: only report them). */
  archiveGone?: boolean;
  bulkPollMs?: number;
}

export interface CatalogImportDeps {
  db: Db;
  shop: string;
  /** Not needed for a dry run. */
  client?: ShopifyAdminClient;
  source: CatalogSource;
  sourceName: string;
  report: SyncReporter;
  options?: CatalogImportOptions;
}

export type PlannedAction = "create" | "update" | "unchanged" | "refused" | "gone";

export interface PlannedProduct {
  key: string;
  title: string;
  variants: number;
  action: PlannedAction;
  /** Why it is refused, or what else the merchant should know (variants gone from the source). */
  reason?: string;
}

export interface CatalogImportResult {
  season: string;
  dryRun: boolean;
  products: number;
  variants: number;
  created: number;
  updated: number;
  unchanged: number;
  refused: number;
  failed: number;
  /** Variants Shopify has that the source no longer lists (kept, never deleted). */
  goneVariants: number;
  /** Linked products no longer in the season (archived when the setting says so). */
  goneProducts: number;
  archived: number;
  /** Writes sent to Shopify: productSet calls or bulk lines, and a metafield definition created. */
  writes: number;
  mode: "none" | "one-by-one" | "bulk";
  plan: PlannedProduct[];
}

const DEFAULT_BULK_FROM = 50;
const ENTITY = { product: "product", variant: "variant" } as const;

/** Why Shopify would refuse a product, in the merchant's words; null when it fits. */
export function limitProblem(product: CatalogProduct): string | null {
  if (product.options.length > SHOPIFY_PRODUCT_LIMITS.options)
    return `${product.options.length} options (${product.options.join(", ")}): Shopify allows at most ${SHOPIFY_PRODUCT_LIMITS.options} options per product`;
  if (product.variants.length > SHOPIFY_PRODUCT_LIMITS.variants)
    return `${product.variants.length} variants: Shopify allows at most ${SHOPIFY_PRODUCT_LIMITS.variants.toLocaleString("en")} variants per product`;
  return null;
}

const hashOf = (value: unknown) => createHash("sha256").update(JSON.stringify(value)).digest("base64url");

interface Outgoing {
  product: CatalogProduct;
  input: Record<string, unknown>;
  hash: string;
  isNew: boolean;
}

export async function importSeason(season: string, deps: CatalogImportDeps): Promise<CatalogImportResult> {
  const { db, shop, source, report } = deps;
  const options = deps.options ?? {};
  const dryRun = options.dryRun === true;
  const idField = source.productIdMetafield;
  report.progress(0, null, `Reading season ${season} from ${deps.sourceName}`);
  const products: CatalogProduct[] = [];
  const read = await source.productsOf(season, (p) => products.push(p));
  for (const s of read.skipped) report.skip("product-row", s.externalId, s.reason);
  await report.checkpoint();

  const keys = products.map((p) => p.sourceKey);
  const [productLinks, variantLinks, seasonLinks] = await Promise.all([
    linksByLocalId(db, shop, ENTITY.product, keys),
    linksInGroups(db, shop, ENTITY.variant, keys),
    linksInGroups(db, shop, ENTITY.product, [season]),
  ]);
  const variantsOf = new Map<string, typeof variantLinks>();
  for (const link of variantLinks) variantsOf.set(link.groupKey, [...(variantsOf.get(link.groupKey) ?? []), link]);

  const result: CatalogImportResult = {
    season,
    dryRun,
    products: products.length,
    variants: products.reduce((n, p) => n + p.variants.length, 0),
    created: 0,
    updated: 0,
    unchanged: 0,
    refused: 0,
    failed: 0,
    goneVariants: 0,
    goneProducts: 0,
    archived: 0,
    writes: 0,
    mode: "none",
    plan: [],
  };
  const outgoing: Outgoing[] = [];
  for (const product of products) {
    const planned: PlannedProduct = {
      key: product.sourceKey,
      title: product.title,
      variants: product.variants.length,
      action: "unchanged",
    };
    result.plan.push(planned);
    const problem = limitProblem(product);
    if (problem) {
      planned.action = "refused";
      planned.reason = `Not sent to Shopify: ${problem}.`;
      result.refused++;
      report.skip("product", product.sourceKey, `${product.title} (${product.sourceKey}) has ${problem}.`);
      continue;
    }
    // Variants Shopify holds that the source dropped: sent again as they were, so productSet keeps them.
    const listed = new Set(product.variants.map((v) => v.sku));
    const gone = (variantsOf.get(product.sourceKey) ?? []).filter((l) => !listed.has(l.localId) && l.detail);
    if (gone.length) {
      result.goneVariants += gone.length;
      planned.reason = `${gone.length} variant${gone.length > 1 ? "s" : ""} no longer in ${deps.sourceName} (${gone.map((g) => g.localId).join(", ")}): kept in Shopify, not deleted.`;
      for (const g of gone)
        report.skip(
          "variant",
          g.localId,
          `No longer in ${deps.sourceName}'s season ${season}: kept in Shopify, not deleted.`,
        );
    }
    const input = productSetInput(
      product,
      idField,
      gone.map((g) => JSON.parse(g.detail!) as Record<string, unknown>),
    );
    const hash = hashOf(input);
    const link = productLinks.get(product.sourceKey);
    if (link && link.hash === hash) {
      result.unchanged++;
      continue;
    }
    planned.action = link ? "update" : "create";
    outgoing.push({ product, input, hash, isNew: !link });
  }
  const current = new Set(keys);
  const goneProducts = seasonLinks.filter((l) => !current.has(l.localId));
  result.goneProducts = goneProducts.length;
  for (const g of goneProducts) {
    result.plan.push({
      key: g.localId,
      title: g.localId,
      variants: 0,
      action: "gone",
      reason: options.archiveGone
        ? `No longer in ${deps.sourceName}'s season ${season}: archived in Shopify.`
        : `No longer in ${deps.sourceName}'s season ${season}: left as it is in Shopify.`,
    });
  }
  report.count({ seen: products.length });
  if (dryRun) {
    result.created = outgoing.filter((o) => o.isNew).length;
    result.updated = outgoing.length - result.created;
    await saveSeasonCount(db, shop, season, result.created + result.updated, report.now());
    return result;
  }
  const toArchive = options.archiveGone ? goneProducts.filter((g) => g.hash !== "archived") : [];
  if (outgoing.length === 0 && toArchive.length === 0) {
    await saveSeasonCount(db, shop, season, 0, report.now());
    return result;
  }

  const client = deps.client;
  const plannedByKey = new Map(result.plan.map((p) => [p.key, p]));
  if (!client) throw new Error("importSeason needs a Shopify client to write");
  if (await ensureProductIdDefinition(client, idField)) result.writes++;

  const variablesOf = (o: Outgoing): ProductSetVariables => ({
    input: o.isNew ? { ...o.input, status: "DRAFT" } : o.input,
    identifier: customIdOf(idField, o.product.sourceKey),
  });
  let done = 0;
  const settle = async (o: Outgoing, outcome: ProductSetOutcome) => {
    done++;
    report.progress(done, outgoing.length, `Sending season ${season} to Shopify`);
    const planned = plannedByKey.get(o.product.sourceKey)!;
    if (outcome.errors.length || !outcome.productId) {
      result.failed++;
      planned.reason = outcome.errors.map((e) => e.message).join("; ");
      report.count({ failed: 1 });
      report.skip(
        "product",
        o.product.sourceKey,
        `Shopify refused ${o.product.title} (${o.product.sourceKey}): ${planned.reason}`,
      );
      return;
    }
    if (o.isNew) result.created++;
    else result.updated++;
    report.count({ changed: 1 });
    const variantIds = new Map(outcome.variants.map((v) => [v.sku, v.id]));
    const links: LinkWrite[] = [
      {
        entity: ENTITY.product,
        localId: o.product.sourceKey,
        remoteId: outcome.productId,
        hash: o.hash,
        groupKey: season,
      },
      ...o.product.variants.map((v) => ({
        entity: ENTITY.variant,
        localId: v.sku,
        remoteId: variantIds.get(v.sku) ?? "",
        groupKey: o.product.sourceKey,
        detail: JSON.stringify(variantSetInput(o.product.options, v)),
      })),
    ];
    await saveLinks(db, shop, links);
  };

  if (outgoing.length >= (options.bulkFrom ?? DEFAULT_BULK_FROM)) {
    result.mode = "bulk";
    const outcomes: ProductSetOutcome[] = [];
    await setProductsInBulk(client, outgoing.map(variablesOf), (index, outcome) => (outcomes[index] = outcome), {
      pollMs: options.bulkPollMs,
      checkpoint: () => report.checkpoint(),
    });
    result.writes += outgoing.length;
    for (const [index, o] of outgoing.entries())
      await settle(
        o,
        outcomes[index] ?? {
          productId: null,
          variants: [],
          errors: [{ message: "Missing from Shopify's bulk result" }],
        },
      );
  } else if (outgoing.length) {
    result.mode = "one-by-one";
    for (const o of outgoing) {
      await report.checkpoint();
      const outcome = await setProduct(client, variablesOf(o));
      result.writes++;
      await settle(o, outcome);
    }
  }
  for (const g of toArchive) {
    const outcome = await setProduct(client, {
      input: { status: "ARCHIVED" },
      identifier: customIdOf(idField, g.localId),
    });
    result.writes++;
    if (outcome.errors.length) {
      report.skip(
        "product",
        g.localId,
        `Shopify did not archive ${g.localId}: ${outcome.errors.map((e) => e.message).join("; ")}`,
      );
      continue;
    }
    result.archived++;
    await saveLinks(db, shop, [{ entity: ENTITY.product, localId: g.localId, remoteId: g.remoteId, hash: "archived" }]);
  }
  // Sent products have their hash: only those Shopify refused would be sent again.
  await saveSeasonCount(db, shop, season, result.failed, report.now());
  return result;
}

/** Seasons whose kept count no longer holds (their link rows changed outside an import): "not counted". */
export async function forgetSeasonCounts(db: Db, shop: string, seasons: string[]) {
  await db.catalogSeasonCount.deleteMany({ where: { shop, season: { in: seasons } } });
}

/**
 * Keeps what the next import of `season` would create or update, counted at the end of a run or a preview,
 * so the Catalog screen shows "changed since last sync" without reading the source.
 */
async function saveSeasonCount(db: Db, shop: string, season: string, changed: number, countedAt: Date) {
  await db.catalogSeasonCount.upsert({
    where: { shop_season: { shop, season } },
    create: { shop, season, changed, countedAt },
    update: { changed, countedAt },
  });
}
