// A system the shop lists chosen Shopify products on (a marketplace: Tuyo). The publishing use-case hands
// it products in neutral shape; the connector decides what its API needs, refuses what it cannot list
// (with a reason the merchant can read) before sending anything, and sends only what changed.
import type { Said } from "../i18n/stored-words";

export interface ListingVariant {
  sku: string;
  /** One value per product option, in the product's option order ("8", "Negro"); empty without options. */
  optionValues: string[];
  /** Selling price in the shop's currency. */
  price: number;
  imageUrl?: string;
  weightGrams?: number;
  /** What the shop can sell now (Shopify's available quantity). */
  available: number;
}

export interface ListingProduct {
  /** The Shopify product (gid). */
  productId: string;
  title: string;
  description: string;
  productType: string;
  tags: string[];
  /** Collections (gids) the product is in. */
  collectionIds: string[];
  /** Option names in order ("Talla", "Color"); empty for a product without options. */
  options: string[];
  /** Image URLs, first is the main one (Shopify's CDN). */
  imageUrls: string[];
  variants: ListingVariant[];
  /** Package size when the shop knows it (a metafield), in centimetres. */
  dimensionsCm?: { length: number; width: number; height: number };
}

export interface ListingOutcome {
  productId: string;
  state: "listed" | "updated" | "unchanged" | "refused" | "failed";
  /** In English. */
  reason?: string;
  /** The reason's key and values, when said with one: a run shows it in the reader's language. */
  words?: Said;
}

export interface CatalogDestination {
  /** Lists new products, sends what changed of listed ones, leaves unchanged ones alone. */
  publish(products: ListingProduct[]): Promise<ListingOutcome[]>;
  /**
   * Takes products off the marketplace (deactivated, kept for a later re-listing): the products it took
   * off (those listed there), once the marketplace has them off.
   */
  unpublish(productIds: string[]): Promise<{ unlisted: string[] }>;
  /** The Shopify products (gids) listed there now, for the run that re-sends changes. */
  listedProductIds(): Promise<string[]>;
}
