// First import (the seed's id check before the first season import): products already in Shopify, made by hand before
// the catalog import existed, are matched to the source's products by SKU, then by barcode. A match gets
// the source's id metafield and a link row, so the next import updates it instead of creating a second
// product. Conflicts are listed, never guessed: one SKU on two Shopify products, a Shopify product whose
// variants point at two source products, two Shopify products for one source product, a product that
// already carries another id. A source SKU the merchant linked on the Unmatched screen is matched under the
// Shopify SKU it was linked to (ADR 0022).
import type { CatalogSource } from "../../capabilities/catalog-source";
import type { Db } from "../../db.server";
import type { ShopifyAdminClient } from "../../shopify/admin-client.server";
import {
  catalogProducts,
  ensureProductIdDefinition,
  PRODUCT_IDS_PER_CALL,
  setProductIds,
  type ShopifyCatalogVariant,
} from "../../shopify/catalog.server";
import type { SyncReporter } from "../sync-context";
import { forgetSeasonCounts } from "./import.server";
import { saveLinks, type LinkWrite } from "./links.server";
import { said, type Said } from "../../i18n/stored-words";
import { skuResolution } from "../unmatched/decisions.server";

export interface FirstImportDeps {
  db: Db;
  shop: string;
  client: ShopifyAdminClient;
  source: CatalogSource;
  sourceName: string;
  report: SyncReporter;
  /** Dry run: list matches and conflicts, write nothing. */
  dryRun?: boolean;
  bulkPollMs?: number;
}

export interface FirstImportConflict {
  productId: string;
  title: string;
  reason: string;
}

export interface FirstImportResult {
  seasons: string[];
  shopifyProducts: number;
  matched: { productId: string; title: string; sourceKey: string; by: "sku" | "barcode" }[];
  alreadyLinked: number;
  unmatched: number;
  conflicts: FirstImportConflict[];
  writes: number;
}

interface ShopifyProduct {
  id: string;
  title: string;
  sourceKey: string | null;
  variants: ShopifyCatalogVariant[];
}

export async function linkExistingProducts(seasons: string[], deps: FirstImportDeps): Promise<FirstImportResult> {
  const { db, shop, client, source, report } = deps;
  const idField = source.productIdMetafield;
  // The source's side: SKU → product, barcode → products (a barcode shared by two is no evidence).
  const bySku = new Map<string, string>();
  const byBarcode = new Map<string, Set<string>>();
  const seasonOf = new Map<string, string>();
  const skus = await skuResolution(db, shop);
  for (const season of seasons) {
    report.progress(0, null, said("catalog.phase.readingSeason", { season, source: deps.sourceName }));
    const read = await source.productsOf(season, (product) => {
      seasonOf.set(product.sourceKey, season);
      for (const v of product.variants) {
        // A linked SKU is found in Shopify under the SKU it was linked to; an ignored one is not looked for.
        const shopifySku = skus.shopifySkuOf(v.sku);
        if (shopifySku !== null) bySku.set(shopifySku, product.sourceKey);
        if (v.barcode) byBarcode.set(v.barcode, (byBarcode.get(v.barcode) ?? new Set()).add(product.sourceKey));
      }
    });
    for (const s of read.skipped) report.skip("product-row", s.externalId, s.words ?? s.reason);
  }
  report.progress(0, null, said("catalog.phase.readingShopify"));
  const products: ShopifyProduct[] = [];
  const productsOfSku = new Map<string, Set<string>>();
  for await (const product of catalogProducts(client, idField, {
    pollMs: deps.bulkPollMs,
    checkpoint: () => report.checkpoint(),
  })) {
    products.push(product);
    for (const v of product.variants)
      if (v.sku && bySku.has(v.sku)) productsOfSku.set(v.sku, (productsOfSku.get(v.sku) ?? new Set()).add(product.id));
  }
  const titleOf = new Map(products.map((p) => [p.id, p.title]));

  const result: FirstImportResult = {
    seasons,
    shopifyProducts: products.length,
    matched: [],
    alreadyLinked: 0,
    unmatched: 0,
    conflicts: [],
    writes: 0,
  };
  const conflict = (product: ShopifyProduct, reason: Said) => {
    result.conflicts.push({ productId: product.id, title: product.title, reason: reason.text });
    report.skip("product", product.id, said("firstImport.conflict", { title: product.title, reason }));
  };
  const candidates = new Map<string, { product: ShopifyProduct; by: "sku" | "barcode" }[]>();
  for (const product of products) {
    const keys = new Set<string>();
    let skuHits = 0;
    const shared: string[] = [];
    for (const v of product.variants) {
      const bySkuKey = v.sku ? bySku.get(v.sku) : undefined;
      if (bySkuKey) {
        keys.add(bySkuKey);
        skuHits++;
        if (productsOfSku.get(v.sku!)!.size > 1) shared.push(v.sku!);
        continue;
      }
      const byCode = v.barcode ? byBarcode.get(v.barcode) : undefined;
      if (byCode?.size === 1) keys.add([...byCode][0]!);
    }
    const by = skuHits > 0 ? "sku" : "barcode";
    if (shared.length) {
      const others = [...productsOfSku.get(shared[0]!)!].filter((id) => id !== product.id);
      conflict(
        product,
        said("firstImport.sharedSku", {
          sku: shared[0]!,
          others: others.map((id) => `"${titleOf.get(id)}"`).join(", "),
          key: bySku.get(shared[0]!) ?? "",
        }),
      );
      continue;
    }
    if (keys.size === 0) {
      result.unmatched++;
      continue;
    }
    if (keys.size > 1) {
      conflict(
        product,
        said("firstImport.manySourceProducts", {
          count: keys.size,
          source: deps.sourceName,
          keys: [...keys].sort().join(", "),
        }),
      );
      continue;
    }
    const key = [...keys][0]!;
    if (product.sourceKey && product.sourceKey !== key) {
      conflict(product, said("firstImport.otherId", { field: idField.name, current: product.sourceKey, key }));
      continue;
    }
    candidates.set(key, [...(candidates.get(key) ?? []), { product, by }]);
  }
  const matches: { product: ShopifyProduct; key: string; by: "sku" | "barcode" }[] = [];
  for (const [key, list] of candidates) {
    if (list.length > 1) {
      for (const { product } of list)
        conflict(
          product,
          said("firstImport.manyShopifyProducts", {
            source: deps.sourceName,
            key,
            count: list.length,
            titles: list.map((c) => `"${c.product.title}"`).join(", "),
          }),
        );
      continue;
    }
    matches.push({ ...list[0]!, key });
  }
  for (const m of matches) {
    if (m.product.sourceKey === m.key) result.alreadyLinked++;
    else result.matched.push({ productId: m.product.id, title: m.product.title, sourceKey: m.key, by: m.by });
  }
  if (deps.dryRun) return result;
  report.count({ seen: products.length });

  // Linked products are sent whole by the next import: the seasons' kept counts no longer hold. Forgotten
  // before the first link, so a run stopped half-way leaves no count that ignores its links.
  if (matches.length) await forgetSeasonCounts(db, shop, seasons);
  const link = async (product: ShopifyProduct, key: string) => {
    // hash "" so the next import sends the whole product; every Shopify variant is linked with what it is
    // now, so one the source does not list is kept when the product is sent.
    // The variants first: a run cut before the product's link leaves the product unlinked, never linked
    // without its variants (which would let the next import drop the ones the source does not list).
    const links: LinkWrite[] = [
      ...product.variants.map((v) => ({
        entity: "variant",
        localId: v.sku ?? `shopify:${v.id}`,
        remoteId: v.id,
        groupKey: key,
        detail: JSON.stringify(v.setInput),
      })),
      { entity: "product", localId: key, remoteId: product.id, hash: "", groupKey: seasonOf.get(key) ?? "" },
    ];
    await saveLinks(db, shop, links);
  };
  // Those carrying their id already are linked here only: nothing to write in Shopify.
  for (const m of matches) if (m.product.sourceKey === m.key) await link(m.product, m.key);

  const productOf = new Map(products.map((p) => [p.id, p]));
  const refused = new Set<string>();
  if (result.matched.length) {
    await report.checkpoint();
    if (await ensureProductIdDefinition(client, idField)) result.writes++;
  }
  // A call's worth at a time, each marked in Shopify and then linked here, counted and recorded as it
  // lands: a cancel stops right before the next call, and the run lists what it had linked.
  for (let i = 0; i < result.matched.length; i += PRODUCT_IDS_PER_CALL) {
    const batch = result.matched.slice(i, i + PRODUCT_IDS_PER_CALL);
    await report.checkpoint();
    const written = await setProductIds(
      client,
      idField,
      batch.map((m) => ({ productId: m.productId, sourceKey: m.sourceKey })),
    );
    result.writes += written.calls;
    for (const e of written.errors) {
      refused.add(e.productId);
      conflict(productOf.get(e.productId)!, said("firstImport.idRefused", { field: idField.name, message: e.message }));
    }
    for (const m of batch) {
      if (refused.has(m.productId)) continue;
      await link(productOf.get(m.productId)!, m.sourceKey);
      report.count({ changed: 1 });
      report.change("product", m.productId, idField.name, null, m.sourceKey);
    }
  }
  result.matched = result.matched.filter((m) => !refused.has(m.productId));
  return result;
}
