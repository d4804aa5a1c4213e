import { describe, expect, it } from "vitest";
import { OfferIndex, notFoundOfferIds, readProductsPage, uploadOffers } from "./mapping.server";

describe("RetailCRM mapping", () => {
  it("matches a SKU to the offer whose article is the SKU first, then externalId, then xmlId", () => {
    const index = new OfferIndex();
    index.add({ id: 1, xmlId: "A|B|C" });
    index.add({ id: 2, externalId: "A|B|C" });
    index.add({ id: 3, article: "A|B|C" });
    index.add({ id: 4, article: "A|B|C" }); // a second offer with that article: the first one met wins
    index.add({ id: 5, externalId: "X" });
    index.add({ id: 6, xmlId: "Y" });
    expect(index.offerOf("A|B|C")).toBe(3);
    expect(index.offerOf("X")).toBe(5);
    expect(index.offerOf("Y")).toBe(6);
    expect(index.offerOf("Z")).toBeUndefined();
  });

  it("reads offers and page count from store/products, and builds upload lines without a purchase price when none", () => {
    const page = readProductsPage({
      success: true,
      pagination: { totalPageCount: 7 },
      products: [{ offers: [{ id: 10, article: "S1", externalId: "e1" }, { id: "bad" }] }, { offers: [] }, {}],
    });
    expect(page).toEqual({ offers: [{ id: 10, article: "S1", externalId: "e1", xmlId: undefined }], totalPages: 7 });
    expect(
      uploadOffers(
        [
          { offerId: 10, available: 3 },
          { offerId: 11, available: 0, purchasePrice: 9.5 },
        ],
        "main",
      ),
    ).toEqual([
      { id: 10, stores: [{ code: "main", available: 3 }] },
      { id: 11, stores: [{ code: "main", available: 0, purchasePrice: 9.5 }] },
    ]);
    expect(notFoundOfferIds({ notFoundOffers: [{ id: 11 }, { externalId: "x" }] })).toEqual(new Set([11]));
    expect(() => readProductsPage({ success: true })).toThrow(/could not be read/);
  });
});
