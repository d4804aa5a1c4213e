// What every read from a back-office system returns: the records we could understand, and the
// ones we could not, each with a reason the merchant can read ("row 12 (ref BOXE20): …").
export interface SkippedRecord {
  /** The record's id in the external system (a SKU, an order number…), or "row N" when unknown. */
  externalId: string;
  reason: string;
}

export interface ReadResult<T> {
  items: T[];
  skipped: SkippedRecord[];
}
