// What the stock and price syncs need from a back office, whatever it is (Fastmag today; RetailCRM,
// a POS or Tuyo later). A connector provides these; the syncs in app/sync/ know nothing else of it.
import type { CalendarDate, ErpPrice, Sku } from "../domain/catalog";
import type { ErpStockLevel, StockFormula } from "../domain/inventory";
import type { ReadResult, SkippedRecord } from "../domain/results";

export interface StockSource {
  /** How the back office's stocks make the quantity Shopify may sell. */
  formula: StockFormula;
  /**
   * Every variant's stock, handed to `onLevel` one at a time as the back office's answer is read (a
   * 100k-variant catalog is never held as objects). Resolves with the records that could not be read.
   */
  fullStock(onLevel: (level: ErpStockLevel) => void): Promise<{ skipped: SkippedRecord[] }>;
  /** Stocks with a movement strictly after `since` (each carries its movement time in updatedAt). */
  changedSince(since: Date): Promise<ReadResult<ErpStockLevel>>;
  stockOf(sku: Sku): Promise<ErpStockLevel | null>;
}

export interface PriceSource {
  /**
   * Every variant's regular price with the reduction running at `now`, if any, handed to `onPrice` one at
   * a time as the back office's answer is read. A SKU may come more than once: the first one counts.
   * Resolves with the records that could not be read.
   */
  pricesOn(now: Date, onPrice: (price: ErpPrice) => void): Promise<{ skipped: SkippedRecord[] }>;
  /** The back office's calendar day for an instant (reductions are dated in its time zone). */
  dayOf(instant: Date): CalendarDate;
}

/** A shop's stock sync setup: where stock comes from and which Shopify location it goes to. */
export interface StockSetup {
  source: StockSource;
  locationId: string;
}

export interface PriceSetup {
  source: PriceSource;
}
