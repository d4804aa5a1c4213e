// The StockSnapshot table: the latest ERP stock per SKU, what we last knew of Shopify's level and the
// inventory item it belongs to. Syncs write only the rows that changed; fetch_stock reads it alone.
import { Prisma } from "@passerelle/prisma-sqlite";
import type { Db } from "../db.server";

export interface SnapshotRow {
  sku: string;
  webStock: number;
  erpStockA: number;
  erpStockB: number;
  shopifyQuantity: number | null;
  inventoryItemId: string | null;
  erpUpdatedAt: Date | null;
}

const fingerprint = (r: Omit<SnapshotRow, "sku">) =>
  `${r.webStock}|${r.erpStockA}|${r.erpStockB}|${r.shopifyQuantity ?? ""}|${r.inventoryItemId ?? ""}|${r.erpUpdatedAt?.getTime() ?? ""}`;

/** sku → fingerprint of the stored row, to write only what changed. Read 5,000 rows at a time: one
 *  findMany of 100k rows held every row object (and the engine's answer) at once. */
export async function snapshotFingerprints(db: Db, shop: string): Promise<Map<string, string>> {
  const known = new Map<string, string>();
  for (let after: string | undefined; ;) {
    const rows = await db.stockSnapshot.findMany({
      where: after === undefined ? { shop } : { shop, sku: { gt: after } },
      orderBy: { sku: "asc" },
      take: 5_000,
      select: {
        sku: true,
        webStock: true,
        erpStockA: true,
        erpStockB: true,
        shopifyQuantity: true,
        inventoryItemId: true,
        erpUpdatedAt: true,
      },
    });
    for (const r of rows) known.set(r.sku, fingerprint(r));
    if (rows.length < 5_000) return known;
    after = rows[rows.length - 1].sku;
  }
}

export async function snapshotRows(db: Db, shop: string, skus: string[]): Promise<Map<string, SnapshotRow>> {
  const found = new Map<string, SnapshotRow>();
  for (let i = 0; i < skus.length; i += 400) {
    const rows = await db.stockSnapshot.findMany({ where: { shop, sku: { in: skus.slice(i, i + 400) } } });
    for (const r of rows) found.set(r.sku, r);
  }
  return found;
}

/** Replaces the rows whose content differs from `known` (all of them without `known`). Returns how many. */
export async function saveSnapshot(
  db: Db,
  shop: string,
  rows: Iterable<SnapshotRow>,
  syncedAt: Date,
  known?: Map<string, string>,
): Promise<number> {
  const changed: SnapshotRow[] = [];
  for (const row of rows) if (!known || known.get(row.sku) !== fingerprint(row)) changed.push(row);
  // One multi-row upsert per 100 rows (9 parameters each stays under SQLite's limit), 50 per
  // transaction: Prisma's createMany/deleteMany cost ~15 MB of heap per 1,000 rows here.
  const CHUNK = 100;
  for (let i = 0; i < changed.length; i += CHUNK * 50) {
    const statements = [];
    for (let j = i; j < Math.min(changed.length, i + CHUNK * 50); j += CHUNK) {
      const values = changed
        .slice(j, j + CHUNK)
        .map(
          (r) =>
            Prisma.sql`(${shop}, ${r.sku}, ${r.webStock}, ${r.erpStockA}, ${r.erpStockB}, ${r.shopifyQuantity}, ${r.inventoryItemId}, ${r.erpUpdatedAt}, ${syncedAt})`,
        );
      // Built as one Prisma.sql and passed whole (as app/jobs/claim.server.ts does): the PostgreSQL
      // client does not recognise the SQLite package's nested fragments inside its own template tag.
      const upsert = Prisma.sql`
        INSERT INTO "StockSnapshot" ("shop", "sku", "webStock", "erpStockA", "erpStockB", "shopifyQuantity", "inventoryItemId", "erpUpdatedAt", "syncedAt")
        VALUES ${Prisma.join(values)}
        ON CONFLICT ("shop", "sku") DO UPDATE SET "webStock" = excluded."webStock", "erpStockA" = excluded."erpStockA",
          "erpStockB" = excluded."erpStockB", "shopifyQuantity" = excluded."shopifyQuantity", "inventoryItemId" = excluded."inventoryItemId",
          "erpUpdatedAt" = excluded."erpUpdatedAt", "syncedAt" = excluded."syncedAt"`;
      statements.push(db.$executeRaw(upsert));
    }
    await db.$transaction(statements);
  }
  return changed.length;
}

/**
 * Saves snapshot rows as they become final, 1,000 at a time, one save at a time, while the caller goes
 * on (a full sync spends most of its time waiting for Shopify's bucket, so the database work is free).
 */
export class SnapshotSaver {
  private buffer: SnapshotRow[] = [];
  /** The chain of saves, resolving to the number of rows written so far. */
  private saving: Promise<number> = Promise.resolve(0);

  constructor(
    private readonly db: Db,
    private readonly shop: string,
    private readonly syncedAt: Date,
    private readonly known?: Map<string, string>,
  ) {}

  add(row: SnapshotRow): Promise<void> | void {
    if (this.known && this.known.get(row.sku) === fingerprint(row)) return;
    this.buffer.push(row);
    if (this.buffer.length >= 1000) return this.flush();
  }

  /** Queues the buffered rows behind the running save; waits only for the one before (back-pressure). */
  private async flush(): Promise<void> {
    const rows = this.buffer;
    this.buffer = [];
    const previous = this.saving;
    this.saving = previous.then(
      async (written) => written + (await saveSnapshot(this.db, this.shop, rows, this.syncedAt)),
    );
    this.saving.catch(() => undefined); // seen by finish() or the next flush; never unhandled
    await previous;
  }

  /** Saves what is left; returns how many rows were written in all. */
  async finish(): Promise<number> {
    if (this.buffer.length) await this.flush();
    return this.saving;
  }
}

/** Web stock per SKU for the fulfillment service's fetch_stock: all SKUs, or one. */
export async function snapshotStock(db: Db, shop: string, sku?: string): Promise<Record<string, number>> {
  const rows = await db.stockSnapshot.findMany({
    where: sku === undefined ? { shop } : { shop, sku },
    select: { sku: true, webStock: true },
  });
  const stock: Record<string, number> = {};
  for (const r of rows) stock[r.sku] = r.webStock;
  return stock;
}
