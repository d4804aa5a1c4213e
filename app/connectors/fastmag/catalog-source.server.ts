// Fastmag as a catalog source: a season's variant rows (one per reference, colour and size) grouped the
// way Shopify holds products. Reference → product; colour and size → options; SKU REF|COLOR|SIZE;
// GENCOD → barcode; price and compare-at from the same rules as the price sync (priceOn over the
// `prices` query, so a shop's override of it counts here too). Rows that cannot make a variant are
// skipped with a reason; the rest of their product still goes.
import type { CatalogProduct, CatalogSource, CatalogVariant } from "../../capabilities/catalog-source";
import { priceOn, type PriceChange } from "../../domain/catalog";
import type { SkippedRecord } from "../../domain/results";
import type { SeasonVariantRow } from "./catalog.server";
import type { FastmagConnector } from "./index.server";
import { fastmagDate } from "./queries.server";
import type { FastmagSettings } from "./settings.server";

/** Option names on Shopify products made from Fastmag rows. */
export const FASTMAG_OPTIONS = { color: "Color", size: "Size" } as const;

/** The product metafield holding the Fastmag reference (unique: the product's identity in Shopify). */
export const FASTMAG_ID_METAFIELD = { namespace: "passerelle", key: "fastmag_id", name: "FastmagID" } as const;

const escapeHtml = (text: string) =>
  text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

/** Fastmag descriptions are plain text or HTML; plain text becomes paragraphs. */
export function descriptionHtml(text: string | undefined): string | undefined {
  if (!text) return undefined;
  if (/<[a-z][^>]*>/i.test(text)) return text;
  return text
    .split(/\n\s*\n/)
    .map((p) => `<p>${escapeHtml(p.trim()).replace(/\n/g, "<br>")}</p>`)
    .join("");
}

/** Season codes newest first: E24/H24 (summer/winter of 2024) before E23; winter after summer of a year. */
export function newestFirst(a: string, b: string): number {
  const key = (code: string) => {
    const match = /^(\D*)(\d+)(.*)$/.exec(code);
    return match ? { year: Number(match[2]), rest: `${match[1]}${match[3]}` } : { year: -1, rest: code };
  };
  const ka = key(a);
  const kb = key(b);
  return kb.year - ka.year || kb.rest.localeCompare(ka.rest);
}

const describe = (row: SeasonVariantRow) => `ref ${[row.reference, row.color, row.size].filter(Boolean).join(" ")}`;

/**
 * The products of one season's rows. `priceOf` gives a SKU's price by the price rules (undefined: the
 * row's own regular price). Inactive rows are left out (a variant no longer sold is reported by the
 * sync as gone, never deleted).
 */
export function groupSeasonRows(
  rows: Iterable<SeasonVariantRow>,
  priceOf: (sku: string) => { price: number; compareAtPrice?: number } | undefined,
): { products: CatalogProduct[]; skipped: SkippedRecord[] } {
  const byReference = new Map<string, SeasonVariantRow[]>();
  for (const row of rows) {
    if (!row.active) continue;
    const list = byReference.get(row.reference);
    if (list) list.push(row);
    else byReference.set(row.reference, [row]);
  }
  const products: CatalogProduct[] = [];
  const skipped: SkippedRecord[] = [];
  for (const [reference, variants] of byReference) {
    const hasColor = variants.some((v) => v.color !== "");
    const hasSize = variants.some((v) => v.size !== "");
    const options = [...(hasColor ? [FASTMAG_OPTIONS.color] : []), ...(hasSize ? [FASTMAG_OPTIONS.size] : [])];
    const kept: CatalogVariant[] = [];
    for (const row of variants) {
      const missing = (hasColor && row.color === "" && "colour") || (hasSize && row.size === "" && "size");
      if (missing) {
        skipped.push({
          externalId: row.sku,
          reason: `${describe(row)}: the ${missing} is empty while other variants of ${reference} have one, so it cannot be an option value`,
        });
        continue;
      }
      const shown = priceOf(row.sku) ?? { price: row.price };
      kept.push({
        sku: row.sku,
        optionValues: [...(hasColor ? [row.color] : []), ...(hasSize ? [row.size] : [])],
        barcode: row.barcode,
        price: shown.price,
        compareAtPrice: shown.compareAtPrice,
        weightGrams: row.weightKg === undefined ? undefined : Math.round(row.weightKg * 1000),
      });
    }
    if (kept.length === 0) continue;
    const first = variants[0]!;
    const described = variants.find((v) => v.description)?.description;
    products.push({
      sourceKey: reference,
      title: first.title,
      descriptionHtml: descriptionHtml(described),
      vendor: first.brand,
      productType: first.family,
      tags: [...new Set(variants.map((v) => v.season).filter((s): s is string => Boolean(s)))].sort(),
      options: kept.length === 1 && options.length === 0 ? [] : options,
      variants: kept,
    });
  }
  return { products, skipped };
}

export function fastmagCatalogSource(
  fastmag: FastmagConnector,
  settings: FastmagSettings,
  now: () => Date = () => new Date(),
): CatalogSource {
  return {
    productIdMetafield: FASTMAG_ID_METAFIELD,
    collectionsToImport: settings.seasons ?? [],
    collections: async () => {
      const counts = await fastmag.catalog.seasonCounts();
      return counts
        .sort((a, b) => newestFirst(a.season, b.season))
        .map((c) => ({ key: c.season, name: c.season, products: c.products }));
    },
    productsOf: async (season, onProduct) => {
      const rows: SeasonVariantRow[] = [];
      const skipped = await fastmag.catalog.eachSeasonRow(season, (row) => rows.push(row));
      const skus = new Set(rows.map((r) => r.sku));
      const at = now();
      const day = fastmagDate(at, settings.timeZone);
      const prices = new Map<string, PriceChange>();
      const priceRead = await fastmag.prices.eachPrice(at, (change) => {
        // The first price of a SKU counts (the query sorts the latest reduction first).
        if (skus.has(change.sku) && !prices.has(change.sku)) prices.set(change.sku, change);
      });
      skipped.push(...priceRead.skipped.filter((s) => skus.has(s.externalId)));
      const grouped = groupSeasonRows(rows, (sku) => {
        const change = prices.get(sku);
        return change && priceOn(change, day);
      });
      for (const product of grouped.products) onProduct(product);
      return { skipped: [...skipped, ...grouped.skipped] };
    },
  };
}
