// The demo shop sells part of what the demo Fastmag holds: its Shopify products are added to Fastmag's
// catalog with the same SKUs and barcodes, and with stocks that differ from Shopify's levels, so a
// stock or price sync in the demo has real work to do (the rest of Fastmag's catalog is not online).
import type Database from "better-sqlite3";
import { localDateTime } from "../emulators/fastmag/schema";
import type { SeedShop } from "../emulators/shopify/index";

export function shareCatalogWithFastmag(fastmag: Database.Database, shop: SeedShop, now = new Date()): number {
  const stamp = localDateTime(now);
  const product = fastmag.prepare(
    `INSERT OR IGNORE INTO products (reference, designation, color, size, gencod, season, family, brand, price, active, last_modified)
     VALUES (?, ?, ?, ?, ?, 'H24', ?, ?, ?, 1, ?)`,
  );
  const stock = fastmag.prepare(
    "INSERT OR IGNORE INTO stocks (reference, color, size, stock_general, stock_web, last_modified) VALUES (?, ?, ?, ?, ?, ?)",
  );
  let shared = 0;
  fastmag.transaction(() => {
    for (const item of shop.products ?? []) {
      for (const variant of item.variants ?? []) {
        const [reference, color, size] = (variant.sku ?? "").split("|");
        if (!reference || color === undefined || size === undefined) continue;
        shared += 1;
        const price = Number(variant.price ?? 0);
        product.run(
          reference,
          item.title,
          color,
          size,
          variant.barcode ?? null,
          item.productType ?? "",
          item.vendor ?? "",
          price,
          stamp,
        );
        stock.run(reference, color, size, (shared * 7) % 11, (shared * 5) % 9, stamp);
      }
    }
  })();
  return shared;
}
