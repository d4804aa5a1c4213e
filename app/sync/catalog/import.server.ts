// Products by season: a season's products from the catalog source into Shopify with productSet,
// identified by the source's unique id metafield (`identifier: { customId }`). Only what changed is
// sent: the hash of each product's productSet input is kept in its link row, so a re-run with nothing
// changed writes nothing (and calls Shopify not at all). New products arrive as DRAFT. A few products
// go one call each; many go as one bulk mutation. Variants the source no longer lists are kept in
// Shopify and reported; a product gone from the season can be archived (a setting). Each run and each
// preview ends by keeping the season's count of products the next import would send (the screen's
// "changed since last sync"). The Unmatched screen's decisions are followed (ADR 0022): an ignored SKU is
// not created, a linked one is sent with the SKU of the Shopify variant it was linked to, so that variant
// is updated instead of a second one made.
import { createHash } from "node:crypto";
import type { CatalogProduct, CatalogSource } from "../../capabilities/catalog-source";
import type { Db } from "../../db.server";
import { defineWords } from "../../i18n/define";
import type { Locale } from "../../i18n/locale";
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
import { reportUnreadable, type SyncReporter } from "../sync-context";
import {
  detailsOf,
  hashesByLocalId,
  linksInGroups,
  localIdsWithDetailInGroups,
  saveLinks,
  type LinkWrite,
} from "./links.server";
import { said, type Said } from "../../i18n/stored-words";
import { skuResolution, type SkuResolution } from "../unmatched/decisions.server";

export interface CatalogImportOptions {
  /** List what would happen without writing anything (the screen's Preview). */
  dryRun?: boolean;
  /** From this many products to send, one bulk mutation instead of one call each (default 50). */
  bulkFrom?: number;
  /** Archive the Shopify products whose every variant left the season (default: only report them). */
  archiveGone?: boolean;
  bulkPollMs?: number;
  /** The language of the plan's reasons (the screen's Preview); runs and their logs stay English. */
  locale?: Locale;
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

export type PlannedAction = "create" | "update" | "unchanged" | "refused" | "gone" | "ignored";

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

/** Why a product of the plan is refused or noted, in the admin's language. */
export const PLAN_WORDS = defineWords({
  en: {
    tooManyOptions: (n: number, options: string, max: number) =>
      `${n} options (${options}): Shopify allows at most ${max} options per product`,
    tooManyVariants: (n: number, max: number) =>
      `${n} variants: Shopify allows at most ${max.toLocaleString("en")} variants per product`,
    notSent: (problem: string) => `Not sent to Shopify: ${problem}.`,
    variantsGone: (n: number, source: string, skus: string) =>
      `${n} variant${n > 1 ? "s" : ""} no longer in ${source} (${skus}): kept in Shopify, not deleted.`,
    archived: (source: string, season: string) => `No longer in ${source}'s season ${season}: archived in Shopify.`,
    leftAsIs: (source: string, season: string) =>
      `No longer in ${source}'s season ${season}: left as it is in Shopify.`,
    allIgnored: "Not created: every SKU of it is ignored on the Unmatched screen.",
    linkedNotCreated: (sku: string, shopifySku: string) =>
      `Not created: ${sku} is linked to the Shopify variant ${shopifySku}, which another product holds. Run "Link existing products" so that product is updated instead of a second one made.`,
  },
  fr: {
    tooManyOptions: (n: number, options: string, max: number) =>
      `${n} options (${options}) : Shopify autorise au plus ${max} options par produit`,
    tooManyVariants: (n: number, max: number) =>
      `${n} variantes : Shopify autorise au plus ${max.toLocaleString("fr-FR")} variantes par produit`,
    notSent: (problem: string) => `Non envoyé à Shopify : ${problem}.`,
    variantsGone: (n: number, source: string, skus: string) =>
      `${n} variante${n > 1 ? "s" : ""} qui ne ${n > 1 ? "sont" : "est"} plus dans ${source} (${skus}) : ${n > 1 ? "conservées" : "conservée"} dans Shopify, pas ${n > 1 ? "supprimées" : "supprimée"}.`,
    archived: (source: string, season: string) =>
      `N'est plus dans la saison ${season} de ${source} : archivé dans Shopify.`,
    leftAsIs: (source: string, season: string) =>
      `N'est plus dans la saison ${season} de ${source} : laissé tel quel dans Shopify.`,
    allIgnored: "Non créé : chacun de ses SKU est ignoré dans l'écran SKU sans correspondance.",
    linkedNotCreated: (sku: string, shopifySku: string) =>
      `Non créé : ${sku} est associé à la variante Shopify ${shopifySku}, qu'un autre produit porte. Lancez « Lier les produits existants » pour que ce produit soit mis à jour au lieu d'en créer un second.`,
  },
});

/** Why Shopify would refuse a product, in the merchant's words; null when it fits. */
export function limitProblem(product: CatalogProduct, locale: Locale = "en"): string | null {
  const words = PLAN_WORDS[locale];
  if (product.options.length > SHOPIFY_PRODUCT_LIMITS.options)
    return words.tooManyOptions(product.options.length, product.options.join(", "), SHOPIFY_PRODUCT_LIMITS.options);
  if (product.variants.length > SHOPIFY_PRODUCT_LIMITS.variants)
    return words.tooManyVariants(product.variants.length, SHOPIFY_PRODUCT_LIMITS.variants);
  return null;
}

/** The same problem as limitProblem, said with words for the run's skipped rows. */
function limitSaid(product: CatalogProduct): Said | null {
  if (product.options.length > SHOPIFY_PRODUCT_LIMITS.options)
    return said("catalog.tooManyOptions", {
      count: product.options.length,
      options: product.options.join(", "),
      max: SHOPIFY_PRODUCT_LIMITS.options,
    });
  if (product.variants.length > SHOPIFY_PRODUCT_LIMITS.variants)
    return said("catalog.tooManyVariants", { count: product.variants.length, max: SHOPIFY_PRODUCT_LIMITS.variants });
  return null;
}

/**
 * The product as Shopify should hold it: ignored SKUs left out, linked ones under the SKU of the Shopify
 * variant they were linked to. `linked` names the first linked variant (source SKU → Shopify SKU).
 */
function asShopifyHoldsIt(
  product: CatalogProduct,
  skus: Pick<SkuResolution, "shopifySkuOf">,
): { product: CatalogProduct; ignored: string[]; linked: [string, string] | null } {
  const ignored: string[] = [];
  let linked: [string, string] | null = null;
  const variants: CatalogProduct["variants"] = [];
  for (const v of product.variants) {
    const sku = skus.shopifySkuOf(v.sku);
    if (sku === null) ignored.push(v.sku);
    else if (sku === v.sku) variants.push(v);
    else {
      linked ??= [v.sku, sku];
      variants.push({ ...v, sku });
    }
  }
  return ignored.length || linked
    ? { product: { ...product, variants }, ignored, linked }
    : { product, ignored, linked };
}

const hashOf = (value: unknown) => createHash("sha256").update(JSON.stringify(value)).digest("base64url");

/** A product to send: its productSet input is made again when written (never held for a whole season). */
interface Outgoing {
  product: CatalogProduct;
  planned: PlannedProduct;
  /** Variants Shopify has that the source dropped, as they were last sent (usually none). */
  kept: Record<string, unknown>[];
  hash: string;
  isNew: boolean;
}

/** Products whose link rows are written together (a few statements instead of one transaction each). */
const SETTLE_BATCH = 250;

export async function importSeason(season: string, deps: CatalogImportDeps): Promise<CatalogImportResult> {
  const { db, shop, source, report } = deps;
  const options = deps.options ?? {};
  const dryRun = options.dryRun === true;
  const words = PLAN_WORDS[options.locale ?? "en"];
  const idField = source.productIdMetafield;
  report.progress(0, null, said("catalog.phase.readingSeason", { season, source: deps.sourceName }));
  const skus = await skuResolution(db, shop);
  const products: CatalogProduct[] = [];
  // Ignored SKUs of each product (source SKUs): not created, and not reported as gone when Shopify has them.
  const ignoredOf = new Map<string, Set<string>>();
  const linkedOf = new Map<string, [string, string]>();
  const read = await source.productsOf(season, (p) => {
    const held = asShopifyHoldsIt(p, skus);
    if (held.ignored.length) ignoredOf.set(p.sourceKey, new Set(held.ignored));
    if (held.linked) linkedOf.set(p.sourceKey, held.linked);
    products.push(held.product);
  });
  reportUnreadable(report, deps.sourceName, read.skipped, "product-row");
  await report.checkpoint();

  // What is known of the season's products: the hash last sent (compact: key → hash), the variants
  // each has in Shopify (their SKUs; the input they were sent with is read only for those gone).
  const keys = products.map((p) => p.sourceKey);
  const [hashes, variantSkus, seasonLinks] = await Promise.all([
    hashesByLocalId(db, shop, ENTITY.product, keys),
    localIdsWithDetailInGroups(db, shop, ENTITY.variant, keys),
    linksInGroups(db, shop, ENTITY.product, [season]),
  ]);
  const goneSkus = new Map<string, string[]>();
  const keptQuietly = new Set<string>();
  for (const product of products) {
    const linked = variantSkus.get(product.sourceKey);
    if (!linked) continue;
    const listed = new Set(product.variants.map((v) => v.sku));
    const ignored = ignoredOf.get(product.sourceKey);
    const gone = linked.filter((sku) => !listed.has(sku));
    // An ignored SKU Shopify already has is kept as it is, like a gone one, but not reported.
    if (ignored) for (const sku of gone) if (ignored.has(sku)) keptQuietly.add(sku);
    if (gone.length) goneSkus.set(product.sourceKey, gone);
  }
  variantSkus.clear();
  const goneDetails = await detailsOf(db, shop, ENTITY.variant, [...goneSkus.values()].flat());

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
    const isNew = !hashes.has(product.sourceKey);
    // Every SKU ignored and nothing of it in Shopify to keep: nothing to send.
    const nothingKept = isNew || !goneSkus.get(product.sourceKey)?.length;
    if (product.variants.length === 0 && ignoredOf.has(product.sourceKey) && nothingKept) {
      planned.action = "ignored";
      planned.reason = words.allIgnored;
      continue;
    }
    const linkedPair = linkedOf.get(product.sourceKey);
    if (isNew && linkedPair) {
      // The linked variant lives in a product this import does not know: creating this one would make a
      // second variant with that SKU. Shown, never guessed; the first import links the two.
      planned.action = "refused";
      planned.reason = words.linkedNotCreated(linkedPair[0], linkedPair[1]);
      result.refused++;
      report.skip(
        "product",
        product.sourceKey,
        said("unmatched.catalog.linkedNotCreated", {
          title: product.title,
          key: product.sourceKey,
          sku: linkedPair[0],
          shopifySku: linkedPair[1],
        }),
      );
      continue;
    }
    const problem = limitProblem(product);
    if (problem) {
      planned.action = "refused";
      planned.reason = words.notSent(options.locale ? limitProblem(product, options.locale)! : problem);
      result.refused++;
      report.skip(
        "product",
        product.sourceKey,
        said("catalog.overLimit", { title: product.title, key: product.sourceKey, problem: limitSaid(product)! }),
      );
      continue;
    }
    // Variants Shopify holds that the source dropped: sent again as they were, so productSet keeps them.
    const gone = (goneSkus.get(product.sourceKey) ?? []).filter((sku) => goneDetails.has(sku));
    const reported = gone.filter((sku) => !keptQuietly.has(sku));
    if (reported.length) {
      result.goneVariants += reported.length;
      planned.reason = words.variantsGone(reported.length, deps.sourceName, reported.join(", "));
      for (const sku of reported)
        report.skip("variant", sku, said("catalog.variantGone", { source: deps.sourceName, season }));
    }
    const kept = gone.map((sku) => JSON.parse(goneDetails.get(sku)!) as Record<string, unknown>);
    const hash = hashOf(productSetInput(product, idField, kept));
    const linkHash = hashes.get(product.sourceKey);
    if (linkHash === hash) {
      result.unchanged++;
      continue;
    }
    planned.action = linkHash === undefined ? "create" : "update";
    outgoing.push({ product, planned, kept, hash, isNew: linkHash === undefined });
  }
  hashes.clear();
  goneDetails.clear();
  const current = new Set(keys);
  const goneProducts = seasonLinks.filter((l) => !current.has(l.localId));
  current.clear();
  result.goneProducts = goneProducts.length;
  for (const g of goneProducts) {
    result.plan.push({
      key: g.localId,
      title: g.localId,
      variants: 0,
      action: "gone",
      reason: options.archiveGone ? words.archived(deps.sourceName, season) : words.leftAsIs(deps.sourceName, season),
    });
  }
  report.count({ seen: products.length });
  // Only the products to send are needed from here.
  products.length = 0;
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
  if (!client) throw new Error("importSeason needs a Shopify client to write");
  if (await ensureProductIdDefinition(client, idField)) result.writes++;

  const variablesOf = (o: Outgoing): ProductSetVariables => {
    const input = productSetInput(o.product, idField, o.kept);
    return {
      input: o.isNew ? { ...input, status: "DRAFT" } : input,
      identifier: customIdOf(idField, o.product.sourceKey),
    };
  };
  let done = 0;
  // Link rows of settled products, written a batch at a time: every variant first, then the products'
  // hashes, so a run cut in between sends those products again rather than forgetting their variants.
  let variantLinks: LinkWrite[] = [];
  let productLinks: LinkWrite[] = [];
  const writeLinks = async () => {
    await saveLinks(db, shop, variantLinks);
    await saveLinks(db, shop, productLinks);
    variantLinks = [];
    productLinks = [];
  };
  const settle = async (o: Outgoing, outcome: ProductSetOutcome) => {
    done++;
    report.progress(done, outgoing.length, said("catalog.phase.sendingSeason", { season }));
    const planned = o.planned;
    if (outcome.errors.length || !outcome.productId) {
      result.failed++;
      planned.reason = outcome.errors.map((e) => e.message).join("; ");
      report.fail(
        "product",
        o.product.sourceKey,
        said("catalog.refused", { title: o.product.title, key: o.product.sourceKey, errors: planned.reason }),
      );
      return;
    }
    if (o.isNew) result.created++;
    else result.updated++;
    report.count({ changed: 1 });
    report.change(
      "product",
      o.product.sourceKey,
      "product",
      o.isNew ? null : "as sent before",
      `${o.isNew ? "created (draft)" : "updated"}: ${o.product.title}, ${o.product.variants.length} variant${o.product.variants.length === 1 ? "" : "s"}`,
    );
    const variantIds = new Map(outcome.variants.map((v) => [v.sku, v.id]));
    for (const v of o.product.variants)
      variantLinks.push({
        entity: ENTITY.variant,
        localId: v.sku,
        remoteId: variantIds.get(v.sku) ?? "",
        groupKey: o.product.sourceKey,
        detail: JSON.stringify(variantSetInput(o.product.options, v)),
      });
    productLinks.push({
      entity: ENTITY.product,
      localId: o.product.sourceKey,
      remoteId: outcome.productId,
      hash: o.hash,
      groupKey: season,
      // What this run did to it, for the Catalog screen's per-product status.
      detail: o.isNew ? "created" : "updated",
    });
    if (productLinks.length >= SETTLE_BATCH) await writeLinks();
  };

  if (outgoing.length >= (options.bulkFrom ?? DEFAULT_BULK_FROM)) {
    result.mode = "bulk";
    // The JSONL is written line by line from the products (bulk.server.ts); each result line is
    // settled as it is read, its product's links written with the batch.
    const settled = new Uint8Array(outgoing.length);
    await setProductsInBulk(
      client,
      (function* () {
        for (const o of outgoing) yield variablesOf(o);
      })(),
      async (index, outcome) => {
        const o = outgoing[index];
        if (!o || settled[index]) return;
        settled[index] = 1;
        await settle(o, outcome);
      },
      { pollMs: options.bulkPollMs, checkpoint: () => report.checkpoint() },
    );
    result.writes += outgoing.length;
    for (const [index, o] of outgoing.entries())
      if (!settled[index])
        await settle(o, { productId: null, variants: [], errors: [{ message: "Missing from Shopify's bulk result" }] });
  } else if (outgoing.length) {
    result.mode = "one-by-one";
    for (const o of outgoing) {
      await report.checkpoint();
      const outcome = await setProduct(client, variablesOf(o));
      result.writes++;
      await settle(o, outcome);
      await writeLinks();
    }
  }
  await writeLinks();
  // A cancel seen while a bulk mutation ran stops here, once its products are settled and recorded.
  await report.checkpoint();
  for (const g of toArchive) {
    await report.checkpoint();
    const outcome = await setProduct(client, {
      input: { status: "ARCHIVED" },
      identifier: customIdOf(idField, g.localId),
    });
    result.writes++;
    if (outcome.errors.length) {
      report.skip(
        "product",
        g.localId,
        said("catalog.notArchived", { key: g.localId, errors: outcome.errors.map((e) => e.message).join("; ") }),
      );
      continue;
    }
    result.archived++;
    report.count({ changed: 1 });
    report.change("product", g.localId, "status", null, "archived");
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
