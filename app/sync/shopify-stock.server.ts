// Shopify as a stock destination: every SKU's level at the synced location compared with the source's,
// and only the differences written (compare-and-swap, idempotent batches). The StockSnapshot table is
// this destination's memory: what the source said and what Shopify held after our last read or write,
// per SKU; the fulfillment service's fetch_stock answers from it alone.
import { said } from "../i18n/stored-words";
import type { StockDestination, StockPicture, StockWriteReport } from "../capabilities/stock-destination";
import type { Db } from "../db.server";
import type { StockLevel } from "../domain/stock";
import type { ShopifyAdminClient } from "../shopify/admin-client.server";
import {
  InventoryWriter,
  levelsAtLocation,
  levelsOfItems,
  levelsOfSku,
  type ShopifyLevel,
  type WriteOutcome,
} from "../shopify/inventory.server";
import type { SyncReporter } from "./sync-context";
import { skuDecisions, UnmatchedCollector } from "./unmatched/decisions.server";
import { SnapshotSaver, saveSnapshot, snapshotPages, snapshotRows, type SnapshotRow } from "./stock-snapshot.server";

export interface ShopifyStockOptions {
  /** How Shopify's levels are read: "auto" pages through small known catalogs, bulk-queries the rest. */
  readMode?: "auto" | "paged" | "bulk";
  /** Largest catalog (SKUs in the snapshot) read page by page in auto mode: a page of 250 items costs
   *  ~750 points, a bulk query ~10 plus polling, so only a one-page catalog is worth paging. */
  pagedUpTo?: number;
  /** inventorySetQuantities calls in flight (the client paces them on the bucket). */
  concurrency?: number;
  bulkPollMs?: number;
}

export interface ShopifyStockDeps {
  db: Db;
  shop: string;
  client: ShopifyAdminClient;
  /** The Shopify location the shop's stock is synced into. */
  locationId: string;
  /** Scopes the idempotency keys: a retried batch of the same run is applied once. */
  runId: string;
  report: SyncReporter;
  /** The stock source's name, for the merchant's skip reasons ("No variant with this SKU in <source>"). */
  sourceName: string;
  options?: ShopifyStockOptions;
}

export interface ShopifyFullStockReport extends StockWriteReport {
  readMode: "paged" | "bulk";
  shopifyItems: number;
  unchanged: number;
  /** Items whose level changed in Shopify during the run: that change was kept. */
  concurrentChangesKept: number;
  writeCalls: number;
  snapshotRowsWritten: number;
}

export interface ShopifyStockChangesReport extends StockWriteReport {
  writeCalls: number;
}

export const unknownInSource = (sourceName: string) => said("stock.unknownInSource", { source: sourceName });
export const UNKNOWN_IN_SHOPIFY = said("stock.unknownInShopify");
export const NOT_STOCKED = said("stock.notStocked");
export const DUPLICATE_IN_SHOPIFY = said("stock.duplicateInShopify");

export function shopifyStockDestination(deps: ShopifyStockDeps): StockDestination & {
  writeAll(picture: Promise<StockPicture>): Promise<ShopifyFullStockReport>;
  writeChanges(levels: StockLevel[]): Promise<ShopifyStockChangesReport>;
} {
  return {
    writeAll: (picture) => writeAll(deps, picture),
    writeChanges: (levels) => writeChanges(deps, levels),
  };
}

async function writeAll(deps: ShopifyStockDeps, reading: Promise<StockPicture>): Promise<ShopifyFullStockReport> {
  const { db, shop, client, locationId, report } = deps;
  const options = deps.options ?? {};
  const known = await db.stockSnapshot.count({ where: { shop } });
  // The merchant's decisions on unmatched SKUs: ignored ones are not reported, linked ones are synced.
  const decisions = await skuDecisions(db, shop);
  const unmatched = new UnmatchedCollector();
  const pagedUpTo = options.pagedUpTo ?? 250;
  const readMode =
    options.readMode && options.readMode !== "auto"
      ? options.readMode
      : known > 0 && known <= pagedUpTo
        ? "paged"
        : "bulk";

  // Shopify's bulk query runs on its side while the source is read and the snapshot noted.
  const [shopifyLevels, { picture, memory }] = await Promise.all([
    levelsAtLocation(client, locationId, readMode, {
      pollMs: options.bulkPollMs,
      checkpoint: () => report.checkpoint(),
    }),
    reading.then(async (picture) => {
      const memory = new SnapshotMemory(picture);
      for await (const page of snapshotPages(db, shop)) for (const row of page) memory.noteStored(row);
      return { picture, memory };
    }),
  ]);
  await report.checkpoint();

  // Rows are saved as soon as they are final (unchanged ones at once, changed ones once written), and
  // only when they differ from what the snapshot holds.
  const saver = new SnapshotSaver(db, shop, report.now(), (row) => memory.isStored(row));
  const result = { changed: 0, unchanged: 0, concurrentChangesKept: 0, shopifyItems: 0 };
  const total = picture.size;
  const writer = new InventoryWriter(client, {
    locationId,
    idempotencyScope: `${shop}:${deps.runId}`,
    concurrency: options.concurrency,
    checkpoint: () => report.checkpoint(),
    onBatch: async (outcomes: WriteOutcome[]) => {
      for (const { change, written, concurrentDelta } of outcomes) {
        // Rebuilt from the picture rather than kept per pending change: less held across the writes.
        const slot = picture.slotOf(change.sku);
        if (slot !== undefined) await saver.add(snapshotRow(picture.levelAt(slot), written, change.inventoryItemId));
        if (concurrentDelta) result.concurrentChangesKept++;
        if (written !== null) report.change("variant", change.sku, "available", String(change.from), String(written));
      }
      const changed = outcomes.filter((o) => o.written !== null).length;
      // Not written: Shopify already held the level, or the item left the location meanwhile.
      const unchanged = outcomes.length - changed;
      result.changed += changed;
      result.unchanged += unchanged;
      report.count({ changed, unchanged });
      report.progress(result.unchanged + result.changed, total, writingPhase);
    },
  });

  const writingPhase = said("stock.phase.writing");
  report.progress(0, total, writingPhase);
  // Stopped (cancel, an error) mid-way: the batches in flight land and are recorded before the run ends.
  try {
    for await (const level of shopifyLevels()) {
      result.shopifyItems++;
      if (!level.sku) continue;
      const sku = decisions.shopifyToSource.get(level.sku) ?? level.sku;
      const slot = picture.slotOf(sku);
      if (slot === undefined) {
        if (decisions.ignoredShopify.has(level.sku)) continue;
        report.skip("variant", level.sku, unknownInSource(deps.sourceName));
        unmatched.add("shopify", level.sku);
        continue;
      }
      if (!memory.claim(slot)) {
        // A duplicate SKU in Shopify: the first item gets the stock, and the merchant hears of the others.
        report.skip("variant", level.sku, DUPLICATE_IN_SHOPIFY);
        continue;
      }
      const target = picture.availableAt(slot);
      report.count({ seen: 1 });
      if (level.available === null) report.skip("variant", level.sku, NOT_STOCKED);
      if (level.available === null || level.available === target) {
        if (level.available === target) {
          result.unchanged++;
          report.count({ unchanged: 1 });
        }
        await saver.add(snapshotRow(picture.levelAt(slot), level.available, level.inventoryItemId));
        continue;
      }
      await writer.push({ inventoryItemId: level.inventoryItemId, sku, from: level.available, to: target });
    }
    await writer.flush();
  } catch (error) {
    await writer.settle();
    throw error;
  }

  // SKUs only the source knows still get a snapshot row: fetch_stock answers for them.
  for (const slot of memory.unmatched()) {
    const sku = picture.skuAt(slot);
    if (!decisions.ignoredSource.has(sku)) {
      report.skip("variant", sku, UNKNOWN_IN_SHOPIFY);
      unmatched.add("source", sku);
    }
    await saver.add(snapshotRow(picture.levelAt(slot), null, null));
  }
  report.progress(total, total, said("stock.phase.saving"));
  const snapshotRowsWritten = await saver.finish();
  await unmatched.save(db, shop, report.now());
  return {
    readMode,
    shopifyItems: result.shopifyItems,
    changed: result.changed,
    unchanged: result.unchanged,
    concurrentChangesKept: result.concurrentChangesKept,
    writeCalls: writer.calls,
    snapshotRowsWritten,
  };
}

/**
 * Only the levels that moved. Shopify's level of each moved SKU as the snapshot last saw it: compare-and-
 * swap on that figure costs nothing to read, and a stale one is re-read by the writer. Items the
 * snapshot knows without a level are read by id; SKUs it does not know, by SKU.
 */
async function writeChanges(deps: ShopifyStockDeps, moved: StockLevel[]): Promise<ShopifyStockChangesReport> {
  const { db, shop, client, locationId, report } = deps;
  const now = report.now();
  const decisions = await skuDecisions(db, shop);
  const known = await snapshotRows(
    db,
    shop,
    moved.map((m) => m.sku),
  );
  const unknownLevels = [...known.values()].flatMap((r) =>
    r.inventoryItemId && r.shopifyQuantity === null ? [r.inventoryItemId] : [],
  );
  const byItem = await levelsOfItems(client, locationId, unknownLevels);
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
    locationId,
    idempotencyScope: `${shop}:${deps.runId}`,
    concurrency: deps.options?.concurrency,
    onStale: "reread",
    checkpoint: () => report.checkpoint(),
    onBatch: (outcomes) => {
      for (const o of outcomes) {
        const row = rows.get(o.change.sku);
        if (row) row.shopifyQuantity = o.written;
        if (o.written !== null)
          report.change("variant", o.change.sku, "available", String(o.change.from), String(o.written));
      }
      const written = outcomes.filter((o) => o.written !== null).length;
      report.count({ changed: written, unchanged: outcomes.length - written });
    },
  });
  let changed = 0;
  try {
    for (const [index, level] of moved.entries()) {
      const snapshot = known.get(level.sku);
      let shopify: ShopifyLevel | undefined = snapshot?.inventoryItemId
        ? byItem.get(snapshot.inventoryItemId)
        : undefined;
      const shopifySku = decisions.sourceToShopify.get(level.sku) ?? level.sku;
      if (!shopify) shopify = (await levelsOfSku(client, locationId, shopifySku))[0];
      rows.set(level.sku, snapshotRow(level, shopify?.available ?? null, shopify?.inventoryItemId ?? null));
      // A SKU the merchant chose to ignore (Unmatched screen) is neither seen nor reported.
      if (!shopify && decisions.ignoredSource.has(level.sku)) {
        report.progress(index + 1, moved.length, said("stock.phase.writing"));
        continue;
      }
      report.count({ seen: 1 });
      if (!shopify) report.skip("variant", level.sku, UNKNOWN_IN_SHOPIFY);
      else if (shopify.available === null) report.skip("variant", level.sku, NOT_STOCKED);
      else if (shopify.available === level.available) report.count({ unchanged: 1 });
      else {
        changed++;
        await writer.push({
          inventoryItemId: shopify.inventoryItemId,
          sku: level.sku,
          from: shopify.available,
          to: level.available,
        });
      }
      report.progress(index + 1, moved.length, said("stock.phase.writing"));
    }
    await writer.flush();
  } catch (error) {
    await writer.settle();
    throw error;
  }
  await saveSnapshot(db, shop, rows.values(), now);
  return { changed, writeCalls: writer.calls };
}

function snapshotRow(level: StockLevel, shopifyQuantity: number | null, inventoryItemId: string | null): SnapshotRow {
  return {
    sku: level.sku,
    webStock: level.available,
    sourceDetail: level.detail ?? null,
    shopifyQuantity,
    inventoryItemId,
    erpUpdatedAt: level.updatedAt ?? null,
  };
}

/**
 * What the snapshot held per SKU of the picture, compared exactly so that only rows that differ are
 * written again, and which SKUs a Shopify item took. Numbers by slot: null is -Infinity, an inventory
 * item is the number of its gid; anything that cannot be told apart as a number is NaN, which equals
 * nothing, so such a row is always written again.
 */
export class SnapshotMemory {
  private readonly stored: Float64Array[];
  private readonly storedDetail: (string | null | undefined)[];
  private readonly matched: Uint8Array;

  constructor(private readonly picture: StockPicture) {
    this.stored = STORED.map(() => new Float64Array(picture.size).fill(NaN));
    this.storedDetail = new Array(picture.size);
    this.matched = new Uint8Array(picture.size);
  }

  /** Notes what the snapshot holds for one of the picture's SKUs (rows of other SKUs are ignored). */
  noteStored(row: SnapshotRow): void {
    const slot = this.picture.slotOf(row.sku);
    if (slot === undefined) return;
    storedForm(row).forEach((value, i) => (this.stored[i][slot] = value));
    this.storedDetail[slot] = row.sourceDetail;
  }

  /** True when the snapshot already holds exactly this row. */
  isStored(row: SnapshotRow): boolean {
    const slot = this.picture.slotOf(row.sku);
    if (slot === undefined || this.storedDetail[slot] !== row.sourceDetail) return false;
    return storedForm(row).every((value, i) => this.stored[i][slot] === value);
  }

  /** Marks the slot as taken by a Shopify item; false when an earlier item already had it. */
  claim(slot: number): boolean {
    if (this.matched[slot] === 1) return false;
    this.matched[slot] = 1;
    return true;
  }

  /** Slots no Shopify item claimed. */
  *unmatched(): Generator<number> {
    for (let slot = 0; slot < this.picture.size; slot++) if (this.matched[slot] !== 1) yield slot;
  }
}

const STORED = ["webStock", "shopifyQuantity", "inventoryItem", "updatedAt"] as const;

function storedForm(row: SnapshotRow): number[] {
  const itemNumber = row.inventoryItemId === null ? -Infinity : gidNumber(row.inventoryItemId);
  return [row.webStock, row.shopifyQuantity ?? -Infinity, itemNumber, row.erpUpdatedAt?.getTime() ?? -Infinity];
}

function gidNumber(gid: string): number {
  const match = /^gid:\/\/shopify\/InventoryItem\/(\d{1,15})$/.exec(gid);
  return match ? Number(match[1]) : NaN;
}
