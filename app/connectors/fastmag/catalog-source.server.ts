// Fastmag as a catalog source: a season's variant rows (one per reference, colour and size) grouped the
// way Shopify holds products. Reference → product; colour and size → options; SKU REF|COLOR|SIZE;
// GENCOD → barcode; price and compare-at from the same rules as the price sync (priceOn over the
// `prices` query, so a shop's override of it counts here too). Rows that cannot make a variant are
// skipped with a reason; the rest of their product still goes.
import type { CatalogProduct, CatalogSource, CatalogVariant } from "../../capabilities/catalog-source";
import { priceOn } from "../../domain/catalog";
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

const describe = (reference: string, row: { color: string; size: string }) =>
  `ref ${[reference, row.color, row.size].filter(Boolean).join(" ")}`;

type PriceOf = (sku: string) => { price: number; compareAtPrice?: number } | undefined;

/** What a product needs of one variant row (the product's own fields are kept once, not per row). */
interface VariantFields {
  sku: string;
  color: string;
  size: string;
  barcode?: string;
  price: number;
  weightKg?: number;
  /** The price by the price rules, once read (undefined: the row's own regular price). */
  shown?: { price: number; compareAtPrice?: number };
  /** Another row of the season with the same SKU (rare; it gets the same price). */
  sameSku?: VariantFields;
}

interface ReferenceRows {
  title: string;
  brand?: string;
  family?: string;
  description?: string;
  seasons: Set<string>;
  variants: VariantFields[];
}

/**
 * A season's rows grouped by reference as they are read, keeping only the fields a product is made of
 * (a season of 30,000 rows is never held as rows). `skus` lists every row's SKU, inactive ones
 * included (the price read is filtered by it). Inactive rows are left out of the products (a variant no
 * longer sold is reported by the sync as gone, never deleted).
 */
export class SeasonRowGroups {
  /** Every row's SKU; null for an inactive row. */
  private readonly bySku = new Map<string, VariantFields | null>();
  private readonly byReference = new Map<string, ReferenceRows>();

  has(sku: string) {
    return this.bySku.has(sku);
  }

  /** Sets a SKU's price by the price rules; the first one given counts. */
  price(sku: string, shown: () => { price: number; compareAtPrice?: number }) {
    const variant = this.bySku.get(sku);
    if (!variant || variant.shown) return;
    const price = shown();
    for (let v: VariantFields | undefined = variant; v; v = v.sameSku) v.shown = price;
  }

  add(row: SeasonVariantRow) {
    if (!row.active) {
      if (!this.bySku.has(row.sku)) this.bySku.set(row.sku, null);
      return;
    }
    let group = this.byReference.get(row.reference);
    if (!group) {
      group = { title: row.title, brand: row.brand, family: row.family, seasons: new Set(), variants: [] };
      this.byReference.set(row.reference, group);
    }
    if (group.description === undefined && row.description) group.description = row.description;
    if (row.season) group.seasons.add(row.season);
    const { sku, color, size, barcode, price, weightKg } = row;
    const variant: VariantFields = { sku, color, size, barcode, price, weightKg };
    group.variants.push(variant);
    const same = this.bySku.get(sku);
    if (same) variant.sameSku = same;
    this.bySku.set(sku, variant);
  }

  /**
   * Hands each product to `onProduct` in the order its reference first came, letting go of its rows;
   * a variant's price is the one set by `price`, else `priceOf`'s, else the row's own regular price.
   * Returns the rows that cannot make a variant.
   */
  emit(onProduct: (product: CatalogProduct) => void, priceOf?: PriceOf): SkippedRecord[] {
    this.bySku.clear();
    const skipped: SkippedRecord[] = [];
    for (const [reference, group] of this.byReference) {
      this.byReference.delete(reference);
      const product = productOf(reference, group, priceOf, skipped);
      if (product) onProduct(product);
    }
    return skipped;
  }
}

function productOf(
  reference: string,
  group: ReferenceRows,
  priceOf: PriceOf | undefined,
  skipped: SkippedRecord[],
): CatalogProduct | null {
  const { variants } = group;
  const hasColor = variants.some((v) => v.color !== "");
  const hasSize = variants.some((v) => v.size !== "");
  const options = [...(hasColor ? [FASTMAG_OPTIONS.color] : []), ...(hasSize ? [FASTMAG_OPTIONS.size] : [])];
  const kept: CatalogVariant[] = [];
  for (const row of variants) {
    const missing = (hasColor && row.color === "" && "colour") || (hasSize && row.size === "" && "size");
    if (missing) {
      skipped.push({
        externalId: row.sku,
        reason: `${describe(reference, row)}: the ${missing} is empty while other variants of ${reference} have one, so it cannot be an option value`,
      });
      continue;
    }
    const shown = row.shown ?? priceOf?.(row.sku) ?? { price: row.price };
    kept.push({
      sku: row.sku,
      optionValues: [...(hasColor ? [row.color] : []), ...(hasSize ? [row.size] : [])],
      barcode: row.barcode,
      price: shown.price,
      compareAtPrice: shown.compareAtPrice,
      weightGrams: row.weightKg === undefined ? undefined : Math.round(row.weightKg * 1000),
    });
  }
  if (kept.length === 0) return null;
  return {
    sourceKey: reference,
    title: group.title,
    descriptionHtml: descriptionHtml(group.description),
    vendor: group.brand,
    productType: group.family,
    tags: [...group.seasons].sort(),
    options: kept.length === 1 && options.length === 0 ? [] : options,
    variants: kept,
  };
}

/** The products of one season's rows (SeasonRowGroups over rows already read). */
export function groupSeasonRows(
  rows: Iterable<SeasonVariantRow>,
  priceOf: PriceOf,
): { products: CatalogProduct[]; skipped: SkippedRecord[] } {
  const groups = new SeasonRowGroups();
  for (const row of rows) groups.add(row);
  const products: CatalogProduct[] = [];
  const skipped = groups.emit((p) => products.push(p), priceOf);
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
      // Rows are grouped as they are read (only what a product needs of them); prices are read next and
      // set on the season's variants as they come; then each product is handed on and let go.
      const groups = new SeasonRowGroups();
      const skipped = await fastmag.catalog.eachSeasonRow(season, (row) => groups.add(row));
      const at = now();
      const day = fastmagDate(at, settings.timeZone);
      // The first price of a SKU counts (the query sorts the latest reduction first).
      const priceRead = await fastmag.prices.eachPrice(at, (change) =>
        groups.price(change.sku, () => priceOn(change, day)),
      );
      skipped.push(...priceRead.skipped.filter((s) => groups.has(s.externalId)));
      const unusable = groups.emit(onProduct);
      return { skipped: [...skipped, ...unusable] };
    },
  };
}
