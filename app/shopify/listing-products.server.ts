// Shopify products for a marketplace listing, read page by page (by collection, by tag, or one by one)
// and handed over in neutral shape (ListingProduct): the connector never sees Shopify's.
import type { ListingProduct } from "../capabilities/catalog-destination";
import type { ShopifyAdminClient } from "./admin-client.server";
import {
  COLLECTION_LISTING_PRODUCTS_PAGE,
  LISTING_PRODUCTS_PAGE,
  PRODUCT_COST,
  type ListingProductNode,
} from "./operations/listing-products";

export type ProductSelection =
  | { kind: "collection"; collectionId: string }
  | { kind: "tag"; tag: string }
  | { kind: "products"; productIds: string[] };

// As many products as one query may ask for (Shopify refuses a query asking more than 1000 points).
const PAGE = Math.max(1, Math.floor((1000 - 3) / PRODUCT_COST));

const GRAMS_PER: Record<string, number> = { GRAMS: 1, KILOGRAMS: 1000, OUNCES: 28.349523125, POUNDS: 453.59237 };

/** A variant's shipping weight in grams; undefined when Shopify has none (0) or an unknown unit. */
export function weightInGrams(weight: { unit: string; value: number } | null | undefined): number | undefined {
  const factor = weight ? GRAMS_PER[weight.unit] : undefined;
  if (!weight || factor === undefined || !(weight.value > 0)) return undefined;
  return Math.round(weight.value * factor);
}

export function toListingProduct(node: ListingProductNode): ListingProduct {
  const options = node.options.map((o) => o.name);
  const onlyDefault = options.length === 1 && options[0] === "Title" && node.variants.nodes.length === 1;
  return {
    productId: node.id,
    title: node.title,
    description: node.description ?? "",
    productType: node.productType ?? "",
    tags: node.tags,
    collectionIds: node.collections.nodes.map((c) => c.id),
    options: onlyDefault ? [] : options,
    imageUrls: node.media.nodes.flatMap((m) => (m.image?.url ? [m.image.url] : [])),
    variants: node.variants.nodes.map((v) => ({
      sku: v.sku ?? "",
      optionValues: onlyDefault
        ? []
        : options.map((name) => v.selectedOptions.find((o) => o.name === name)?.value ?? ""),
      price: Number(v.price),
      weightGrams: weightInGrams(v.inventoryItem?.measurement.weight),
      available: Math.max(0, v.inventoryQuantity ?? 0),
    })),
  };
}

/** Every product of the selection, a page at a time. */
export async function* listingProducts(
  client: ShopifyAdminClient,
  selection: ProductSelection,
): AsyncGenerator<ListingProduct[]> {
  if (selection.kind === "products") {
    for (const id of selection.productIds) {
      const number = /^gid:\/\/shopify\/Product\/(\d+)$/.exec(id)?.[1];
      if (!number) continue;
      const { data } = await client.request(LISTING_PRODUCTS_PAGE, { first: 1, query: `id:${number}` });
      yield data.products.nodes.map(toListingProduct);
    }
    return;
  }
  let after: string | null = null;
  do {
    let page: { nodes: ListingProductNode[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } };
    if (selection.kind === "collection") {
      const { data } = await client.request(COLLECTION_LISTING_PRODUCTS_PAGE, {
        id: selection.collectionId,
        first: PAGE,
        after,
      });
      if (!data.collection) return;
      page = data.collection.products;
    } else {
      const tag = selection.tag.replace(/["\\]/g, "");
      const { data } = await client.request(LISTING_PRODUCTS_PAGE, { first: PAGE, after, query: `tag:"${tag}"` });
      page = data.products;
    }
    yield page.nodes.map(toListingProduct);
    after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
  } while (after);
}
