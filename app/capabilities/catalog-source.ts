// A system the shop's products come from (Fastmag's seasons first): it hands products already grouped
// the way Shopify holds them, one product with its options and variants, so the catalog sync never
// learns how the system keys its records (Fastmag: one row per reference, colour and size).
import type { Sku } from "../domain/catalog";
import type { SkippedRecord } from "../domain/results";

export interface CatalogVariant {
  sku: Sku;
  /** One value per product option, in the product's option order ("Blue", "M"). */
  optionValues: string[];
  barcode?: string;
  /** Selling price including tax, before any reduction, in the shop's currency. */
  price: number;
  compareAtPrice?: number;
  weightGrams?: number;
}

export interface CatalogProduct {
  /** The product's id in the source, stable across seasons: kept on the Shopify product as its unique
   *  identifier, so a re-run updates the product instead of creating a second one. */
  sourceKey: string;
  title: string;
  descriptionHtml?: string;
  vendor?: string;
  productType?: string;
  tags: string[];
  /** Option names in order ("Color", "Size"); empty for a product without options. */
  options: string[];
  variants: CatalogVariant[];
}

export interface CatalogSource {
  /** The product metafield keeping `sourceKey` in Shopify (a definition with unique values, created by the
   *  app; Fastmag's is "FastmagID"): products are found by it (`identifier: { customId }`). */
  productIdMetafield: { namespace: string; key: string; name: string };
  /** The groups the merchant chose for the scheduled import (Fastmag's "Seasons to import"); empty: every
   *  group the source lists. */
  collectionsToImport: string[];
  /** The groups the source sells products by (Fastmag's seasons), newest first, with product counts. */
  collections(): Promise<{ key: string; name: string; products?: number }[]>;
  /** Every product of one group, handed to `onProduct` one at a time as the answer is read; records the
   *  source could not make a product of are returned as skipped, with a reason the merchant can read. */
  productsOf(
    collectionKey: string,
    onProduct: (product: CatalogProduct) => void,
  ): Promise<{ skipped: SkippedRecord[] }>;
}
