// The back office's stock held compactly for a full sync: SKU → slot in parallel number arrays,
// instead of 100k level objects (with their Dates and the answer's line strings they keep alive).
import type { ErpStockLevel, StockFormula } from "../domain/inventory";
import { webStock } from "../domain/inventory";

/** A flat copy of a string: SKUs sliced from the ERP answer would otherwise keep each whole line alive. */
const flat = (s: string) => Buffer.from(s, "utf8").toString("utf8");

export class ErpStockIndex {
  private readonly slots = new Map<string, number>();
  private readonly stockA: Float64Array;
  private readonly stockB: Float64Array;
  /** Milliseconds since the epoch, NaN when the back office gave no date. */
  private readonly updatedAt: Float64Array;
  /** 1 once a Shopify item took this SKU's stock (a duplicate SKU in Shopify gets nothing). */
  private readonly matched: Uint8Array;
  latestChange: Date | null = null;

  constructor(levels: ErpStockLevel[]) {
    this.stockA = new Float64Array(levels.length);
    this.stockB = new Float64Array(levels.length);
    this.updatedAt = new Float64Array(levels.length);
    this.matched = new Uint8Array(levels.length);
    let latest = NaN;
    for (const level of levels) {
      // A SKU listed twice keeps its last figures, as a Map.set would.
      let slot = this.slots.get(level.sku);
      if (slot === undefined) this.slots.set(flat(level.sku), (slot = this.slots.size));
      this.stockA[slot] = level.stockA;
      this.stockB[slot] = level.stockB;
      const at = level.updatedAt?.getTime() ?? NaN;
      this.updatedAt[slot] = at;
      if (!Number.isNaN(at) && !(at <= latest)) latest = at; // NaN <= x is false: the first date wins
    }
    this.latestChange = Number.isNaN(latest) ? null : new Date(latest);
  }

  get size(): number {
    return this.slots.size;
  }

  slotOf(sku: string): number | undefined {
    return this.slots.get(sku);
  }

  /** Marks the slot as taken; false when an earlier Shopify item already had it. */
  claim(slot: number): boolean {
    if (this.matched[slot]) return false;
    this.matched[slot] = 1;
    return true;
  }

  level(slot: number, formula: StockFormula) {
    const at = this.updatedAt[slot];
    const stockA = this.stockA[slot];
    const stockB = this.stockB[slot];
    return {
      stockA,
      stockB,
      webStock: webStock({ stockA, stockB }, formula),
      updatedAt: Number.isNaN(at) ? null : new Date(at),
    };
  }

  /** SKUs no Shopify item claimed, with their slot. */
  *unmatched(): Generator<[string, number]> {
    for (const [sku, slot] of this.slots) if (!this.matched[slot]) yield [sku, slot];
  }
}
