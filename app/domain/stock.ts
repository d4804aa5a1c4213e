// Stock as every system is spoken of in the syncs: what may be sold of a SKU. How a system counts it
// (an ERP's two stocks and the shop's formula, a POS's per-outlet counts) stays inside its connector.
import type { Sku } from "./catalog";

export interface StockLevel {
  sku: Sku;
  /** What may be sold, never below zero. */
  available: number;
  /** Which of the system's stock places this is, when it has several (a POS outlet); absent: the only one. */
  locationKey?: string;
  /** When the system last changed this stock, if it says. */
  updatedAt?: Date;
  /** How the system arrived at `available`, in words for the stock page ("ERP: general stock 3 · web stock 2"). */
  detail?: string;
}
