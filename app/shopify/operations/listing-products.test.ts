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
