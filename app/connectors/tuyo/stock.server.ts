// Tuyo as a stock destination: the levels of variants listed on Tuyo, sent with PATCH /api/bulk_update
// (variants named by their values, 100 products per call), only where they differ from what was last
// sent. SKUs not listed on Tuyo are none of its business and are passed over silently. A product Tuyo
// refuses (erroredProducts) is a skipped record with Tuyo's reason; the others are still written.
// Listed variants carry Shopify's SKUs: the Unmatched screen's decisions say which stock-source SKU each
// stands for (a linked one gets its linked SKU's level; an ignored one is never moved; ADR 0022).
import type { StockDestination, StockWriteReport } from "../../capabilities/stock-destination";
import type { Db } from "../../db.server";
import type { StockLevel } from "../../domain/stock";
import { said } from "../../i18n/stored-words";
import type { SyncReporter } from "../../sync/sync-context";
import { skuResolution } from "../../sync/unmatched/decisions.server";
import { erroredProducts, type TuyoClient } from "./client.server";
import { listedProducts, saveListedVariants, type ListedProduct } from "./listings.server";

export const BULK_UPDATE_PRODUCTS = 100;

export interface TuyoStockDeps {
  db: Db;
  shop: string;
  client: TuyoClient;
  report: SyncReporter;
}

export interface TuyoStockReport extends StockWriteReport {
  unchanged: number;
  calls: number;
  refused: number;
}

export function tuyoStockDestination(deps: TuyoStockDeps): StockDestination {
  return {
    async writeAll(picture) {
      const read = await picture;
      return write(deps, (sku) => {
        const slot = read.slotOf(sku);
        return slot === undefined ? undefined : read.availableAt(slot);
      });
    },
    async writeChanges(levels: StockLevel[]) {
      const bySku = new Map(levels.map((l) => [String(l.sku), l.available]));
      return write(deps, (sku) => bySku.get(sku));
    },
  };
}

type Reading = (sku: string) => number | undefined;

async function write(deps: TuyoStockDeps, availableOf: Reading): Promise<TuyoStockReport> {
  const [products, skus] = await Promise.all([listedProducts(deps.db, deps.shop), skuResolution(deps.db, deps.shop)]);
  const changed: { product: ListedProduct; next: ListedProduct["variants"] }[] = [];
  let unchanged = 0;
  for (const product of products) {
    let differs = false;
    const next = product.variants.map((v) => {
      const sourceSku = skus.sourceSkuOf(v.sku);
      const available = sourceSku === null ? undefined : availableOf(sourceSku);
      if (available === undefined) return v;
      const stock = Math.max(0, Math.floor(available));
      if (stock === v.stock) {
        unchanged++;
        return v;
      }
      differs = true;
      return { ...v, stock };
    });
    if (differs) changed.push({ product, next });
  }
  const report: TuyoStockReport = { changed: 0, unchanged, calls: 0, refused: 0 };
  for (let i = 0; i < changed.length; i += BULK_UPDATE_PRODUCTS) {
    await deps.report.checkpoint();
    const chunk = changed.slice(i, i + BULK_UPDATE_PRODUCTS);
    const body = chunk.map(({ product, next }) => ({
      sku: product.tuyoSku,
      variants: next
        .filter((v, k) => v.stock !== product.variants[k]!.stock)
        .map((v) => ({ values: v.values, stock: v.stock })),
    }));
    report.calls++;
    const answer = await deps.client.patch("/api/bulk_update", body);
    const errored = erroredProducts(answer);
    for (const { product, next } of chunk) {
      const refusal = errored.get(product.tuyoSku);
      if (refusal) {
        report.refused++;
        deps.report.skip("variant", product.tuyoSku, said("tuyo.stockRefused", { sku: product.tuyoSku, refusal }));
        continue;
      }
      report.changed += next.filter((v, k) => v.stock !== product.variants[k]!.stock).length;
      await saveListedVariants(deps.db, product.id, next);
    }
  }
  return report;
}
