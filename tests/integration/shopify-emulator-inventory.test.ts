// inventorySetQuantities on the emulator: compare-and-swap, @idempotent keys, all-or-nothing batches.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startShopifyEmulator, type ShopifyEmulator } from "../../emulators/shopify/index";
import { uniqueShop } from "../support/shops";

const shop = uniqueShop("stock");
let emulator: ShopifyEmulator;
let token = "";
let itemId = "";
let otherItemId = "";
let locationId = "";

const SET = `mutation Set($input: InventorySetQuantitiesInput!, $key: String!) {
  inventorySetQuantities(input: $input) @idempotent(key: $key) {
    inventoryAdjustmentGroup { reason changes { name delta quantityAfterChange } }
    userErrors { field message code }
  }
}`;

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the tests read arbitrary GraphQL answers
async function graphql(query: string, variables: Record<string, unknown> = {}): Promise<any> {
  const response = await fetch(`${emulator.url}/admin/api/2026-07/graphql.json`, {
    method: "POST",
    headers: { "content-type": "application/json", "x-shopify-access-token": token, "x-shopify-shop-domain": shop },
    body: JSON.stringify({ query, variables }),
  });
  return response.json();
}

beforeAll(async () => {
  emulator = await startShopifyEmulator({
    app: { apiKey: "test-api-key", apiSecret: "test-api-secret", appUrl: "http://127.0.0.1:3999" },
    shops: [
      {
        domain: shop,
        locations: [{ name: "Entrepôt" }],
        products: [
          {
            title: "Pull",
            variants: [
              { sku: "PUL|GRIS|M", options: { Taille: "M" }, inventory: { Entrepôt: 5 } },
              { sku: "PUL|GRIS|L", options: { Taille: "L" }, inventory: { Entrepôt: 1 } },
            ],
          },
        ],
      },
    ],
  });
  token = emulator.issueAccessToken(shop);
  const snapshot = emulator.store.shop(shop);
  const [m, l] = [...snapshot.variants.values()];
  itemId = `gid://shopify/InventoryItem/${m.inventoryItemId}`;
  otherItemId = `gid://shopify/InventoryItem/${l.inventoryItemId}`;
  locationId = `gid://shopify/Location/${[...snapshot.locations.keys()][0]}`;
});

afterAll(() => emulator?.close());

const available = async (item: string) =>
  (
    await graphql(
      `
        query Q($id: ID!, $loc: ID!) {
          inventoryItem(id: $id) {
            inventoryLevel(locationId: $loc) {
              quantities(names: ["available"]) {
                quantity
              }
            }
          }
        }
      `,
      { id: item, loc: locationId },
    )
  ).data.inventoryItem.inventoryLevel.quantities[0].quantity;

describe("inventorySetQuantities", () => {
  it("sets available when changeFromQuantity matches, and reports the changes", async () => {
    const answer = await graphql(SET, {
      key: "k-1",
      input: {
        name: "available",
        reason: "correction",
        quantities: [{ inventoryItemId: itemId, locationId, quantity: 8, changeFromQuantity: 5 }],
      },
    });
    expect(answer.data.inventorySetQuantities).toEqual({
      inventoryAdjustmentGroup: {
        reason: "correction",
        changes: [
          { name: "available", delta: 3, quantityAfterChange: 8 },
          { name: "on_hand", delta: 3, quantityAfterChange: 8 },
        ],
      },
      userErrors: [],
    });
    expect(answer.extensions.cost.requestedQueryCost).toBe(10);
    expect(await available(itemId)).toBe(8);
  });

  it("replays an already used key without applying it twice, and refuses it with other parameters", async () => {
    const input = {
      name: "available",
      reason: "correction",
      quantities: [{ inventoryItemId: itemId, locationId, quantity: 8, changeFromQuantity: 5 }],
    };
    expect((await graphql(SET, { key: "k-1", input })).data.inventorySetQuantities.userErrors).toEqual([]);
    const mismatch = await graphql(SET, {
      key: "k-1",
      input: { ...input, quantities: [{ ...input.quantities[0], quantity: 9 }] },
    });
    expect(mismatch.data.inventorySetQuantities.userErrors[0].code).toBe("IDEMPOTENCY_KEY_PARAMETER_MISMATCH");
    expect(await available(itemId)).toBe(8);
  });

  it("applies nothing when one quantity of the batch is stale", async () => {
    const answer = await graphql(SET, {
      key: "k-2",
      input: {
        name: "available",
        reason: "correction",
        quantities: [
          { inventoryItemId: otherItemId, locationId, quantity: 4, changeFromQuantity: 1 },
          { inventoryItemId: itemId, locationId, quantity: 2, changeFromQuantity: 5 },
        ],
      },
    });
    expect(answer.data.inventorySetQuantities.userErrors).toEqual([
      {
        field: ["input", "quantities", "1", "changeFromQuantity"],
        message: "The specified compare quantity does not match the current quantity.",
        code: "CHANGE_FROM_QUANTITY_STALE",
      },
    ]);
    expect(await available(otherItemId)).toBe(1);
  });

  it("requires changeFromQuantity (null opts out) and the @idempotent directive", async () => {
    const missing = await graphql(SET, {
      key: "k-3",
      input: {
        name: "available",
        reason: "correction",
        quantities: [{ inventoryItemId: otherItemId, locationId, quantity: 3 }],
      },
    });
    expect(missing.data.inventorySetQuantities.userErrors[0].field).toEqual([
      "input",
      "quantities",
      "0",
      "changeFromQuantity",
    ]);
    const optOut = await graphql(SET, {
      key: "k-4",
      input: {
        name: "available",
        reason: "correction",
        quantities: [{ inventoryItemId: otherItemId, locationId, quantity: 3, changeFromQuantity: null }],
      },
    });
    expect(optOut.data.inventorySetQuantities.userErrors).toEqual([]);
    expect(await available(otherItemId)).toBe(3);

    const noDirective = await graphql(
      `mutation { inventorySetQuantities(input: { name: "available", reason: "correction", quantities: [{ inventoryItemId: "${itemId}", locationId: "${locationId}", quantity: 1, changeFromQuantity: null }] }) { userErrors { code } } }`,
    );
    expect(noDirective.errors[0].message).toContain("@idempotent");
  });
});
