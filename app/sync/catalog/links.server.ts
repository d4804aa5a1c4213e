// ExternalLink rows: which Shopify record one of our source records became, and the hash of what was last
// sent (a record whose hash did not change is not sent again). Generic over the entity: the catalog
// keeps "product" (source key → Shopify product, grouped by season) and "variant" (SKU → Shopify
// variant, grouped by its product's key, with the input last sent as detail).
// Reads select only the columns a caller needs (a season has tens of thousands of variant rows); writes
// are multi-row INSERT … ON CONFLICT DO UPDATE statements sent to the driver adapter, as webhook intake
// does (app/webhooks/record.server.ts): through the client, each upsert of a 35,000-row season was
// compiled and interpreted on its own, which cost most of the import's time and memory.
import { Prisma } from "@passerelle/prisma-sqlite";
import type { ArgType } from "@prisma/driver-adapter-utils";
import { driverConnection, type Db } from "../../db.server";

export interface LinkRow {
  localId: string;
  remoteId: string;
  hash: string;
  groupKey: string;
  detail: string | null;
}

const CHUNK = 500;

/**
 * Rows of `SELECT <columns> FROM "ExternalLink" WHERE shop, entity and <column> IN (values) [AND more]`,
 * `values` a chunk at a time, straight to the driver adapter: through the client, each such query grew
 * its query compiler's memory by megabytes (never given back), 36 MB for a season's first import.
 * Null for a client not made by createPrismaClient (the caller then asks the client).
 */
async function selectLinks(
  db: Db,
  shop: string,
  entity: string,
  columns: string[],
  match: { column: string; values: string[]; more?: string; orderBy?: string },
  onRow: (row: unknown[]) => void,
): Promise<boolean> {
  const driver = driverConnection(db);
  if (!driver) return false;
  const connection = await driver;
  const numbered = connection.provider === "postgres";
  for (let i = 0; i < match.values.length; i += CHUNK) {
    const args: string[] = [shop, entity, ...match.values.slice(i, i + CHUNK)];
    const at = (n: number) => (numbered ? `$${n + 1}` : "?");
    const result = await connection.queryRaw({
      sql: `SELECT ${columns.map((c) => `"${c}"`).join(", ")} FROM "ExternalLink" WHERE "shop" = ${at(0)} AND "entity" = ${at(1)} AND "${match.column}" IN (${args
        .slice(2)
        .map((_, k) => at(k + 2))
        .join(", ")})${match.more ? ` AND ${match.more}` : ""}${match.orderBy ? ` ORDER BY "${match.orderBy}"` : ""}`,
      args,
      argTypes: args.map(() => ({ scalarType: "string", arity: "scalar" }) as const),
    });
    for (const row of result.rows) onRow(row);
  }
  return true;
}

/** The hash last sent for each of `localIds` that has a link of `entity`, by local id. */
export async function hashesByLocalId(db: Db, shop: string, entity: string, localIds: string[]) {
  const found = new Map<string, string>();
  const direct = await selectLinks(
    db,
    shop,
    entity,
    ["localId", "hash"],
    { column: "localId", values: localIds },
    (r) => found.set(String(r[0]), String(r[1])),
  );
  if (direct) return found;
  for (let i = 0; i < localIds.length; i += CHUNK) {
    const rows = await db.externalLink.findMany({
      where: { shop, entity, localId: { in: localIds.slice(i, i + CHUNK) } },
      select: { localId: true, hash: true },
    });
    for (const row of rows) found.set(row.localId, row.hash);
  }
  return found;
}

/**
 * The local ids of the links of `entity` in each of `groupKeys` that keep a detail (a product's variants
 * with the input last sent), by group, in local id order. The details themselves: `detailsOf`.
 */
export async function localIdsWithDetailInGroups(db: Db, shop: string, entity: string, groupKeys: string[]) {
  const byGroup = new Map<string, string[]>();
  const add = (localId: string, groupKey: string) => {
    const list = byGroup.get(groupKey);
    if (list) list.push(localId);
    else byGroup.set(groupKey, [localId]);
  };
  const direct = await selectLinks(
    db,
    shop,
    entity,
    ["localId", "groupKey"],
    { column: "groupKey", values: groupKeys, more: `"detail" IS NOT NULL`, orderBy: "localId" },
    (r) => add(String(r[0]), String(r[1])),
  );
  if (direct) return byGroup;
  for (let i = 0; i < groupKeys.length; i += CHUNK) {
    const rows = await db.externalLink.findMany({
      where: { shop, entity, groupKey: { in: groupKeys.slice(i, i + CHUNK) }, detail: { not: null } },
      select: { localId: true, groupKey: true },
      orderBy: { localId: "asc" },
    });
    for (const row of rows) add(row.localId, row.groupKey);
  }
  return byGroup;
}

/** The non-empty details of the links of `entity` among `localIds`, by local id. */
export async function detailsOf(db: Db, shop: string, entity: string, localIds: string[]) {
  const found = new Map<string, string>();
  const direct = await selectLinks(
    db,
    shop,
    entity,
    ["localId", "detail"],
    { column: "localId", values: localIds },
    (r) => {
      if (r[1]) found.set(String(r[0]), String(r[1]));
    },
  );
  if (direct) return found;
  for (let i = 0; i < localIds.length; i += CHUNK) {
    const rows = await db.externalLink.findMany({
      where: { shop, entity, localId: { in: localIds.slice(i, i + CHUNK) } },
      select: { localId: true, detail: true },
    });
    for (const row of rows) if (row.detail) found.set(row.localId, row.detail);
  }
  return found;
}

/** Links of `entity` in any of `groupKeys` (a season's products; a product's variants). */
export async function linksInGroups(db: Db, shop: string, entity: string, groupKeys: string[]): Promise<LinkRow[]> {
  const out: LinkRow[] = [];
  for (let i = 0; i < groupKeys.length; i += CHUNK) {
    out.push(
      ...(await db.externalLink.findMany({
        where: { shop, entity, groupKey: { in: groupKeys.slice(i, i + CHUNK) } },
        select: { localId: true, remoteId: true, hash: true, groupKey: true, detail: true },
        orderBy: { localId: "asc" },
      })),
    );
  }
  return out;
}

export interface LinkWrite {
  entity: string;
  localId: string;
  remoteId: string;
  hash?: string;
  groupKey?: string;
  detail?: string | null;
}

/**
 * Rows per statement (9 parameters each). Kept small because Prisma's debug module keeps the arguments of
 * its last 100 calls in memory even with logging off (for its crash reports): 250-row statements held
 * ~25 MB of link details there after an import.
 */
const ROWS_PER_STATEMENT = 50;
const OPTIONAL = ["hash", "groupKey", "detail"] as const;

/**
 * Saves links: a new one is created (with the columns' defaults for fields not given), an existing one
 * gets the fields given (a field left undefined keeps its value). Any number of links: written a few
 * hundred per statement, in the order given, so a caller writes what must land first first (the import
 * writes a product's variants before the product's hash: a run cut in between sends the product again).
 */
export async function saveLinks(db: Db, shop: string, links: LinkWrite[], at: Date = new Date()): Promise<void> {
  if (links.length === 0) return;
  // One row per key (the last given wins, as one upsert after another would have it): PostgreSQL refuses
  // a statement that updates one row twice.
  const last = new Map<string, number>();
  links.forEach((l, i) => last.set(`${l.entity}\u0000${l.localId}`, i));
  let statement: LinkWrite[] = [];
  let shape = "";
  const flush = async () => {
    if (statement.length) await upsertLinks(db, shop, statement, at);
    statement = [];
  };
  for (const [i, link] of links.entries()) {
    if (last.get(`${link.entity}\u0000${link.localId}`) !== i) continue;
    // Links updating the same fields share a statement.
    const linkShape = OPTIONAL.map((f) => (link[f] === undefined ? "-" : "+")).join("");
    if (linkShape !== shape || statement.length >= ROWS_PER_STATEMENT) await flush();
    shape = linkShape;
    statement.push(link);
  }
  await flush();
}

const COLUMNS = `"shop", "entity", "localId", "remoteId", "hash", "groupKey", "detail", "updatedAt"`;

/** The columns an existing link gets: those the statement's links give (they all give the same ones). */
const updateSql = (links: LinkWrite[]) =>
  ["remoteId", ...OPTIONAL.filter((f) => links[0]![f] !== undefined), "updatedAt"]
    .map((c) => `"${c}" = excluded."${c}"`)
    .join(", ");

async function upsertLinks(db: Db, shop: string, links: LinkWrite[], at: Date) {
  const driver = driverConnection(db);
  if (!driver) return upsertThroughClient(db, shop, links, at);
  // Same adapter as the client's, so updatedAt is stored in its DateTime format.
  const connection = await driver;
  const numbered = connection.provider === "postgres";
  const args: unknown[] = [];
  const argTypes: ArgType[] = [];
  const bind = (value: unknown, scalarType: ArgType["scalarType"]) => {
    args.push(value);
    argTypes.push({ scalarType, arity: "scalar" });
    return numbered ? `$${args.length}` : "?";
  };
  const values = links.map(
    (l) =>
      `(${bind(shop, "string")}, ${bind(l.entity, "string")}, ${bind(l.localId, "string")}, ${bind(l.remoteId, "string")}, ${bind(l.hash ?? "", "string")}, ${bind(l.groupKey ?? "", "string")}, ${bind(l.detail ?? null, "string")}, ${bind(at, "datetime")})`,
  );
  await connection.executeRaw({
    sql: `INSERT INTO "ExternalLink" (${COLUMNS}) VALUES ${values.join(", ")} ON CONFLICT ("shop", "entity", "localId") DO UPDATE SET ${updateSql(links)}`,
    args,
    argTypes,
  });
}

/** The same statement through the Prisma client (a client made elsewhere than createPrismaClient). */
async function upsertThroughClient(db: Db, shop: string, links: LinkWrite[], at: Date) {
  const values = links.map(
    (l) =>
      Prisma.sql`(${shop}, ${l.entity}, ${l.localId}, ${l.remoteId}, ${l.hash ?? ""}, ${l.groupKey ?? ""}, ${l.detail ?? null}, ${at})`,
  );
  await db.$executeRaw(
    Prisma.sql`INSERT INTO "ExternalLink" (${Prisma.raw(COLUMNS)}) VALUES ${Prisma.join(values)} ON CONFLICT ("shop", "entity", "localId") DO UPDATE SET ${Prisma.raw(updateSql(links))}`,
  );
}
