// Publishing ready-to-sell products: the draft products with what the readiness rules read, the shop's
// sales channels, setting a product ACTIVE and publishing it to channels.
import { defineOperation, type UserError } from "../operation";

export interface DraftProduct {
  id: string;
  title: string;
  descriptionHtml: string;
  mediaCount: { count: number } | null;
  totalInventory: number;
  variants: { nodes: { price: string }[] };
  metafield: { value: string } | null;
}

export const DRAFT_PRODUCTS_PAGE = defineOperation<
  { products: { nodes: DraftProduct[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } } },
  { first: number; after?: string | null; query: string; namespace: string; key: string }
>({
  name: "DraftProductsPage",
  // Per product: itself 1, mediaCount 1, 50 variants 52, the metafield 1.
  expectedCost: ({ first }) => 2 + first * 55,
  document: /* GraphQL */ `
    #graphql
    query DraftProductsPage($first: Int!, $after: String, $query: String!, $namespace: String!, $key: String!) {
      products(first: $first, after: $after, query: $query) {
        nodes {
          id
          title
          descriptionHtml
          mediaCount {
            count
          }
          totalInventory
          variants(first: 50) {
            nodes {
              price
            }
          }
          metafield(namespace: $namespace, key: $key) {
            value
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

export const SALES_CHANNELS = defineOperation<{ publications: { nodes: { id: string; name: string }[] } }>({
  name: "SalesChannels",
  expectedCost: 2 + 50,
  document: /* GraphQL */ `
    #graphql
    query SalesChannels {
      publications(first: 50) {
        nodes {
          id
          name
        }
      }
    }
  `,
});

export const PRODUCT_ACTIVATE = defineOperation<
  { productUpdate: { product: { id: string; status: string } | null; userErrors: UserError[] } | null },
  { id: string }
>({
  name: "ProductActivate",
  expectedCost: 10,
  document: /* GraphQL */ `
    #graphql
    mutation ProductActivate($id: ID!) {
      productUpdate(product: { id: $id, status: ACTIVE }) {
        product {
          id
          status
        }
        userErrors {
          field
          message
        }
      }
    }
  `,
});

export const PRODUCT_PUBLISH = defineOperation<
  { publishablePublish: { userErrors: UserError[] } | null },
  { id: string; input: { publicationId: string }[] }
>({
  name: "ProductPublish",
  expectedCost: 10,
  document: /* GraphQL */ `
    #graphql
    mutation ProductPublish($id: ID!, $input: [PublicationInput!]!) {
      publishablePublish(id: $id, input: $input) {
        userErrors {
          field
          message
        }
      }
    }
  `,
});
