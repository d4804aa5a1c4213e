// Catalog and price types shared by every connector that knows products (ERPs, POS systems…).

/** A variant's identity across systems: the Shopify variant SKU. Opaque to the syncs: each connector
 *  knows its own format (an ERP's `REFERENCE|COLOR|SIZE` lives in its connector). */
export type Sku = string;

export interface ErpProduct {
  reference: string;
  color: string;
  size: string;
  sku: Sku;
  /** The product's id in the back office, when it has one distinct from the SKU. */
  externalId?: string;
  title: string;
  barcode?: string;
  season?: string;
  family?: string;
  brand?: string;
  /** Selling price including tax, in the shop's currency. */
  price: number;
  active: boolean;
}

/** Calendar dates as `YYYY-MM-DD` (the back office's local day, no time zone). */
export type CalendarDate = string;

export type PriceReduction = ({ percent: number; price?: undefined } | { price: number; percent?: undefined }) & {
  startsOn: CalendarDate;
  endsOn: CalendarDate;
};

export interface PriceChange {
  sku: Sku;
  /** Regular price including tax. */
  price: number;
  reduction?: PriceReduction;
}

const cents = (value: number) => Math.round(value * 100) / 100;

/**
 * The price to show on `today`: the reduced price with the regular one as "compare at" while a
 * reduction runs, the regular price otherwise. A reduction that would not lower the price is ignored.
 */
export function priceOn(erpPrice: PriceChange, today: CalendarDate): { price: number; compareAtPrice?: number } {
  const reduction = erpPrice.reduction;
  if (!reduction || today < reduction.startsOn || today > reduction.endsOn) return { price: cents(erpPrice.price) };
  const reduced = reduction.percent !== undefined ? erpPrice.price * (1 - reduction.percent / 100) : reduction.price;
  if (!(reduced < erpPrice.price) || reduced < 0) return { price: cents(erpPrice.price) };
  return { price: cents(reduced), compareAtPrice: cents(erpPrice.price) };
}
