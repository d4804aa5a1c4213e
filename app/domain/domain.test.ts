import { describe, expect, it } from "vitest";
import { parseSku, priceOn, skuOf } from "./catalog";
import { webStock } from "./inventory";
import { orderLinesTotal } from "./orders";

describe("Sku", () => {
  it("joins and splits REF|COLOR|SIZE", () => {
    const sku = skuOf({ reference: "BOXE20BEWARE", color: "MARINE/GRIS CHINE", size: "S" });
    expect(sku).toBe("BOXE20BEWARE|MARINE/GRIS CHINE|S");
    expect(parseSku(sku)).toEqual({ reference: "BOXE20BEWARE", color: "MARINE/GRIS CHINE", size: "S" });
    expect(parseSku("REF||")).toEqual({ reference: "REF", color: "", size: "" });
    expect(parseSku("REF|C")).toBeNull();
    expect(() => skuOf({ reference: "A|B", color: "", size: "" })).toThrow("contains a pipe");
  });
});

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

describe("webStock", () => {
  it("combines the two stocks with the shop's formula, never below zero", () => {
    expect(webStock({ stockA: 10, stockB: 3 })).toBe(13);
    expect(webStock({ stockA: 10, stockB: 3 }, { a: 0, b: 1, safetyMargin: 0 })).toBe(3);
    expect(webStock({ stockA: 10, stockB: 3 }, { a: 1, b: 1, safetyMargin: 2 })).toBe(11);
    expect(webStock({ stockA: -4, stockB: 1 }, { a: 1, b: 1, safetyMargin: 0 })).toBe(0);
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
