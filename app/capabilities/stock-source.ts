// A system the shop's stock comes from (Fastmag today; RetailCRM, a POS later). The stock use-cases
// read it through this port only; how the system counts its stock stays inside its connector.
import type { ReadResult, SkippedRecord } from "../domain/results";
import type { StockLevel } from "../domain/stock";
import type { Sku } from "../domain/catalog";

export interface StockSource {
  /**
   * Every SKU's stock, handed to `onLevel` one at a time as the system's answer is read (a 100k-variant
   * catalog is never held as objects). Resolves with the records that could not be read.
   */
  fullStock(onLevel: (level: StockLevel) => void): Promise<{ skipped: SkippedRecord[] }>;
  /** Stocks with a movement strictly after `since` (each carries its movement time in updatedAt). */
  changedSince(since: Date): Promise<ReadResult<StockLevel>>;
  stockOf(sku: Sku): Promise<StockLevel | null>;
}
