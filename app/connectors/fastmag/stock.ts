// Fastmag's stock as it reports it: two quantities per variant (the general stock A and the web stock B),
// which the shop combines into what Shopify may sell with a formula chosen in Settings → Fastmag. Only
// this connector knows of them: the syncs see one neutral StockLevel (app/domain/stock.ts).
import type { Sku } from "../../domain/catalog";
import type { StockLevel } from "../../domain/stock";

export interface FastmagStockLevel {
  sku: Sku;
  stockA: number;
  stockB: number;
  /** When Fastmag last changed this stock, if it says. */
  updatedAt?: Date;
}

/** available = a·stockA + b·stockB − safetyMargin, never below zero. */
export interface StockFormula {
  a: number;
  b: number;
  safetyMargin: number;
}

export const DEFAULT_STOCK_FORMULA: StockFormula = { a: 1, b: 1, safetyMargin: 0 };

export function webStock(
  level: Pick<FastmagStockLevel, "stockA" | "stockB">,
  formula: StockFormula = DEFAULT_STOCK_FORMULA,
): number {
  const raw = formula.a * level.stockA + formula.b * level.stockB - formula.safetyMargin;
  return Math.max(0, Math.floor(raw));
}

/** The neutral level the syncs work with, with Fastmag's figures kept as words for the stock page. */
export function neutralLevel(level: FastmagStockLevel, formula: StockFormula): StockLevel {
  return {
    sku: level.sku,
    available: webStock(level, formula),
    updatedAt: level.updatedAt,
    detail: `Fastmag: general stock ${level.stockA} · web stock ${level.stockB}`,
  };
}

/** Moving stock between Fastmag's two stocks, e.g. reserving an order's items in the web stock. */
export interface StockTransfer {
  sku: Sku;
  quantity: number;
  from: "A" | "B";
  to: "A" | "B";
}
