import { defineOperation } from "../operation";

interface PageInfo {
  hasNextPage: boolean;
  endCursor: string | null;
}

export interface ReconcileOrdersPage {
  orders: {
    nodes: {
      id: string;
      name: string;
      email: string | null;
      createdAt: string;
      updatedAt: string;
      fulfillments: {
        id: string;
        status: string;
        createdAt: string;
        updatedAt: string;
        trackingInfo: { company: string | null; number: string | null; url: string | null }[];
      }[];
    }[];
    pageInfo: PageInfo;
  };
}

/** Orders (with their fulfillments) updated in a window: `updated_at:>'…' updated_at:<='…'`. */
export const RECONCILE_ORDERS = defineOperation<
  ReconcileOrdersPage,
  { query: string; first: number; after?: string | null }
>({
  name: "FeedReconcileOrders",
  expectedCost: ({ first }) => 2 + first * 4,
  document: /* GraphQL */ `
    #graphql
    query FeedReconcileOrders($query: String!, $first: Int!, $after: String) {
      orders(query: $query, first: $first, after: $after, sortKey: ID) {
        nodes {
          id
          name
          email
          createdAt
          updatedAt
          fulfillments(first: 20) {
            id
            status
            createdAt
            updatedAt
            trackingInfo(first: 5) {
              company
              number
              url
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

export interface ReconcileProductsPage {
  products: {
    nodes: {
      id: string;
      title: string;
      handle: string;
      status: string;
      vendor: string;
      productType: string;
      tags: string[];
      createdAt: string;
      updatedAt: string;
    }[];
    pageInfo: PageInfo;
  };
}

/** Products updated in a window. */
export const RECONCILE_PRODUCTS = defineOperation<
  ReconcileProductsPage,
  { query: string; first: number; after?: string | null }
>({
  name: "FeedReconcileProducts",
  expectedCost: ({ first }) => 2 + first,
  document: /* GraphQL */ `
    #graphql
    query FeedReconcileProducts($query: String!, $first: Int!, $after: String) {
      products(query: $query, first: $first, after: $after, sortKey: ID) {
        nodes {
          id
          title
          handle
          status
          vendor
          productType
          tags
          createdAt
          updatedAt
        }
        pageInfo {
          hasNextPage
          endCursor
        }
      }
    }
  `,
});
