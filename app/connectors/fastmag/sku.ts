// Fastmag's SKU format: `REFERENCE|COLOR|SIZE`, e.g. `BOXE20BEWARE|MARINE/GRIS CHINE|S`. It is also the
// Shopify variant SKU of a Fastmag shop, so the three parts must not contain a pipe.
import type { Sku } from "../../domain/catalog";

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
