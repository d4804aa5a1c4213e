// The listing documents (products for a marketplace) against the pinned Admin schema, as sent.
import { describe, expect, it } from "vitest";
import { validateDocument } from "../../../emulators/shopify/schema";
import { COLLECTION_LISTING_PRODUCTS_PAGE, LISTING_PRODUCTS_PAGE } from "./listing-products";

describe("listing products documents", () => {
  it("are valid against the pinned Admin schema", () => {
    expect(validateDocument(LISTING_PRODUCTS_PAGE.document)).toEqual([]);
    expect(validateDocument(COLLECTION_LISTING_PRODUCTS_PAGE.document)).toEqual([]);
  });
});

describe("listing products pages", () => {
  it("ask no more than Shopify's 1000-point limit for a page, as the client expects", async () => {
    const { parse } = await import("graphql");
    const { loadAdminSchema } = await import("../../../emulators/shopify/schema");
    const { requestedQueryCost } = await import("../../../emulators/shopify/cost");
    const { weightInGrams } = await import("../listing-products.server");
    const schema = loadAdminSchema();
    for (const op of [LISTING_PRODUCTS_PAGE, COLLECTION_LISTING_PRODUCTS_PAGE]) {
      const variables = { first: 1, id: "gid://shopify/Collection/1" };
      const cost = requestedQueryCost(schema, parse(op.document), op.name, variables);
      expect(cost).toBeLessThanOrEqual(1000);
      expect(Math.abs(cost - (op.expectedCost as (v: typeof variables) => number)(variables))).toBeLessThanOrEqual(1);
    }
    expect(weightInGrams({ unit: "POUNDS", value: 120 })).toBe(54431);
    expect(weightInGrams({ unit: "KILOGRAMS", value: 0 })).toBeUndefined();
    expect(weightInGrams(null)).toBeUndefined();
  });
});
