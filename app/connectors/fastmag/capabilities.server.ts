// Fastmag as a stock source and a price source for the syncs (app/sync/capabilities.ts), built from
// the shop's saved settings (stock formula, Shopify location, time zone).
import type { PriceSetup, StockSetup } from "../../sync/capabilities";
import type { FastmagConnector } from "./index.server";
import { fastmagDate } from "./queries.server";
import { fastmagConnectorForShop, stockFormulaOf, type FastmagSettings } from "./settings.server";

export function fastmagStockSetup(fastmag: FastmagConnector, settings: FastmagSettings): StockSetup {
  return {
    locationId: settings.locationId,
    source: {
      formula: stockFormulaOf(settings.stock),
      fullStock: (onLevel) => fastmag.inventory.eachLevel(onLevel),
      changedSince: (since) => fastmag.inventory.changedSince(since),
      stockOf: (sku) => fastmag.inventory.stockOf(sku),
    },
  };
}

export function fastmagPriceSetup(fastmag: FastmagConnector, settings: FastmagSettings): PriceSetup {
  return {
    source: {
      pricesOn: (now, onPrice) => fastmag.prices.eachPrice(now, onPrice),
      dayOf: (instant) => fastmagDate(instant, settings.timeZone).slice(0, 10),
    },
  };
}

export async function stockSetupForShop(shop: string, options: { timeoutMs?: number } = {}): Promise<StockSetup> {
  const { fastmag, settings } = await fastmagConnectorForShop(shop, { timeoutMs: options.timeoutMs ?? 120_000 });
  return fastmagStockSetup(fastmag, settings);
}

export async function priceSetupForShop(
  shop: string,
  options: { timeoutMs?: number; now?: () => Date } = {},
): Promise<PriceSetup> {
  const { fastmag, settings } = await fastmagConnectorForShop(shop, {
    timeoutMs: options.timeoutMs ?? 120_000,
    now: options.now,
  });
  return fastmagPriceSetup(fastmag, settings);
}
