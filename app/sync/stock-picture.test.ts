import { describe, expect, it } from "vitest";
import { StockIndex } from "./stock-picture";

describe("StockIndex", () => {
  it("keeps every level added one at a time, past its initial capacity", () => {
    const index = new StockIndex();
    for (let i = 0; i < 5000; i++)
      index.add({
        sku: `REF${i}|NOIR|M`,
        available: i,
        updatedAt: new Date(Date.UTC(2026, 0, 1, 0, 0, i)),
        detail: `count ${i}`,
      });
    expect(index.size).toBe(5000);
    const slot = index.slotOf("REF4321|NOIR|M")!;
    expect(index.skuAt(slot)).toBe("REF4321|NOIR|M");
    expect(index.availableAt(slot)).toBe(4321);
    expect(index.levelAt(slot)).toEqual({
      sku: "REF4321|NOIR|M",
      available: 4321,
      updatedAt: new Date(Date.UTC(2026, 0, 1, 0, 0, 4321)),
      detail: "count 4321",
    });
    expect(index.latestChange).toEqual(new Date(Date.UTC(2026, 0, 1, 0, 0, 4999)));
  });

  it("keeps the last figures of a SKU listed twice, and no date when none was given", () => {
    const index = new StockIndex();
    index.add({ sku: "A", available: 2, updatedAt: new Date("2026-01-02T00:00:00Z"), detail: "first" });
    index.add({ sku: "A", available: 5 });
    expect(index.size).toBe(1);
    expect(index.levelAt(index.slotOf("A")!)).toEqual({
      sku: "A",
      available: 5,
      updatedAt: undefined,
      detail: undefined,
    });
    expect(index.latestChange).toEqual(new Date("2026-01-02T00:00:00Z"));
  });

  it("has no latest change when the source dates nothing", () => {
    const index = new StockIndex();
    index.add({ sku: "A", available: 1 });
    expect(index.latestChange).toBeNull();
  });
});
