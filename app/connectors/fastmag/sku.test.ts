import { describe, expect, it } from "vitest";
import { parseSku, skuOf } from "./sku";
import { webStock } from "./stock";

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

describe("webStock", () => {
  it("combines the two stocks with the shop's formula, never below zero", () => {
    expect(webStock({ stockA: 10, stockB: 3 })).toBe(13);
    expect(webStock({ stockA: 10, stockB: 3 }, { a: 0, b: 1, safetyMargin: 0 })).toBe(3);
    expect(webStock({ stockA: 10, stockB: 3 }, { a: 1, b: 1, safetyMargin: 2 })).toBe(11);
    expect(webStock({ stockA: -4, stockB: 1 }, { a: 1, b: 1, safetyMargin: 0 })).toBe(0);
  });
});
