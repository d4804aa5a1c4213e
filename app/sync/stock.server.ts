// Full stock sync: the web stock of every SKU from the back office, Shopify's level of every item at
// the synced location, and only the differences written (compare-and-swap, idempotent batches).
// Both sides are streamed: Shopify's levels from a bulk result on disk, the back office's answer into a
// compact index (erp-stock-index.ts).
import type { Db } from "../db.server";
import type { ShopifyAdminClient } from "../shopify/admin-client.server";
import { InventoryWriter, levelsAtLocation, type WriteOutcome } from "../shopify/inventory.server";
import type { StockSetup } from "./capabilities";
import { ErpStockIndex } from "./erp-stock-index";
import type { SyncReporter } from "./sync-context";
import { SnapshotSaver, snapshotPages, type SnapshotRow } from "./stock-snapshot.server";

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
  // Shopify's bulk query runs on its side while we read the back office and what our snapshot holds.
  const [shopifyLevels, { erp, skipped }] = await Promise.all([
    levelsAtLocation(client, setup.locationId, readMode, {
      pollMs: options.bulkPollMs,
      checkpoint: () => report.checkpoint(),
    }),
    readErpStock(setup).then(async (read) => {
      for await (const page of snapshotPages(db, shop)) for (const row of page) read.erp.noteStored(row);
      return read;
    }),
  ]);
  for (const s of skipped) report.skip("variant", s.externalId, s.reason);
  await report.checkpoint();

  // Rows are saved as soon as they are final (unchanged ones at once, changed ones once written), and
  // only when they differ from what the snapshot holds.
  const saver = new SnapshotSaver(db, shop, report.now(), (row) => erp.isStored(row));
  const result = { changed: 0, unchanged: 0, concurrentChangesKept: 0, shopifyItems: 0 };
  const total = erp.size;
  const writer = new InventoryWriter(client, {
    locationId: setup.locationId,
    idempotencyScope: `${shop}:${deps.runId}`,
    concurrency: options.concurrency,
    checkpoint: () => report.checkpoint(),
    onBatch: async (outcomes: WriteOutcome[]) => {
      for (const { change, written, concurrentDelta } of outcomes) {
        // Rebuilt from the index rather than kept per pending change: less held across the writes.
        const slot = erp.slotOf(change.sku);
        if (slot !== undefined)
          await saver.add(
            snapshotRow(change.sku, erp.level(slot, setup.source.formula), written, change.inventoryItemId),
          );
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
    const slot = erp.slotOf(level.sku);
    if (slot === undefined) {
      report.skip("variant", level.sku, UNKNOWN_IN_ERP);
      continue;
    }
    if (!erp.claim(slot)) continue; // a duplicate SKU in Shopify: the first item gets the stock
    const erpLevel = erp.level(slot, setup.source.formula);
    const target = erpLevel.webStock;
    report.count({ seen: 1 });
    if (level.available === null) report.skip("variant", level.sku, NOT_STOCKED);
    if (level.available === null || level.available === target) {
      if (level.available === target) result.unchanged++;
      await saver.add(snapshotRow(level.sku, erpLevel, level.available, level.inventoryItemId));
      continue;
    }
    await writer.push({ inventoryItemId: level.inventoryItemId, sku: level.sku, from: level.available, to: target });
  }
  await writer.flush();

  // SKUs only the back office knows still get a snapshot row: fetch_stock answers for them.
  for (const [sku, slot] of erp.unmatched()) {
    report.skip("variant", sku, UNKNOWN_IN_SHOPIFY);
    await saver.add(snapshotRow(sku, erp.level(slot, setup.source.formula), null, null));
  }
  report.progress(total, total, "Saving the stock snapshot");
  const snapshotRowsWritten = await saver.finish();
  return {
    readMode,
    erpSkus: erp.size,
    shopifyItems: result.shopifyItems,
    changed: result.changed,
    unchanged: result.unchanged,
    concurrentChangesKept: result.concurrentChangesKept,
    writeCalls: writer.calls,
    skipped: skipped.length,
    snapshotRowsWritten,
    latestErpChange: erp.latestChange?.toISOString() ?? null,
  };
}

/** The back office's stock, indexed as its answer is read: no level object outlives its row. */
async function readErpStock(setup: StockSetup) {
  const erp = new ErpStockIndex();
  const { skipped } = await setup.source.fullStock((level) => erp.add(level));
  return { erp, skipped };
}

function snapshotRow(
  sku: string,
  erp: ReturnType<ErpStockIndex["level"]>,
  shopifyQuantity: number | null,
  inventoryItemId: string | null,
): SnapshotRow {
  return {
    sku,
    webStock: erp.webStock,
    erpStockA: erp.stockA,
    erpStockB: erp.stockB,
    shopifyQuantity,
    inventoryItemId,
    erpUpdatedAt: erp.updatedAt,
  };
}
