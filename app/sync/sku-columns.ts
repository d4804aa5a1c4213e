// Numbers per SKU held compactly for a sync over a whole catalog: SKU → slot, and one typed array per
// column, instead of one object per SKU (100k objects with their strings and Dates weigh ~10× more).

/** A flat copy of a string: SKUs sliced from a back office's answer would otherwise keep it alive. */
const flat = (s: string) => Buffer.from(s, "utf8").toString("utf8");

export class SkuColumns<Column extends string> {
  private readonly slots = new Map<string, number>();
  private readonly columns = new Map<Column, Float64Array>();

  constructor(names: readonly Column[]) {
    for (const name of names) this.columns.set(name, new Float64Array(1024).fill(NaN));
  }

  get size(): number {
    return this.slots.size;
  }

  slotOf(sku: string): number | undefined {
    return this.slots.get(sku);
  }

  /** The slot of `sku`; a new SKU gets the next one, every column NaN. */
  slotFor(sku: string): { slot: number; added: boolean } {
    const known = this.slots.get(sku);
    if (known !== undefined) return { slot: known, added: false };
    const slot = this.slots.size;
    for (const [name, values] of this.columns)
      if (slot === values.length) {
        const bigger = new Float64Array(values.length * 2).fill(NaN);
        bigger.set(values);
        this.columns.set(name, bigger);
      }
    this.slots.set(flat(sku), slot);
    return { slot, added: true };
  }

  get(slot: number, column: Column): number {
    return this.columns.get(column)![slot];
  }

  set(slot: number, column: Column, value: number): void {
    this.columns.get(column)![slot] = value;
  }

  /** Every SKU with its slot, in the order they were added. */
  entries(): IterableIterator<[string, number]> {
    return this.slots.entries();
  }
}
