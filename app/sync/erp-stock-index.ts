// The back office's stock held compactly for a full sync, filled one level at a time as the answer is
// read: SKU → slot in parallel number arrays, instead of 100k level objects (with their Dates and the
// answer's line strings they keep alive).
import type { ErpStockLevel, StockFormula } from "../domain/inventory";
import { webStock } from "../domain/inventory";

/** A flat copy of a string: SKUs sliced from the ERP answer would otherwise keep each whole line alive. */
const flat = (s: string) => Buffer.from(s, "utf8").toString("utf8");

export class ErpStockIndex {
  private readonly slots = new Map<string, number>();
  private stockA = new Float64Array(1024);
  private stockB = new Float64Array(1024);
  /** Milliseconds since the epoch, NaN when the back office gave no date. */
  private updatedAt = new Float64Array(1024);
  /** 1 once a Shopify item took this SKU's stock (a duplicate SKU in Shopify gets nothing). */
  private matched = new Uint8Array(1024);
  private latest = NaN;

  /** Records a level; a SKU listed twice keeps its last figures, as a Map.set would. */
  add(level: ErpStockLevel): void {
    let slot = this.slots.get(level.sku);
    if (slot === undefined) {
      slot = this.slots.size;
      if (slot === this.stockA.length) this.grow();
      this.slots.set(flat(level.sku), slot);
    }
    this.stockA[slot] = level.stockA;
    this.stockB[slot] = level.stockB;
    const at = level.updatedAt?.getTime() ?? NaN;
    this.updatedAt[slot] = at;
    if (!Number.isNaN(at) && !(at <= this.latest)) this.latest = at; // NaN <= x is false: the first date wins
  }

  private grow() {
    const bigger = <T extends Float64Array | Uint8Array>(array: T): T => {
      const next = new (array.constructor as new (length: number) => T)(array.length * 2);
      next.set(array);
      return next;
    };
    this.stockA = bigger(this.stockA);
    this.stockB = bigger(this.stockB);
    this.updatedAt = bigger(this.updatedAt);
    this.matched = bigger(this.matched);
  }

  get size(): number {
    return this.slots.size;
  }

  /** Latest movement time the back office reported. */
  get latestChange(): Date | null {
    return Number.isNaN(this.latest) ? null : new Date(this.latest);
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
