// A stock source's whole answer held compactly for a full stock run, filled one level at a time as the
// answer is read (sku-columns.ts): no level object outlives its row. Every destination reads the same
// picture; what a destination remembers per SKU it keeps in arrays of its own, indexed by slot.
import type { StockPicture } from "../capabilities/stock-destination";
import type { StockSource } from "../capabilities/stock-source";
import type { StockLevel } from "../domain/stock";
import type { SkippedRecord } from "../domain/results";
import { SkuColumns } from "./sku-columns";

export class StockIndex implements StockPicture {
  /** updatedAt: milliseconds since the epoch, NaN when the source gave no date. */
  private readonly table = new SkuColumns(["available", "updatedAt"] as const);
  private readonly skus: string[] = [];
  private readonly details: (string | undefined)[] = [];
  private latest = NaN;

  /** Records a level; a SKU listed twice keeps its last figures, as a Map.set would. */
  add(level: StockLevel): void {
    const { slot, added } = this.table.slotFor(level.sku);
    if (added) this.skus.push(level.sku);
    this.table.set(slot, "available", level.available);
    const at = level.updatedAt?.getTime() ?? NaN;
    this.table.set(slot, "updatedAt", at);
    this.details[slot] = level.detail;
    if (!Number.isNaN(at) && !(at <= this.latest)) this.latest = at; // NaN <= x is false: the first date wins
  }

  get size(): number {
    return this.table.size;
  }

  get latestChange(): Date | null {
    return Number.isNaN(this.latest) ? null : new Date(this.latest);
  }

  slotOf(sku: string): number | undefined {
    return this.table.slotOf(sku);
  }

  skuAt(slot: number): string {
    return this.skus[slot];
  }

  availableAt(slot: number): number {
    return this.table.get(slot, "available");
  }

  levelAt(slot: number): StockLevel {
    const at = this.table.get(slot, "updatedAt");
    return {
      sku: this.skus[slot],
      available: this.table.get(slot, "available"),
      updatedAt: Number.isNaN(at) ? undefined : new Date(at),
      detail: this.details[slot],
    };
  }
}

/** Reads a source's whole stock into a picture, as its answer comes. */
export async function readStockPicture(
  source: StockSource,
): Promise<{ picture: StockIndex; skipped: SkippedRecord[] }> {
  const picture = new StockIndex();
  const { skipped } = await source.fullStock((level) => picture.add(level));
  return { picture, skipped };
}

/**
 * Starts reading a source's stock for destinations that read their own side meanwhile: `picture` is what
 * they wait for (maybe late, maybe never when they fail first), `reading` what the run waits for. A
 * failed read rejects both for whoever waits, and is never reported as an unhandled rejection.
 */
export function startReadingStockPicture(source: StockSource): {
  picture: Promise<StockIndex>;
  reading: Promise<{ picture: StockIndex; skipped: SkippedRecord[] }>;
} {
  const reading = readStockPicture(source);
  const picture = reading.then((r) => r.picture);
  reading.catch(() => undefined);
  picture.catch(() => undefined);
  return { picture, reading };
}
