import { defineOperation, type UserError } from "../operation";

export interface VariantPrice {
  id: string;
  sku: string | null;
  price: string;
  compareAtPrice: string | null;
  product: { id: string };
}

export const VARIANT_PRICES_PAGE = defineOperation<
  { productVariants: { nodes: VariantPrice[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } } },
  { first: number; after?: string | null }
>({
  name: "VariantPricesPage",
  expectedCost: ({ first }) => 2 + first * 2,
  document: /* GraphQL */ `
    #graphql
    query VariantPricesPage($first: Int!, $after: String) {
      productVariants(first: $first, after: $after) {
        nodes {
          id
          sku
          price
          compareAtPrice
          product {
            id
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

export const VARIANT_PRICES_BULK_QUERY = /* GraphQL */ `
  #graphql
  query VariantPricesBulk {
    productVariants {
      edges {
        node {
          id
          sku
          price
          compareAtPrice
          product {
            id
          }
        }
      }
    }
  }
`;

export interface VariantPriceInput {
  id: string;
  price: string;
  compareAtPrice: string | null;
}

export const PRODUCT_VARIANTS_BULK_UPDATE = defineOperation<
  { productVariantsBulkUpdate: { productVariants: { id: string }[] | null; userErrors: UserError[] } | null },
  { productId: string; variants: VariantPriceInput[] }
>({
  name: "ProductVariantsBulkUpdate",
  // Dynamic complexity since 2025-10: 10 + 0.2 per variant.
  expectedCost: ({ variants }) => Math.ceil(10 + 0.2 * variants.length),
  document: /* GraphQL */ `
    #graphql
    mutation ProductVariantsBulkUpdate($productId: ID!, $variants: [ProductVariantsBulkInput!]!) {
      productVariantsBulkUpdate(productId: $productId, variants: $variants) {
        productVariants {
          id
        }
        userErrors {
          field
          message
          code
        }
      }
    }
  `,
});

export interface MappableVariant {
  id: string;
  sku: string | null;
  barcode: string | null;
  displayName: string;
  inventoryItem: { id: string };
}

/** Every variant with what a POS item is matched on (SKU, barcode, name), for the POS item mapping. */
export const MAPPABLE_VARIANTS_PAGE = defineOperation<
  { productVariants: { nodes: MappableVariant[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } } },
  { first: number; after?: string | null }
>({
  name: "MappableVariantsPage",
  expectedCost: ({ first }) => 2 + first * 2,
  document: /* GraphQL */ `
    #graphql
    query MappableVariantsPage($first: Int!, $after: String) {
      productVariants(first: $first, after: $after) {
        nodes {
          id
          sku
          barcode
          displayName
          inventoryItem {
            id
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
