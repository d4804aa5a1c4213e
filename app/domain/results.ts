// What every read from a back-office system returns: the records we could understand, and the
// ones we could not, each with a reason the merchant can read ("row 12 (ref BOXE20): …").
import type { Said } from "../i18n/stored-words";

export interface SkippedRecord {
  /** The record's id in the external system (a SKU, an order number…), or "row N" when unknown. */
  externalId: string;
  /** In English. */
  reason: string;
  /** The reason's key and values, when said with one: a run stores them to show it in each reader's language. */
  words?: Said;
}

export interface ReadResult<T> {
  items: T[];
  skipped: SkippedRecord[];
}
