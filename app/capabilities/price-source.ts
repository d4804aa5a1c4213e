// A system the shop's prices come from, with the reductions it runs.
import type { CalendarDate, PriceChange } from "../domain/catalog";
import type { SkippedRecord } from "../domain/results";

export interface PriceSource {
  /**
   * Every SKU's regular price with the reduction running at `now`, if any, handed to `onPrice` one at a
   * time as the answer is read. A SKU may come more than once: the first one counts. Resolves with the
   * records that could not be read.
   */
  pricesOn(now: Date, onPrice: (price: PriceChange) => void): Promise<{ skipped: SkippedRecord[] }>;
  /** The system's calendar day for an instant (its reductions are dated in its time zone). */
  dayOf(instant: Date): CalendarDate;
}
