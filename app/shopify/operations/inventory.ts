import { defineOperation, type UserError } from "../operation";

export interface InventoryItemLevel {
  id: string;
  sku: string | null;
  inventoryLevel: { quantities: { quantity: number }[] } | null;
}

export interface InventoryLevelsPage {
  inventoryItems: { nodes: InventoryItemLevel[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } };
}

/** One page of inventory items with their available quantity at a location (small catalogs). */
export const INVENTORY_LEVELS_PAGE = defineOperation<
  InventoryLevelsPage,
  { first: number; after?: string | null; locationId: string }
>({
  name: "InventoryLevelsPage",
  expectedCost: ({ first }) => 2 + first * 3,
  document: /* GraphQL */ `
    #graphql
    query InventoryLevelsPage($first: Int!, $after: String, $locationId: ID!) {
      inventoryItems(first: $first, after: $after) {
        nodes {
          id
          sku
          inventoryLevel(locationId: $locationId) {
            quantities(names: ["available"]) {
              quantity
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

/** The same read as a bulk query (large catalogs); LOCATION_PLACEHOLDER is replaced by the location gid. */
export const LOCATION_PLACEHOLDER = "gid://shopify/Location/0";
export const INVENTORY_LEVELS_BULK_QUERY = /* GraphQL */ `
  #graphql
  query InventoryLevelsBulk {
    inventoryItems {
      edges {
        node {
          id
          sku
          inventoryLevel(locationId: "gid://shopify/Location/0") {
            quantities(names: ["available"]) {
              quantity
            }
          }
        }
      }
    }
  }
`;

export interface InventoryLevelsByIds {
  nodes: (InventoryItemLevel | null)[];
}

/** Current levels of known items (re-read after a stale compare-and-swap, differential sync). */
export const INVENTORY_LEVELS_BY_IDS = defineOperation<InventoryLevelsByIds, { ids: string[]; locationId: string }>({
  name: "InventoryLevelsByIds",
  expectedCost: ({ ids }) => ids.length * 4,
  document: /* GraphQL */ `
    #graphql
    query InventoryLevelsByIds($ids: [ID!]!, $locationId: ID!) {
      nodes(ids: $ids) {
        ... on InventoryItem {
          id
          sku
          inventoryLevel(locationId: $locationId) {
            quantities(names: ["available"]) {
              quantity
            }
          }
        }
      }
    }
  `,
});

/** Items with one SKU (a variant the snapshot does not know yet). */
export const INVENTORY_ITEMS_BY_SKU = defineOperation<
  InventoryLevelsPage,
  { first: number; after?: string | null; query: string; locationId: string }
>({
  name: "InventoryItemsBySku",
  expectedCost: ({ first }) => 2 + first * 3,
  document: /* GraphQL */ `
    #graphql
    query InventoryItemsBySku($first: Int!, $after: String, $query: String!, $locationId: ID!) {
      inventoryItems(first: $first, after: $after, query: $query) {
        nodes {
          id
          sku
          inventoryLevel(locationId: $locationId) {
            quantities(names: ["available"]) {
              quantity
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

export interface SetQuantitiesResult {
  inventorySetQuantities: { inventoryAdjustmentGroup: { id: string } | null; userErrors: UserError[] } | null;
}

export interface SetQuantitiesVariables {
  key: string;
  input: {
    name: "available";
    reason: string;
    referenceDocumentUri?: string;
    quantities: { inventoryItemId: string; locationId: string; quantity: number; changeFromQuantity: number | null }[];
  };
}

/** Up to 250 quantities, compare-and-swap on each, applied once per idempotency key. */
export const INVENTORY_SET_QUANTITIES = defineOperation<SetQuantitiesResult, SetQuantitiesVariables>({
  name: "InventorySetQuantities",
  expectedCost: 10,
  document: /* GraphQL */ `
    #graphql
    mutation InventorySetQuantities($key: String!, $input: InventorySetQuantitiesInput!) {
      inventorySetQuantities(input: $input) @idempotent(key: $key) {
        inventoryAdjustmentGroup {
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
