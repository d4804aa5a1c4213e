// The StockSnapshot table: the latest ERP stock per SKU, what we last knew of Shopify's level and the
// inventory item it belongs to. Syncs write only the rows that changed; fetch_stock reads it alone.
import { Prisma } from "@passerelle/prisma-sqlite";
import type { Db } from "../db.server";
import { isPostgres } from "../jobs/claim.server";

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
  // 1,000 rows per statement as one JSON text parameter, expanded by the database: 9 bound parameters
  // per row cost ~70 MB of peak memory in the engine on a 100k-row sync. 5 statements per transaction.
  const postgres = isPostgres(db);
  const CHUNK = 1000;
  for (let i = 0; i < changed.length; i += CHUNK * 5) {
    const statements = [];
    for (let j = i; j < Math.min(changed.length, i + CHUNK * 5); j += CHUNK) {
      const json = JSON.stringify(
        changed.slice(j, j + CHUNK).map((r) => ({ ...r, erpUpdatedAt: stamp(r.erpUpdatedAt) })),
      );
      statements.push(
        db.$executeRaw(postgres ? postgresUpsert(shop, json, syncedAt) : sqliteUpsert(shop, json, syncedAt)),
      );
    }
    await db.$transaction(statements);
  }
  return changed.length;
}

/** DateTime as Prisma's SQLite adapter stores it ("…T22:13:20.123+00:00"); PostgreSQL's timestamp(3)
 *  ignores the offset, and Prisma keeps UTC there, so the same text reads back identically in both. */
const stamp = (date: Date | null) => (date ? date.toISOString().replace("Z", "+00:00") : null);

const UPDATE =
  Prisma.raw(`ON CONFLICT ("shop", "sku") DO UPDATE SET "webStock" = excluded."webStock", "erpStockA" = excluded."erpStockA",
  "erpStockB" = excluded."erpStockB", "shopifyQuantity" = excluded."shopifyQuantity", "inventoryItemId" = excluded."inventoryItemId",
  "erpUpdatedAt" = excluded."erpUpdatedAt", "syncedAt" = excluded."syncedAt"`);
const COLUMNS = Prisma.raw(
  `"shop", "sku", "webStock", "erpStockA", "erpStockB", "shopifyQuantity", "inventoryItemId", "erpUpdatedAt", "syncedAt"`,
);

// Each statement is built as one Prisma.sql and passed whole (as app/jobs/claim.server.ts does): the
// PostgreSQL client does not recognise the SQLite package's nested fragments inside its own template tag.
const sqliteUpsert = (shop: string, json: string, syncedAt: Date) => Prisma.sql`
  INSERT INTO "StockSnapshot" (${COLUMNS})
  SELECT ${shop}, json_extract(value, '$.sku'), json_extract(value, '$.webStock'), json_extract(value, '$.erpStockA'),
    json_extract(value, '$.erpStockB'), json_extract(value, '$.shopifyQuantity'), json_extract(value, '$.inventoryItemId'),
    json_extract(value, '$.erpUpdatedAt'), ${stamp(syncedAt)}
  FROM json_each(${json}) WHERE true -- the WHERE lets SQLite read ON CONFLICT as the upsert clause
  ${UPDATE}`;

const postgresUpsert = (shop: string, json: string, syncedAt: Date) => Prisma.sql`
  INSERT INTO "StockSnapshot" (${COLUMNS})
  SELECT CAST(${shop} AS text), x."sku", x."webStock", x."erpStockA", x."erpStockB", x."shopifyQuantity",
    x."inventoryItemId", x."erpUpdatedAt", CAST(${stamp(syncedAt)} AS timestamp(3))
  FROM json_to_recordset(CAST(${json} AS json)) AS x("sku" text, "webStock" int, "erpStockA" int, "erpStockB" int,
    "shopifyQuantity" int, "inventoryItemId" text, "erpUpdatedAt" timestamp(3))
  ${UPDATE}`;

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
