import { describe, expect, it } from "vitest";
import { DEFAULT_STOCK_FORMULA } from "../domain/inventory";
import { ErpStockIndex } from "./erp-stock-index";

const formula = DEFAULT_STOCK_FORMULA; // stock A + stock B

describe("ErpStockIndex", () => {
  it("keeps every level added one at a time, past its initial capacity", () => {
    const index = new ErpStockIndex();
    for (let i = 0; i < 5000; i++)
      index.add({ sku: `REF${i}|NOIR|M`, stockA: i, stockB: 1, updatedAt: new Date(Date.UTC(2026, 0, 1, 0, 0, i)) });
    expect(index.size).toBe(5000);
    const slot = index.slotOf("REF4321|NOIR|M")!;
    expect(index.level(slot, formula)).toEqual({
      stockA: 4321,
      stockB: 1,
      webStock: 4322,
      updatedAt: new Date(Date.UTC(2026, 0, 1, 0, 0, 4321)),
    });
    expect(index.latestChange).toEqual(new Date(Date.UTC(2026, 0, 1, 0, 0, 4999)));
  });

  it("keeps the last figures of a SKU listed twice, and no date when none was given", () => {
    const index = new ErpStockIndex();
    index.add({ sku: "A||", stockA: 1, stockB: 1, updatedAt: new Date("2026-01-02T00:00:00Z") });
    index.add({ sku: "A||", stockA: 5, stockB: 0 });
    expect(index.size).toBe(1);
    expect(index.level(index.slotOf("A||")!, formula)).toMatchObject({ stockA: 5, stockB: 0, updatedAt: null });
    expect(index.latestChange).toEqual(new Date("2026-01-02T00:00:00Z"));
  });

  it("gives a SKU's stock to the first Shopify item that claims it and lists the unclaimed ones", () => {
    const index = new ErpStockIndex();
    for (const sku of ["A||", "B||", "C||"]) index.add({ sku, stockA: 0, stockB: 2 });
    expect(index.claim(index.slotOf("B||")!)).toBe(true);
    expect(index.claim(index.slotOf("B||")!)).toBe(false);
    expect([...index.unmatched()].map(([sku]) => sku)).toEqual(["A||", "C||"]);
    expect(index.latestChange).toBeNull();
  });
});
