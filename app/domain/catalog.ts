// Catalog and price types shared by every connector that knows products (Fastmag, POS systems…).

/**
 * A variant's identity across systems: `REFERENCE|COLOR|SIZE`, e.g. `BOXE20BEWARE|MARINE/GRIS CHINE|S`.
 * It is also the Shopify variant SKU, so the three parts must not contain a pipe.
 */
export type Sku = string;

export interface SkuParts {
  reference: string;
  color: string;
  size: string;
}

export function skuOf(parts: SkuParts): Sku {
  for (const [name, value] of Object.entries(parts)) {
    if (value.includes("|")) throw new Error(`the ${name} "${value}" contains a pipe, which a SKU cannot hold`);
  }
  return `${parts.reference}|${parts.color}|${parts.size}`;
}

/** Splits a SKU; null when it does not have exactly three parts or the reference is empty. */
export function parseSku(sku: string): SkuParts | null {
  const parts = sku.split("|");
  if (parts.length !== 3 || parts[0] === "") return null;
  return { reference: parts[0], color: parts[1], size: parts[2] };
}

export interface ErpProduct extends SkuParts {
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

export type ErpPriceReduction = ({ percent: number; price?: undefined } | { price: number; percent?: undefined }) & {
  startsOn: CalendarDate;
  endsOn: CalendarDate;
};

export interface ErpPrice {
  sku: Sku;
  /** Regular price including tax. */
  price: number;
  reduction?: ErpPriceReduction;
}

const cents = (value: number) => Math.round(value * 100) / 100;

/**
 * The price to show on `today`: the reduced price with the regular one as "compare at" while a
 * reduction runs, the regular price otherwise. A reduction that would not lower the price is ignored.
 */
export function priceOn(erpPrice: ErpPrice, today: CalendarDate): { price: number; compareAtPrice?: number } {
  const reduction = erpPrice.reduction;
  if (!reduction || today < reduction.startsOn || today > reduction.endsOn) return { price: cents(erpPrice.price) };
  const reduced = reduction.percent !== undefined ? erpPrice.price * (1 - reduction.percent / 100) : reduction.price;
  if (!(reduced < erpPrice.price) || reduced < 0) return { price: cents(erpPrice.price) };
  return { price: cents(reduced), compareAtPrice: cents(erpPrice.price) };
}
