// A system that receives the shop's stock (Shopify always; RetailCRM, later Tuyo). A stock run reads
// the source once and hands the same picture to every destination; one failing destination never
// blocks the others.
import type { StockLevel } from "../domain/stock";

/** Every SKU the source reported, by slot (0 … size − 1): destinations keep their own per-SKU figures in
 *  arrays indexed the same way, so a 100k-SKU run holds no object per SKU. */
export interface StockPicture {
  readonly size: number;
  /** The latest movement time the source reported, if it dates its stock. */
  readonly latestChange: Date | null;
  slotOf(sku: string): number | undefined;
  skuAt(slot: number): string;
  availableAt(slot: number): number;
  levelAt(slot: number): StockLevel;
}

/** What a destination did, for the run's result; `changed` counts levels it wrote. */
export interface StockWriteReport {
  changed: number;
  [detail: string]: unknown;
}

export interface StockDestination {
  /** Every SKU's level (a full stock run): the destination writes what differs from what it holds. The
   *  picture is still being read when this is called, so a destination can read its own side meanwhile. */
  writeAll(picture: Promise<StockPicture>): Promise<StockWriteReport>;
  /** Only these levels moved (the changes-only run). */
  writeChanges(levels: StockLevel[]): Promise<StockWriteReport>;
}
