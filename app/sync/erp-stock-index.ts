// The back office's stock held compactly for a full sync, filled one level at a time as the answer is
// read (sku-columns.ts): no level object outlives its row. It also holds, per SKU, what the stock
// snapshot stored last time, so that only rows that differ are written again.
import type { ErpStockLevel, StockFormula } from "../domain/inventory";
import { webStock } from "../domain/inventory";
import { SkuColumns } from "./sku-columns";
import type { SnapshotRow } from "./stock-snapshot.server";

const STORED = [
  "storedWebStock",
  "storedStockA",
  "storedStockB",
  "storedShopifyQuantity",
  "storedInventoryItem",
  "storedUpdatedAt",
] as const;

/**
 * A snapshot row's content as numbers, compared exactly: null is -Infinity, an inventory item is the
 * number of its gid. Anything that cannot be told apart as a number is NaN, which equals nothing, so
 * such a row is always written again.
 */
function storedForm(row: SnapshotRow): number[] {
  const itemNumber = row.inventoryItemId === null ? -Infinity : gidNumber(row.inventoryItemId);
  return [
    row.webStock,
    row.erpStockA,
    row.erpStockB,
    row.shopifyQuantity ?? -Infinity,
    itemNumber,
    row.erpUpdatedAt?.getTime() ?? -Infinity,
  ];
}

function gidNumber(gid: string): number {
  const match = /^gid:\/\/shopify\/InventoryItem\/(\d{1,15})$/.exec(gid);
  return match ? Number(match[1]) : NaN;
}

export class ErpStockIndex {
  /** updatedAt: milliseconds since the epoch, NaN when the back office gave no date. matched: 1 once a
   *  Shopify item took this SKU's stock (a duplicate SKU in Shopify gets nothing). stored…: the
   *  snapshot's row (storedForm), NaN when there is none. */
  private readonly table = new SkuColumns(["stockA", "stockB", "updatedAt", "matched", ...STORED] as const);
  private latest = NaN;

  /** Records a level; a SKU listed twice keeps its last figures, as a Map.set would. */
  add(level: ErpStockLevel): void {
    const { slot } = this.table.slotFor(level.sku);
    this.table.set(slot, "stockA", level.stockA);
    this.table.set(slot, "stockB", level.stockB);
    const at = level.updatedAt?.getTime() ?? NaN;
    this.table.set(slot, "updatedAt", at);
    if (!Number.isNaN(at) && !(at <= this.latest)) this.latest = at; // NaN <= x is false: the first date wins
  }

  get size(): number {
    return this.table.size;
  }

  /** Latest movement time the back office reported. */
  get latestChange(): Date | null {
    return Number.isNaN(this.latest) ? null : new Date(this.latest);
  }

  slotOf(sku: string): number | undefined {
    return this.table.slotOf(sku);
  }

  /** Marks the slot as taken; false when an earlier Shopify item already had it. */
  claim(slot: number): boolean {
    if (this.table.get(slot, "matched") === 1) return false;
    this.table.set(slot, "matched", 1);
    return true;
  }

  level(slot: number, formula: StockFormula) {
    const at = this.table.get(slot, "updatedAt");
    const stockA = this.table.get(slot, "stockA");
    const stockB = this.table.get(slot, "stockB");
    return {
      stockA,
      stockB,
      webStock: webStock({ stockA, stockB }, formula),
      updatedAt: Number.isNaN(at) ? null : new Date(at),
    };
  }

  /** Notes what the snapshot holds for one of the index's SKUs (rows of other SKUs are ignored). */
  noteStored(row: SnapshotRow): void {
    const slot = this.table.slotOf(row.sku);
    if (slot === undefined) return;
    storedForm(row).forEach((value, i) => this.table.set(slot, STORED[i], value));
  }

  /** True when the snapshot already holds exactly this row. */
  isStored(row: SnapshotRow): boolean {
    const slot = this.table.slotOf(row.sku);
    if (slot === undefined) return false;
    return storedForm(row).every((value, i) => this.table.get(slot, STORED[i]) === value);
  }

  /** SKUs no Shopify item claimed, with their slot. */
  *unmatched(): Generator<[string, number]> {
    for (const [sku, slot] of this.table.entries()) if (this.table.get(slot, "matched") !== 1) yield [sku, slot];
  }
}
