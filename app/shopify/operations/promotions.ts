// Promotions: the products of a collection, a product's variants with their prices, product tags
// added and removed, and automatic basic discounts created, found by their tag and deactivated.
import { defineOperation, type UserError } from "../operation";
import type { VariantPrice } from "./variants";

interface Page {
  hasNextPage: boolean;
  endCursor: string | null;
}

export const COLLECTION_PRODUCTS = defineOperation<
  { collection: { id: string; title: string; products: { nodes: { id: string }[]; pageInfo: Page } } | null },
  { id: string; first: number; after?: string | null }
>({
  name: "CollectionProducts",
  expectedCost: ({ first }) => 3 + first,
  document: /* GraphQL */ `
    #graphql
    query CollectionProducts($id: ID!, $first: Int!, $after: String) {
      collection(id: $id) {
        id
        title
        products(first: $first, after: $after) {
          nodes {
            id
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

export const PRODUCT_VARIANT_PRICES = defineOperation<
  { productVariants: { nodes: VariantPrice[]; pageInfo: Page } },
  { query: string; first: number; after?: string | null }
>({
  name: "ProductVariantPrices",
  expectedCost: ({ first }) => 2 + first * 2,
  document: /* GraphQL */ `
    #graphql
    query ProductVariantPrices($query: String!, $first: Int!, $after: String) {
      productVariants(first: $first, after: $after, query: $query) {
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

export const PRODUCT_TAGS_ADD = defineOperation<
  { tagsAdd: { userErrors: UserError[] } | null },
  { id: string; tags: string[] }
>({
  name: "ProductTagsAdd",
  expectedCost: 10,
  document: /* GraphQL */ `
    #graphql
    mutation ProductTagsAdd($id: ID!, $tags: [String!]!) {
      tagsAdd(id: $id, tags: $tags) {
        userErrors {
          field
          message
        }
      }
    }
  `,
});

export const PRODUCT_TAGS_REMOVE = defineOperation<
  { tagsRemove: { userErrors: UserError[] } | null },
  { id: string; tags: string[] }
>({
  name: "ProductTagsRemove",
  expectedCost: 10,
  document: /* GraphQL */ `
    #graphql
    mutation ProductTagsRemove($id: ID!, $tags: [String!]!) {
      tagsRemove(id: $id, tags: $tags) {
        userErrors {
          field
          message
        }
      }
    }
  `,
});

export interface AutomaticDiscountInput {
  title: string;
  startsAt: string;
  endsAt?: string | null;
  /** Promotions tag their discount with `passerelle-promotion-<id>` to find it again after a crash. */
  tags?: string[];
  customerGets: {
    value: { percentage: number };
    items: { products?: { productsToAdd: string[] }; collections?: { add: string[] } };
  };
}

export const AUTOMATIC_DISCOUNT_CREATE = defineOperation<
  {
    discountAutomaticBasicCreate: {
      automaticDiscountNode: { id: string } | null;
      userErrors: UserError[];
    } | null;
  },
  { discount: AutomaticDiscountInput }
>({
  name: "AutomaticDiscountCreate",
  expectedCost: 10,
  document: /* GraphQL */ `
    #graphql
    mutation AutomaticDiscountCreate($discount: DiscountAutomaticBasicInput!) {
      discountAutomaticBasicCreate(automaticBasicDiscount: $discount) {
        automaticDiscountNode {
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

/** Discounts carrying a tag: a promotion's own discount, found again if its id was never saved. */
export const DISCOUNTS_BY_TAG = defineOperation<
  { discountNodes: { nodes: { id: string; discount: { __typename: string; title?: string } }[] } },
  { query: string }
>({
  name: "DiscountsByTag",
  expectedCost: 12,
  document: /* GraphQL */ `
    #graphql
    query DiscountsByTag($query: String!) {
      discountNodes(first: 10, query: $query) {
        nodes {
          id
          discount {
            __typename
            ... on DiscountAutomaticBasic {
              title
            }
          }
        }
      }
    }
  `,
});

export const AUTOMATIC_DISCOUNT_DEACTIVATE = defineOperation<
  {
    discountAutomaticDeactivate: {
      automaticDiscountNode: { id: string } | null;
      userErrors: UserError[];
    } | null;
  },
  { id: string }
>({
  name: "AutomaticDiscountDeactivate",
  expectedCost: 10,
  document: /* GraphQL */ `
    #graphql
    mutation AutomaticDiscountDeactivate($id: ID!) {
      discountAutomaticDeactivate(id: $id) {
        automaticDiscountNode {
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
