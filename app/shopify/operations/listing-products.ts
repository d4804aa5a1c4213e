import { defineOperation } from "../operation";

// Products as a marketplace listing needs them: text, type, tags, collections, options, images (CDN
// URLs) and variants with SKU, price, options, shipping weight and what may be sold. Up to 100 variants,
// 5 images and 5 collections per product, one product a page (Shopify's single-query limit is 1000 points).

export interface ListingProductNode {
  id: string;
  title: string;
  description: string;
  productType: string;
  tags: string[];
  options: { name: string }[];
  collections: { nodes: { id: string }[] };
  media: { nodes: { image?: { url: string } | null }[] };
  variants: {
    nodes: {
      sku: string | null;
      price: string;
      inventoryQuantity: number | null;
      selectedOptions: { name: string; value: string }[];
      inventoryItem: { measurement: { weight: { unit: string; value: number } | null } } | null;
    }[];
  };
}

type Page = { nodes: ListingProductNode[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } };
// Shopify charges a connection as its `first` times what each node costs: about 523 points per product
// (100 variants at 5 with their weight, media, collections), so one product a page stays under the
// 1000-point limit (the points Shopify keeps are those of the variants really there).
export const PRODUCT_COST = 523;

export const LISTING_PRODUCTS_PAGE = defineOperation<
  { products: Page },
  { first: number; after?: string | null; query?: string | null }
>({
  name: "ListingProductsPage",
  expectedCost: ({ first }) => 2 + first * PRODUCT_COST,
  document: /* GraphQL */ `
    #graphql
    query ListingProductsPage($first: Int!, $after: String, $query: String) {
      products(first: $first, after: $after, query: $query) {
        nodes {
          id
          title
          description
          productType
          tags
          options(first: 3) {
            name
          }
          collections(first: 5) {
            nodes {
              id
            }
          }
          media(first: 5) {
            nodes {
              ... on MediaImage {
                image {
                  url
                }
              }
            }
          }
          variants(first: 100) {
            nodes {
              sku
              price
              inventoryQuantity
              selectedOptions {
                name
                value
              }
              inventoryItem {
                measurement {
                  weight {
                    unit
                    value
                  }
                }
              }
            }
          }
        }
        pageInfo {
          hasNextPage
          endCursor
        }
      }
    }
  `,
});

export const COLLECTION_LISTING_PRODUCTS_PAGE = defineOperation<
  { collection: { products: Page } | null },
  { id: string; first: number; after?: string | null }
>({
  name: "CollectionListingProductsPage",
  expectedCost: ({ first }) => 3 + first * PRODUCT_COST,
  document: /* GraphQL */ `
    #graphql
    query CollectionListingProductsPage($id: ID!, $first: Int!, $after: String) {
      collection(id: $id) {
        products(first: $first, after: $after) {
          nodes {
            id
            title
            description
            productType
            tags
            options(first: 3) {
              name
            }
            collections(first: 5) {
              nodes {
                id
              }
            }
            media(first: 5) {
              nodes {
                ... on MediaImage {
                  image {
                    url
                  }
                }
              }
            }
            variants(first: 100) {
              nodes {
                sku
                price
                inventoryQuantity
                selectedOptions {
                  name
                  value
                }
                inventoryItem {
                  measurement {
                    weight {
                      unit
                      value
                    }
                  }
                }
              }
            }
          }
          pageInfo {
            hasNextPage
            endCursor
          }
        }
      }
    }
  `,
});
