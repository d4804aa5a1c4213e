// RetailCRM as a stock source: the leftovers of the shop's chosen warehouse, read with
// GET /api/v5/store/inventories (filter[details]=1 gives them per warehouse). That method names offers
// by id, externalId and xmlId but not by article, so the catalog (GET /api/v5/store/products) is read
// first to know each offer's SKU, by the same rule the stock destination matches SKUs with (OfferIndex:
// article, then externalId, then xmlId). RetailCRM dates no leftover, so there is no "changed since":
// see changedSince below.
import type { StockSource } from "../../capabilities/stock-source";
import type { SkippedRecord } from "../../domain/results";
import type { StockLevel } from "../../domain/stock";
import type { SyncReporter } from "../../sync/sync-context";
import type { RetailCrmClient } from "./client.server";
import {
  INVENTORIES_PAGE,
  NO_SKU,
  OfferIndex,
  PRODUCTS_PAGE,
  SKU_TAKEN,
  readInventoriesPage,
  readProductsPage,
  skuOfOffer,
  type RetailCrmOfferRef,
} from "./mapping.server";

export interface RetailCrmStockSourceDeps {
  client: RetailCrmClient;
  /** The RetailCRM warehouse (store code) whose leftovers are the shop's stock. */
  storeCode: string;
  report?: SyncReporter;
}

export function retailCrmStockSource(deps: RetailCrmStockSourceDeps): StockSource {
  return {
    fullStock: (onLevel) => eachLevel(deps, onLevel),
    // No leftover carries a date and no method lists leftovers changed since a time, so a changes-only run
    // reads every leftover (undated: the run's watermark stays put). Destinations write only what
    // differs, so the result is right; the cost is a full read each time.
    changedSince: async () => {
      const items: StockLevel[] = [];
      const { skipped } = await eachLevel(deps, (level) => items.push(level));
      return { items, skipped };
    },
    stockOf: (sku) => stockOf(deps, sku),
  };
}

async function eachLevel(
  deps: RetailCrmStockSourceDeps,
  onLevel: (level: StockLevel) => void,
): Promise<{ skipped: SkippedRecord[] }> {
  const { skuByOffer, skipped } = await offerSkus(deps);
  for (let page = 1, totalPages = 1; page <= totalPages; page++) {
    const answer = await deps.client.get("/api/v5/store/inventories", {
      "filter[details]": 1,
      limit: INVENTORIES_PAGE,
      page,
    });
    const read = readInventoriesPage(answer, deps.storeCode);
    for (const line of read.lines) {
      const sku = skuByOffer.get(line.offerId);
      // Offers without a SKU, or losing theirs to another offer, were reported with the catalog.
      if (sku !== undefined) onLevel(levelOf(sku, line.quantity, deps.storeCode));
    }
    totalPages = read.totalPages;
    await deps.report?.checkpoint();
  }
  return { skipped };
}

/** Offer id → SKU for every offer of the catalog that stands for one SKU alone. */
async function offerSkus(deps: RetailCrmStockSourceDeps) {
  const offers: RetailCrmOfferRef[] = [];
  const index = new OfferIndex();
  for (let page = 1, totalPages = 1; page <= totalPages; page++) {
    const read = readProductsPage(await deps.client.get("/api/v5/store/products", { limit: PRODUCTS_PAGE, page }));
    for (const offer of read.offers) {
      offers.push(offer);
      index.add(offer);
    }
    totalPages = read.totalPages;
    await deps.report?.checkpoint();
  }
  const skuByOffer = new Map<number, string>();
  const skipped: SkippedRecord[] = [];
  for (const offer of offers) {
    const sku = skuOfOffer(offer);
    if (sku === undefined) {
      skipped.push({ externalId: `offer ${offer.id}`, reason: NO_SKU(offer.id) });
      continue;
    }
    const winner = index.offerOf(sku)!;
    if (winner === offer.id) skuByOffer.set(offer.id, sku);
    else skipped.push({ externalId: sku, reason: SKU_TAKEN(sku, offer.id, winner) });
  }
  return { skuByOffer, skipped };
}

/** One SKU's leftover: the offer whose article, else externalId, else xmlId is the SKU. */
async function stockOf(deps: RetailCrmStockSourceDeps, sku: string): Promise<StockLevel | null> {
  for (const filter of ["offerArticle", "offerExternalId", "offerXmlId"] as const) {
    const answer = await deps.client.get("/api/v5/store/inventories", {
      [`filter[${filter}]`]: sku,
      "filter[details]": 1,
      limit: 20,
    });
    const [first] = readInventoriesPage(answer, deps.storeCode).lines;
    if (first) return levelOf(sku, first.quantity, deps.storeCode);
  }
  return null;
}

// RetailCRM may hold fractional (weighed) or negative leftovers; what may be sold is a whole number ≥ 0.
const levelOf = (sku: string, quantity: number, storeCode: string): StockLevel => ({
  sku,
  available: Math.max(0, Math.floor(quantity)),
  detail: `RetailCRM: warehouse "${storeCode}" ${quantity}`,
});
