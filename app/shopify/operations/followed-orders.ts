// The orders the status and delivery syncs follow, read from Shopify whoever sent them on: a page by
// cursor, a count to choose between paging and a bulk query, and the bulk query itself.
import { defineOperation } from "../operation";

/** One order as the syncs compare it: its status marks and its fulfillments with tracking. */
export interface FollowedOrder {
  id: string;
  name: string;
  tags: string[];
  /** The status metafield (namespace "passerelle", the status source's key): "<status> <label>". */
  metafield: { value: string } | null;
  fulfillments: {
    id: string;
    status: string;
    displayStatus: string | null;
    trackingInfo: { number: string | null; company: string | null }[];
  }[];
}

export interface FollowedOrdersPage {
  orders: { nodes: FollowedOrder[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } };
}

export const FOLLOWED_ORDERS_PAGE = defineOperation<
  FollowedOrdersPage,
  { first: number; after?: string | null; query: string; statusKey: string }
>({
  name: "FollowedOrdersPage",
  // Per order: the order, its metafield, and up to 10 fulfillments with their tracking (first 5).
  expectedCost: ({ first }) => 2 + first * 13,
  document: /* GraphQL */ `
    #graphql
    query FollowedOrdersPage($first: Int!, $after: String, $query: String!, $statusKey: String!) {
      orders(first: $first, after: $after, query: $query, sortKey: CREATED_AT) {
        nodes {
          id
          name
          tags
          metafield(namespace: "passerelle", key: $statusKey) {
            value
          }
          fulfillments(first: 10) {
            id
            status
            displayStatus
            trackingInfo(first: 5) {
              number
              company
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

export const FOLLOWED_ORDERS_COUNT = defineOperation<
  { ordersCount: { count: number; precision: string } | null },
  { query: string; limit: number }
>({
  name: "FollowedOrdersCount",
  expectedCost: 1,
  document: /* GraphQL */ `
    #graphql
    query FollowedOrdersCount($query: String!, $limit: Int) {
      ordersCount(query: $query, limit: $limit) {
        count
        precision
      }
    }
  `,
});

/** Placeholders of the bulk query (a bulk query takes no variables): the search, the metafield key. */
export const SEARCH_PLACEHOLDER = "__search__";
export const STATUS_KEY_PLACEHOLDER = "__status_key__";

/** The same orders as FOLLOWED_ORDERS_PAGE, for a bulk query (fulfillments is a list: inline in each line). */
export const FOLLOWED_ORDERS_BULK_QUERY = /* GraphQL */ `
  #graphql
  query FollowedOrdersBulk {
    orders(query: "__search__", sortKey: CREATED_AT) {
      edges {
        node {
          id
          name
          tags
          metafield(namespace: "passerelle", key: "__status_key__") {
            value
          }
          fulfillments {
            id
            status
            displayStatus
            trackingInfo {
              number
              company
            }
          }
        }
      }
    }
  }
`;

/** The bulk query for a search and a status key, each written as a GraphQL string's content. */
export function followedOrdersBulkQuery(search: string, statusKey: string): string {
  const inString = (text: string) => JSON.stringify(text).slice(1, -1);
  return FOLLOWED_ORDERS_BULK_QUERY.replace(SEARCH_PLACEHOLDER, inString(search)).replace(
    STATUS_KEY_PLACEHOLDER,
    inString(statusKey),
  );
}
