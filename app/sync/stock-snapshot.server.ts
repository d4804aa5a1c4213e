// The StockSnapshot table: the stock source's latest level per SKU, what we last knew of Shopify's level
// and the inventory item it belongs to. Syncs rewrite only the rows that changed; fetch_stock reads it alone.
import { Prisma } from "@passerelle/prisma-sqlite";
import type { Db } from "../db.server";
import { isPostgres } from "../jobs/claim.server";

export interface SnapshotRow {
  sku: string;
  /** What Shopify may sell, by the stock source. */
  webStock: number;
  /** How the source arrived at it, in words (StockLevel.detail). */
  sourceDetail: string | null;
  shopifyQuantity: number | null;
  inventoryItemId: string | null;
  erpUpdatedAt: Date | null;
}

/** A shop's snapshot rows in SKU order, 5,000 at a time (one query for 100k rows held them all at once). */
async function* keysetPages<Row extends { sku: string }>(
  shop: string,
  read: (page: { where: Prisma.StockSnapshotWhereInput; orderBy: { sku: "asc" }; take: number }) => Promise<Row[]>,
): AsyncGenerator<Row[]> {
  for (let after: string | undefined; ;) {
    const rows = await read({
      where: after === undefined ? { shop } : { shop, sku: { gt: after } },
      orderBy: { sku: "asc" },
      take: SNAPSHOT_PAGE,
    });
    if (rows.length) yield rows;
    if (rows.length < SNAPSHOT_PAGE) return;
    after = rows[rows.length - 1].sku;
  }
}

/** Every snapshot row of the shop, a page at a time. */
export function snapshotPages(db: Db, shop: string): AsyncGenerator<SnapshotRow[]> {
  return keysetPages(shop, (page) =>
    db.stockSnapshot.findMany({
      ...page,
      select: {
        sku: true,
        webStock: true,
        sourceDetail: true,
        shopifyQuantity: true,
        inventoryItemId: true,
        erpUpdatedAt: true,
      },
    }),
  );
}

const SNAPSHOT_PAGE = 5_000;

export async function snapshotRows(db: Db, shop: string, skus: string[]): Promise<Map<string, SnapshotRow>> {
  const found = new Map<string, SnapshotRow>();
  for (let i = 0; i < skus.length; i += 400) {
    const rows = await db.stockSnapshot.findMany({ where: { shop, sku: { in: skus.slice(i, i + 400) } } });
    for (const r of rows) found.set(r.sku, r);
  }
  return found;
}

/**
 * Upserts the rows, leaving alone those whose stored content is the same: the database compares, so
 * no copy of the stored snapshot is held here. Returns how many rows were inserted or changed.
 */
export async function saveSnapshot(db: Db, shop: string, rows: Iterable<SnapshotRow>, syncedAt: Date): Promise<number> {
  const tuples: SnapshotTuple[] = [];
  for (const row of rows) tuples.push(asTuple(row));
  // Rows go as one JSON text parameter per statement, expanded by the database: 9 bound parameters per
  // row cost ~70 MB of peak memory in the engine on a 100k-row sync. Each row is a compact array, and a
  // statement holds 250 rows, because Prisma keeps the text of its last 100 raw queries for its debug
  // log: 1,000 rows of objects per statement kept ~22 MB alive through a sync. 8 statements per transaction.
  const postgres = isPostgres(db);
  let written = 0;
  for (let i = 0; i < tuples.length; i += ROWS_PER_STATEMENT * 8) {
    const statements = [];
    for (let j = i; j < Math.min(tuples.length, i + ROWS_PER_STATEMENT * 8); j += ROWS_PER_STATEMENT) {
      const json = asciiJson(tuples.slice(j, j + ROWS_PER_STATEMENT));
      statements.push(
        db.$executeRaw(postgres ? postgresUpsert(shop, json, syncedAt) : sqliteUpsert(shop, json, syncedAt)),
      );
    }
    for (const count of await db.$transaction(statements)) written += count;
  }
  return written;
}

const ROWS_PER_STATEMENT = 250;

/** JSON with every non-ASCII character escaped: one accented SKU would make the whole text two bytes per
 *  character in V8, and the statement's text is copied several times on its way to the database. */
const asciiJson = (value: unknown) =>
  JSON.stringify(value).replace(/[\u0080-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);

/** A row as the statements read it: [sku, webStock, sourceDetail, shopifyQuantity, inventoryItemId, erpUpdatedAt]. */
type SnapshotTuple = [string, number, string | null, number | null, string | null, string | null];
const asTuple = (r: SnapshotRow): SnapshotTuple => [
  r.sku,
  r.webStock,
  r.sourceDetail,
  r.shopifyQuantity,
  r.inventoryItemId,
  stamp(r.erpUpdatedAt),
];

/** DateTime as Prisma's SQLite adapter stores it ("…T22:13:20.123+00:00"); PostgreSQL's timestamp(3)
 *  ignores the offset, and Prisma keeps UTC there, so the same text reads back identically in both. */
const stamp = (date: Date | null) => (date ? date.toISOString().replace("Z", "+00:00") : null);

const CONTENT = ["webStock", "sourceDetail", "shopifyQuantity", "inventoryItemId", "erpUpdatedAt"];
/** The upsert clause: a stored row is rewritten only when its content differs (null-safe comparison). */
const onConflict = (isNot: string) =>
  Prisma.raw(`ON CONFLICT ("shop", "sku") DO UPDATE SET ${[...CONTENT, "syncedAt"].map((c) => `"${c}" = excluded."${c}"`).join(", ")}
  WHERE (${CONTENT.map((c) => `"StockSnapshot"."${c}"`).join(", ")}) ${isNot} (${CONTENT.map((c) => `excluded."${c}"`).join(", ")})`);
const SQLITE_UPDATE = onConflict("IS NOT");
const POSTGRES_UPDATE = onConflict("IS DISTINCT FROM");
const COLUMNS = Prisma.raw(
  `"shop", "sku", "webStock", "sourceDetail", "shopifyQuantity", "inventoryItemId", "erpUpdatedAt", "syncedAt"`,
);

// Each statement is built as one Prisma.sql and passed whole (as app/jobs/claim.server.ts does): the
// PostgreSQL client does not recognise the SQLite package's nested fragments inside its own template tag.
const sqliteUpsert = (shop: string, json: string, syncedAt: Date) => Prisma.sql`
  INSERT INTO "StockSnapshot" (${COLUMNS})
  SELECT ${shop}, value ->> 0, value ->> 1, value ->> 2, value ->> 3, value ->> 4, value ->> 5, ${stamp(syncedAt)}
  FROM json_each(${json}) WHERE true -- the WHERE lets SQLite read ON CONFLICT as the upsert clause
  ${SQLITE_UPDATE}`;

const postgresUpsert = (shop: string, json: string, syncedAt: Date) => Prisma.sql`
  INSERT INTO "StockSnapshot" (${COLUMNS})
  SELECT CAST(${shop} AS text), x ->> 0, CAST(x ->> 1 AS int), x ->> 2, CAST(x ->> 3 AS int), x ->> 4,
    CAST(x ->> 5 AS timestamp(3)), CAST(${stamp(syncedAt)} AS timestamp(3))
  FROM json_array_elements(CAST(${json} AS json)) AS x
  ${POSTGRES_UPDATE}`;

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
    /** Rows the table already holds as they are: not sent at all. */
    private readonly isStored: (row: SnapshotRow) => boolean = () => false,
  ) {}

  add(row: SnapshotRow): Promise<void> | void {
    if (this.isStored(row)) return;
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

/**
 * The fetch_stock answer from the snapshot as JSON text, {"<sku>": webStock, …}: every SKU, or the one
 * asked (0 when unknown: what can be sold). All SKUs are read 5,000 rows at a time and written out as
 * they come, so 100k SKUs never exist as 100k row objects.
 */
export async function snapshotStockJson(db: Db, shop: string, sku?: string): Promise<string> {
  if (sku !== undefined) {
    const row = await db.stockSnapshot.findUnique({ where: { shop_sku: { shop, sku } }, select: { webStock: true } });
    return JSON.stringify({ [sku]: row?.webStock ?? 0 });
  }
  const pages: string[] = [];
  for (let after: string | undefined; ;) {
    const rows = await db.stockSnapshot.findMany({
      where: after === undefined ? { shop } : { shop, sku: { gt: after } },
      orderBy: { sku: "asc" },
      take: SNAPSHOT_PAGE,
      select: { sku: true, webStock: true },
    });
    if (rows.length) pages.push(rows.map((r) => `${JSON.stringify(r.sku)}:${r.webStock}`).join(","));
    if (rows.length < SNAPSHOT_PAGE) return `{${pages.join(",")}}`;
    after = rows[rows.length - 1].sku;
  }
}
