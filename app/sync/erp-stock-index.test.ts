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

  it("tells a row the snapshot already holds exactly from one that differs in any field", () => {
    const index = new ErpStockIndex();
    index.add({ sku: "A||", stockA: 1, stockB: 2 });
    index.add({ sku: "B||", stockA: 1, stockB: 2 });
    index.add({ sku: "C||", stockA: 1, stockB: 2 });
    const row = {
      sku: "A||",
      webStock: 3,
      erpStockA: 1,
      erpStockB: 2,
      shopifyQuantity: 3,
      inventoryItemId: "gid://shopify/InventoryItem/42",
      erpUpdatedAt: new Date("2026-11-25T10:00:00Z"),
    };
    expect(index.isStored(row)).toBe(false); // nothing stored yet
    index.noteStored(row);
    index.noteStored({ ...row, sku: "B||", shopifyQuantity: null, inventoryItemId: null, erpUpdatedAt: null });
    index.noteStored({ ...row, sku: "C||", inventoryItemId: "not-a-gid" });
    index.noteStored({ ...row, sku: "Z||" }); // not in the back office: ignored
    expect(index.isStored(row)).toBe(true);
    expect(
      index.isStored({ ...row, sku: "B||", shopifyQuantity: null, inventoryItemId: null, erpUpdatedAt: null }),
    ).toBe(true);
    for (const change of [
      { webStock: 4 },
      { erpStockA: 0 },
      { erpStockB: 3 },
      { shopifyQuantity: null },
      { shopifyQuantity: 2 },
      { inventoryItemId: "gid://shopify/InventoryItem/43" },
      { inventoryItemId: null },
      { erpUpdatedAt: new Date("2026-11-25T10:00:01Z") },
      { erpUpdatedAt: null },
    ])
      expect(index.isStored({ ...row, ...change })).toBe(false);
    expect(index.isStored({ ...row, sku: "C||", inventoryItemId: "not-a-gid" })).toBe(false); // always rewritten
    expect(index.isStored({ ...row, sku: "Z||" })).toBe(false);
  });
});
