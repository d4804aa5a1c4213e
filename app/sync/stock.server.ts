// Full stock sync: the web stock of every SKU from the back office, Shopify's level of every item at
// the synced location, and only the differences written (compare-and-swap, idempotent batches).
// Shopify's side is streamed; the back office's answer is held as one map of SKU → stock.
import type { Db } from "../db.server";
import type { ErpStockLevel } from "../domain/inventory";
import { webStock } from "../domain/inventory";
import type { ShopifyAdminClient } from "../shopify/admin-client.server";
import { InventoryWriter, levelsAtLocation, type WriteOutcome } from "../shopify/inventory.server";
import type { StockSetup } from "./capabilities";
import type { SyncReporter } from "./sync-context";
import { SnapshotSaver, snapshotFingerprints, type SnapshotRow } from "./stock-snapshot.server";

export interface StockSyncOptions {
  /** How Shopify's levels are read: "auto" pages through small known catalogs, bulk-queries the rest. */
  readMode?: "auto" | "paged" | "bulk";
  /** Largest catalog (SKUs in the snapshot) read page by page in auto mode: a page of 250 items costs
   *  ~750 points, a bulk query ~10 plus polling, so only a one-page catalog is worth paging. */
  pagedUpTo?: number;
  /** inventorySetQuantities calls in flight (the client paces them on the bucket). */
  concurrency?: number;
  bulkPollMs?: number;
}

export interface StockSyncDeps {
  db: Db;
  shop: string;
  client: ShopifyAdminClient;
  setup: StockSetup;
  /** Scopes the idempotency keys: a retried batch of the same run is applied once. */
  runId: string;
  report: SyncReporter;
  options?: StockSyncOptions;
}

export interface FullStockResult {
  readMode: "paged" | "bulk";
  erpSkus: number;
  shopifyItems: number;
  changed: number;
  unchanged: number;
  /** Items whose level changed in Shopify during the run: that change was kept. */
  concurrentChangesKept: number;
  writeCalls: number;
  skipped: number;
  snapshotRowsWritten: number;
  /** Latest movement time the back office reported (the differential sync's next watermark). */
  latestErpChange: string | null;
}

export const UNKNOWN_IN_ERP = "No variant with this SKU in Fastmag: its Shopify stock is left as it is.";
export const UNKNOWN_IN_SHOPIFY = "No Shopify variant has this SKU.";
export const NOT_STOCKED = "This variant is not stocked at the synced Shopify location.";

export async function fullStockSync(deps: StockSyncDeps): Promise<FullStockResult> {
  const { db, shop, client, setup, report } = deps;
  const options = deps.options ?? {};
  const known = await db.stockSnapshot.count({ where: { shop } });
  const pagedUpTo = options.pagedUpTo ?? 250;
  const readMode =
    options.readMode && options.readMode !== "auto"
      ? options.readMode
      : known > 0 && known <= pagedUpTo
        ? "paged"
        : "bulk";

  report.progress(0, null, "Reading stock from Fastmag and Shopify");
  // Shopify's bulk query runs on its side while we read the back office and our snapshot.
  const [shopifyLevels, erp, fingerprints] = await Promise.all([
    levelsAtLocation(client, setup.locationId, readMode, {
      pollMs: options.bulkPollMs,
      checkpoint: () => report.checkpoint(),
    }),
    setup.source.fullStock(),
    snapshotFingerprints(db, shop),
  ]);
  for (const s of erp.skipped) report.skip("variant", s.externalId, s.reason);
  const erpBySku = new Map<string, ErpStockLevel>();
  let latestErpChange: Date | null = null;
  for (const level of erp.items) {
    erpBySku.set(level.sku, level);
    if (level.updatedAt && (!latestErpChange || level.updatedAt > latestErpChange)) latestErpChange = level.updatedAt;
  }
  await report.checkpoint();

  // Rows are saved as soon as they are final: unchanged ones at once, changed ones once written.
  const saver = new SnapshotSaver(db, shop, report.now(), fingerprints);
  const awaitingWrite = new Map<string, SnapshotRow>();
  const matched = new Set<string>();
  const result = { changed: 0, unchanged: 0, concurrentChangesKept: 0, shopifyItems: 0 };
  const total = erpBySku.size;
  const writer = new InventoryWriter(client, {
    locationId: setup.locationId,
    idempotencyScope: `${shop}:${deps.runId}`,
    concurrency: options.concurrency,
    checkpoint: () => report.checkpoint(),
    onBatch: async (outcomes: WriteOutcome[]) => {
      for (const { change, written, concurrentDelta } of outcomes) {
        const row = awaitingWrite.get(change.sku);
        awaitingWrite.delete(change.sku);
        if (row) await saver.add({ ...row, shopifyQuantity: written });
        if (concurrentDelta) result.concurrentChangesKept++;
      }
      const changed = outcomes.filter((o) => o.written !== null).length;
      result.changed += changed;
      report.count({ changed });
      report.progress(result.unchanged + result.changed, total, "Updating Shopify stock");
    },
  });

  report.progress(0, total, "Comparing stock");
  for await (const level of shopifyLevels()) {
    result.shopifyItems++;
    if (!level.sku) continue;
    const erpLevel = erpBySku.get(level.sku);
    if (!erpLevel) {
      report.skip("variant", level.sku, UNKNOWN_IN_ERP);
      continue;
    }
    if (matched.has(level.sku)) continue; // a duplicate SKU in Shopify: the first item gets the stock
    matched.add(level.sku);
    const target = webStock(erpLevel, setup.source.formula);
    const row: SnapshotRow = {
      sku: level.sku,
      webStock: target,
      erpStockA: erpLevel.stockA,
      erpStockB: erpLevel.stockB,
      shopifyQuantity: level.available,
      inventoryItemId: level.inventoryItemId,
      erpUpdatedAt: erpLevel.updatedAt ?? null,
    };
    report.count({ seen: 1 });
    if (level.available === null) report.skip("variant", level.sku, NOT_STOCKED);
    if (level.available === null || level.available === target) {
      if (level.available === target) result.unchanged++;
      await saver.add(row);
      continue;
    }
    awaitingWrite.set(level.sku, row);
    await writer.push({ inventoryItemId: level.inventoryItemId, sku: level.sku, from: level.available, to: target });
  }
  await writer.flush();

  // SKUs only the back office knows still get a snapshot row: fetch_stock answers for them.
  for (const [sku, erpLevel] of erpBySku) {
    if (matched.has(sku)) continue;
    report.skip("variant", sku, UNKNOWN_IN_SHOPIFY);
    await saver.add({
      sku,
      webStock: webStock(erpLevel, setup.source.formula),
      erpStockA: erpLevel.stockA,
      erpStockB: erpLevel.stockB,
      shopifyQuantity: null,
      inventoryItemId: null,
      erpUpdatedAt: erpLevel.updatedAt ?? null,
    });
  }
  report.progress(total, total, "Saving the stock snapshot");
  const snapshotRowsWritten = await saver.finish();
  return {
    readMode,
    erpSkus: erpBySku.size,
    shopifyItems: result.shopifyItems,
    changed: result.changed,
    unchanged: result.unchanged,
    concurrentChangesKept: result.concurrentChangesKept,
    writeCalls: writer.calls,
    skipped: erp.skipped.length,
    snapshotRowsWritten,
    latestErpChange: latestErpChange?.toISOString() ?? null,
  };
}
