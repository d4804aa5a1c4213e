import { describe, expect, it } from "vitest";
import { SnapshotMemory } from "./shopify-stock.server";
import { StockIndex } from "./stock-picture";

describe("SnapshotMemory", () => {
  it("gives a SKU's stock to the first Shopify item that claims it and lists the unclaimed ones", () => {
    const index = new StockIndex();
    for (const sku of ["A", "B", "C"]) index.add({ sku, available: 2 });
    const memory = new SnapshotMemory(index);
    expect(memory.claim(index.slotOf("B")!)).toBe(true);
    expect(memory.claim(index.slotOf("B")!)).toBe(false);
    expect([...memory.unmatched()].map((slot) => index.skuAt(slot))).toEqual(["A", "C"]);
  });

  it("tells a row the snapshot already holds exactly from one that differs in any field", () => {
    const index = new StockIndex();
    for (const sku of ["A", "B", "C"]) index.add({ sku, available: 3 });
    const memory = new SnapshotMemory(index);
    const row = {
      sku: "A",
      webStock: 3,
      sourceDetail: "ERP: general stock 1 · web stock 2",
      shopifyQuantity: 3,
      inventoryItemId: "gid://shopify/InventoryItem/42",
      erpUpdatedAt: new Date("2026-11-25T10:00:00Z"),
    };
    expect(memory.isStored(row)).toBe(false); // nothing stored yet
    memory.noteStored(row);
    const bare = {
      ...row,
      sku: "B",
      sourceDetail: null,
      shopifyQuantity: null,
      inventoryItemId: null,
      erpUpdatedAt: null,
    };
    memory.noteStored(bare);
    memory.noteStored({ ...row, sku: "C", inventoryItemId: "not-a-gid" });
    memory.noteStored({ ...row, sku: "Z" }); // not in the source: ignored
    expect(memory.isStored(row)).toBe(true);
    expect(memory.isStored(bare)).toBe(true);
    for (const change of [
      { webStock: 4 },
      { sourceDetail: "ERP: general stock 0 · web stock 3" },
      { sourceDetail: null },
      { shopifyQuantity: null },
      { shopifyQuantity: 2 },
      { inventoryItemId: "gid://shopify/InventoryItem/43" },
      { inventoryItemId: null },
      { erpUpdatedAt: new Date("2026-11-25T10:00:01Z") },
      { erpUpdatedAt: null },
    ])
      expect(memory.isStored({ ...row, ...change })).toBe(false);
    expect(memory.isStored({ ...row, sku: "C", inventoryItemId: "not-a-gid" })).toBe(false); // always rewritten
    expect(memory.isStored({ ...row, sku: "Z" })).toBe(false);
  });
});
