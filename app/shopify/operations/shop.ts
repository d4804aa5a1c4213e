import { defineOperation } from "../operation";

export interface ShopInfo {
  shop: {
    name: string;
    myshopifyDomain: string;
    ianaTimezone: string;
    currencyCode: string;
    plan: { publicDisplayName: string; shopifyPlus: boolean };
  };
}

export const SHOP_INFO = defineOperation<ShopInfo>({
  name: "ShopInfo",
  expectedCost: 2,
  document: /* GraphQL */ `
    #graphql
    query ShopInfo {
      shop {
        name
        myshopifyDomain
        ianaTimezone
        currencyCode
        plan {
          publicDisplayName
          shopifyPlus
        }
      }
    }
  `,
});

export interface LocationsPage {
  locations: {
    nodes: { id: string; name: string; isActive: boolean; fulfillsOnlineOrders: boolean }[];
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
  };
}

export const LOCATIONS = defineOperation<LocationsPage, { first: number; after?: string | null }>({
  name: "Locations",
  expectedCost: ({ first }) => 2 + first,
  document: /* GraphQL */ `
    #graphql
    query Locations($first: Int!, $after: String) {
      locations(first: $first, after: $after) {
        nodes {
          id
          name
          isActive
          fulfillsOnlineOrders
        }
        pageInfo {
          hasNextPage
          endCursor
        }
      }
    }
  `,
});
