// Differential stock sync (every 2 minutes): the stocks the back office moved since the watermark kept
// in SyncCursor, re-read with an overlap so a movement written late is not missed. Reading a window
// twice is harmless: we write only where Shopify's level differs, with compare-and-swap. Without a
// watermark, or with one too old to trust, it runs the full sync instead.
import { webStock } from "../domain/inventory";
import { InventoryWriter, levelsOfItems, levelsOfSku, type ShopifyLevel } from "../shopify/inventory.server";
import {
  fullStockSync,
  NOT_STOCKED,
  UNKNOWN_IN_SHOPIFY,
  type FullStockResult,
  type StockSyncDeps,
} from "./stock.server";
import { saveSnapshot, snapshotRows, type SnapshotRow } from "./stock-snapshot.server";

export const DIFFERENTIAL_STOCK_CURSOR = "fastmag.differential-stock";

export interface DifferentialOptions {
  /** Movements are re-read from this long before the watermark. */
  overlapMs?: number;
  /** A watermark older than this triggers a full sync. */
  maxAgeMs?: number;
}

export type DifferentialStockResult =
  | { mode: "full"; reason: string; watermark: string; full: FullStockResult }
  | { mode: "differential"; since: string; watermark: string; movements: number; changed: number; writeCalls: number };

export async function differentialStockSync(
  deps: StockSyncDeps & { differential?: DifferentialOptions },
): Promise<DifferentialStockResult> {
  const { db, shop, client, setup, report } = deps;
  const overlapMs = deps.differential?.overlapMs ?? 10 * 60_000;
  const maxAgeMs = deps.differential?.maxAgeMs ?? 12 * 3600_000;
  const now = report.now();
  const cursor = await db.syncCursor.findUnique({
    where: { shop_syncType: { shop, syncType: DIFFERENTIAL_STOCK_CURSOR } },
  });

  if (!cursor || now.getTime() - cursor.watermark.getTime() > maxAgeMs) {
    const reason = cursor ? `the last watermark (${cursor.watermark.toISOString()}) is too old` : "no watermark yet";
    report.log("info", `Full stock sync instead of changes only: ${reason}.`);
    const full = await fullStockSync(deps);
    // Movements after the back office's latest one are for the next run; without dates, from now.
    const watermark = full.latestErpChange
      ? new Date(Math.min(new Date(full.latestErpChange).getTime(), now.getTime()))
      : now;
    await saveWatermark(deps, watermark);
    return { mode: "full", reason, watermark: watermark.toISOString(), full };
  }

  const since = new Date(cursor.watermark.getTime() - overlapMs);
  report.progress(0, null, "Reading stock movements");
  const moved = await setup.source.changedSince(since);
  for (const s of moved.skipped) report.skip("variant", s.externalId, s.reason);
  const known = await snapshotRows(
    db,
    shop,
    moved.items.map((m) => m.sku),
  );

  // Shopify's level of each moved SKU as the snapshot last saw it: compare-and-swap on that figure costs
  // nothing to read, and a stale one is re-read by the writer. Items the snapshot knows without a
  // level are read by id; SKUs it does not know, by SKU.
  const unknownLevels = [...known.values()].flatMap((r) =>
    r.inventoryItemId && r.shopifyQuantity === null ? [r.inventoryItemId] : [],
  );
  const byItem = await levelsOfItems(client, setup.locationId, unknownLevels);
  for (const row of known.values()) {
    if (row.inventoryItemId && row.shopifyQuantity !== null)
      byItem.set(row.inventoryItemId, {
        inventoryItemId: row.inventoryItemId,
        sku: row.sku,
        available: row.shopifyQuantity,
      });
  }
  const rows = new Map<string, SnapshotRow>();
  const writer = new InventoryWriter(client, {
    locationId: setup.locationId,
    idempotencyScope: `${shop}:${deps.runId}`,
    concurrency: deps.options?.concurrency,
    onStale: "reread",
    checkpoint: () => report.checkpoint(),
    onBatch: (outcomes) => {
      for (const o of outcomes) {
        const row = rows.get(o.change.sku);
        if (row) row.shopifyQuantity = o.written;
      }
      report.count({ changed: outcomes.filter((o) => o.written !== null).length });
    },
  });
  let changed = 0;
  let watermark = cursor.watermark;
  for (const [index, level] of moved.items.entries()) {
    report.count({ seen: 1 });
    if (level.updatedAt && level.updatedAt > watermark) watermark = level.updatedAt;
    const target = webStock(level, setup.source.formula);
    const snapshot = known.get(level.sku);
    let shopify: ShopifyLevel | undefined = snapshot?.inventoryItemId
      ? byItem.get(snapshot.inventoryItemId)
      : undefined;
    if (!shopify) shopify = (await levelsOfSku(client, setup.locationId, level.sku))[0];
    rows.set(level.sku, {
      sku: level.sku,
      webStock: target,
      erpStockA: level.stockA,
      erpStockB: level.stockB,
      shopifyQuantity: shopify?.available ?? null,
      inventoryItemId: shopify?.inventoryItemId ?? null,
      erpUpdatedAt: level.updatedAt ?? null,
    });
    if (!shopify) report.skip("variant", level.sku, UNKNOWN_IN_SHOPIFY);
    else if (shopify.available === null) report.skip("variant", level.sku, NOT_STOCKED);
    else if (shopify.available !== target) {
      changed++;
      await writer.push({
        inventoryItemId: shopify.inventoryItemId,
        sku: level.sku,
        from: shopify.available,
        to: target,
      });
    }
    report.progress(index + 1, moved.items.length, "Updating Shopify stock");
  }
  await writer.flush();
  await saveSnapshot(db, shop, rows.values(), now);
  // Advanced only now that every write succeeded; never past the present (a clock running ahead).
  if (watermark > now) watermark = now;
  await saveWatermark(deps, watermark);
  return {
    mode: "differential",
    since: since.toISOString(),
    watermark: watermark.toISOString(),
    movements: moved.items.length,
    changed,
    writeCalls: writer.calls,
  };
}

async function saveWatermark({ db, shop }: StockSyncDeps, watermark: Date): Promise<void> {
  await db.syncCursor.upsert({
    where: { shop_syncType: { shop, syncType: DIFFERENTIAL_STOCK_CURSOR } },
    create: { shop, syncType: DIFFERENTIAL_STOCK_CURSOR, watermark },
    update: { watermark },
  });
}
