import { describe, expect, it } from "vitest";
import { priceOn } from "./catalog";
import { orderLinesTotal } from "./orders";

describe("priceOn", () => {
  const base = { sku: "R|C|S", price: 50 };
  it("applies a running percent or fixed reduction with the regular price as compare-at", () => {
    expect(
      priceOn({ ...base, reduction: { percent: 20, startsOn: "2024-06-01", endsOn: "2024-06-30" } }, "2024-06-15"),
    ).toEqual({ price: 40, compareAtPrice: 50 });
    expect(
      priceOn({ ...base, reduction: { price: 35.5, startsOn: "2024-06-01", endsOn: "2024-06-30" } }, "2024-06-30"),
    ).toEqual({ price: 35.5, compareAtPrice: 50 });
  });
  it("ignores reductions outside their dates or that would not lower the price", () => {
    expect(
      priceOn({ ...base, reduction: { percent: 20, startsOn: "2024-06-01", endsOn: "2024-06-30" } }, "2024-07-01"),
    ).toEqual({ price: 50 });
    expect(
      priceOn({ ...base, reduction: { price: 60, startsOn: "2024-06-01", endsOn: "2024-06-30" } }, "2024-06-10"),
    ).toEqual({ price: 50 });
  });
});

describe("orderLinesTotal", () => {
  it("sums lines minus discounts plus shipping, to the cent", () => {
    expect(
      orderLinesTotal({
        lines: [{ sku: "a", title: "a", unitPrice: 0.1, quantity: 3, discount: 0.05 }],
        shippingCost: 0.2,
      }),
    ).toBe(0.45);
  });
});
