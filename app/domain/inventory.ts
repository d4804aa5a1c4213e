// Stock as back offices report it: two quantities (e.g. the general stock and the web stock), which
// the shop combines into what Shopify may sell with a formula it chooses.
import type { Sku } from "./catalog";

export interface ErpStockLevel {
  sku: Sku;
  stockA: number;
  stockB: number;
  /** When the back office last changed this stock, if it says. */
  updatedAt?: Date;
}

/** webStock = a·stockA + b·stockB − safetyMargin, never below zero. */
export interface StockFormula {
  a: number;
  b: number;
  safetyMargin: number;
}

export const DEFAULT_STOCK_FORMULA: StockFormula = { a: 1, b: 1, safetyMargin: 0 };

export function webStock(
  level: Pick<ErpStockLevel, "stockA" | "stockB">,
  formula: StockFormula = DEFAULT_STOCK_FORMULA,
): number {
  const raw = formula.a * level.stockA + formula.b * level.stockB - formula.safetyMargin;
  return Math.max(0, Math.floor(raw));
}

/** Moving stock between the two pools, e.g. reserving an order's items in the web stock. */
export interface StockTransfer {
  sku: Sku;
  quantity: number;
  from: "A" | "B";
  to: "A" | "B";
}
