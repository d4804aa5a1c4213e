// Recording deliveries, one row each, written together: the deliveries that reach this point while an
// INSERT is under way go in the next one (a multi-row INSERT … ON CONFLICT DO NOTHING RETURNING). Under
// a burst that turns a thousand statements into a few dozen — the per-statement cost of the database
// client, not the rows, is what made answers slow — and a lone delivery is written at once. On
// PostgreSQL several statements are in flight at once (one per connection of the driver's pool): a
// statement's round trip under load is tens of milliseconds, and deliveries waiting behind the one
// under way waited for it and then for their own. The statements go to the driver adapter directly
// (db.server.ts driverConnection), not through the client.
import { Prisma } from "@passerelle/prisma-sqlite";
import type { ArgType, SqlQueryable } from "@prisma/driver-adapter-utils";
import { type Db, driverConnection, driverParallelism } from "../db.server";
import { ringFeedDoorbell } from "../event-feed/doorbell.server";
import { queueWithWebhooks, recordShopEventIn, type RecordedWebhook } from "../event-feed/outbox.server";
import { isFeedTopic } from "../event-feed/topics";

export interface DeliveryRow {
  webhookId: string;
  shop: string;
  topic: string;
  eventId?: string;
  triggeredAt?: Date;
  payloadJson: string;
}

interface Waiting {
  row: DeliveryRow;
  at: Date;
  settle: (inserted: boolean) => void;
  fail: (error: unknown) => void;
}

/** Rows per statement: well under SQLite's and PostgreSQL's limits on bound parameters. */
const MAX_ROWS = 250;
/**
 * On PostgreSQL a statement goes at once when this many rows wait and a connection is free: in a big
 * burst Node reads hundreds of deliveries in one turn of the event loop (a few hundred milliseconds),
 * and their rows are then at the database by the end of it instead of only starting then. (SQLite's
 * driver runs a statement on the event loop itself: nothing would overlap, only commits be added.)
 */
const EAGER_ROWS = 50;
/** A statement started within this long after the previous one means deliveries are pouring in… */
const BURST_GAP_MS = 20;
/** …and the next statement waits this long for more rows (a lone delivery is written at once). */
const GATHER_MS = 2;

export class DeliveryRecorder {
  private waiting: Waiting[] = [];
  private inFlight = 0;
  private gathering = false;
  private lastStartAt = -Infinity;

  constructor(
    private readonly db: Db,
    /** Statements in flight at most (the driver's connections). */
    private readonly lanes = driverParallelism(db),
  ) {}

  /** True when the row was inserted; false when a delivery with this webhook id is already recorded. */
  record(row: DeliveryRow, at: Date): Promise<boolean> {
    return new Promise((settle, fail) => {
      this.waiting.push({ row, at, settle, fail });
      if (this.lanes > 1 && this.waiting.length >= EAGER_ROWS && this.inFlight < this.lanes)
        void this.write(this.waiting.splice(0, MAX_ROWS));
      else void this.startWrites();
    });
  }

  /** Starts statements for the waiting rows while a lane is free, after gathering rows for a moment. */
  private async startWrites(): Promise<void> {
    if (this.gathering || this.inFlight >= this.lanes || this.waiting.length === 0) return;
    this.gathering = true;
    // Let the deliveries already being read in this turn of the event loop join the statement.
    await new Promise((resolve) => setImmediate(resolve));
    // In a burst the server takes connections in a trickle, a few per turn of the loop: gathering them
    // for a moment makes one statement of what would have been dozens (each a commit of its own).
    if (this.waiting.length < MAX_ROWS && performance.now() - this.lastStartAt < BURST_GAP_MS)
      await new Promise((resolve) => setTimeout(resolve, GATHER_MS));
    this.gathering = false;
    while (this.waiting.length > 0 && this.inFlight < this.lanes) void this.write(this.waiting.splice(0, MAX_ROWS));
    // Rows left (every lane busy) go when a statement ends.
  }

  private async write(batch: Waiting[]): Promise<void> {
    this.inFlight++;
    this.lastStartAt = performance.now();
    try {
      const inserted = await insertNew(this.db, distinct(batch));
      for (const item of batch) item.settle(inserted.delete(item.row.webhookId));
    } catch (error) {
      for (const item of batch) item.fail(error);
    } finally {
      this.inFlight--;
      void this.startWrites();
    }
  }
}

/**
 * One row per webhook id (a duplicate in the same batch is then "already recorded"), in webhook id
 * order: statements in flight at once that share ids (Shopify's repeats) then wait for each other's
 * rows in the same order, and never deadlock.
 */
function distinct(batch: Waiting[]): Waiting[] {
  const seen = new Set<string>();
  return batch
    .filter((item) => !seen.has(item.row.webhookId) && seen.add(item.row.webhookId))
    .sort((a, b) => (a.row.webhookId < b.row.webhookId ? -1 : a.row.webhookId > b.row.webhookId ? 1 : 0));
}

async function insertNew(db: Db, batch: Waiting[]): Promise<Set<string>> {
  const driver = driverConnection(db);
  if (!driver) return insertThroughClient(db, batch);
  // Straight to the driver adapter: through the client, compiling and interpreting the statement cost
  // more than running it. Same adapter as the client's, so times are stored in its DateTime format.
  const connection = await driver;
  // Most topics are one statement (its own commit). The event feed's topics also queue their
  // deliveries, in the same transaction: acknowledged means queued (docs/decisions/0012).
  if (!batch.some(({ row }) => isFeedTopic(row.topic))) return insertWebhooks(connection, batch);
  const tx = await connection.startTransaction();
  let queued = 0;
  let inserted: Set<string>;
  try {
    inserted = await insertWebhooks(tx, batch);
    queued = await queueWithWebhooks(tx, newWebhooks(batch, inserted));
    await tx.executeRaw({ sql: "COMMIT", args: [], argTypes: [] });
    await tx.commit();
  } catch (error) {
    await tx.executeRaw({ sql: "ROLLBACK", args: [], argTypes: [] }).catch(() => undefined);
    await tx.rollback();
    throw error;
  }
  if (queued > 0) ringFeedDoorbell();
  return inserted;
}

/** The rows of the batch this statement inserted, as the event feed takes them. */
function newWebhooks(batch: Waiting[], inserted: Set<string>): RecordedWebhook[] {
  return batch
    .filter(({ row }) => inserted.has(row.webhookId))
    .map(({ row, at }) => ({
      webhookId: row.webhookId,
      shop: row.shop,
      topic: row.topic,
      triggeredAt: row.triggeredAt,
      body: row.payloadJson,
      receivedAt: at,
    }));
}

async function insertWebhooks(
  connection: Pick<SqlQueryable, "queryRaw" | "provider">,
  batch: Waiting[],
): Promise<Set<string>> {
  const numbered = connection.provider === "postgres";
  const args: unknown[] = [];
  const argTypes: ArgType[] = [];
  const bind = (value: unknown, scalarType: ArgType["scalarType"]) => {
    args.push(value ?? null);
    argTypes.push({ scalarType, arity: "scalar" });
    return numbered ? `$${args.length}` : "?";
  };
  const values = batch.map(
    ({ row, at }) =>
      `(${bind(row.webhookId, "string")}, ${bind(row.shop, "string")}, ${bind(row.topic, "string")}, ${bind(row.eventId, "string")}, ${bind(row.triggeredAt, "datetime")}, ${bind(at, "datetime")}, ${bind(at, "datetime")}, ${bind(row.payloadJson, "string")}, 'received', 0)`,
  );
  const result = await connection.queryRaw({
    sql: `${INSERT} VALUES ${values.join(", ")} ${ON_CONFLICT}`,
    args,
    argTypes,
  });
  return new Set(result.rows.map((r) => String(r[0])));
}

const INSERT = `INSERT INTO "WebhookDelivery"
  ("webhookId", "shop", "topic", "eventId", "triggeredAt", "receivedAt", "runAfter", "payloadJson", "status", "attempts")`;
const ON_CONFLICT = `ON CONFLICT ("webhookId") DO NOTHING RETURNING "webhookId"`;

/** The same statements through the Prisma client (a client made elsewhere than createPrismaClient). */
async function insertThroughClient(db: Db, batch: Waiting[]): Promise<Set<string>> {
  // Times are bound as parameters so both adapters store them in their own DateTime format.
  const values = batch.map(
    ({ row, at }) =>
      Prisma.sql`(${row.webhookId}, ${row.shop}, ${row.topic}, ${row.eventId ?? null}, ${row.triggeredAt ?? null}, ${at}, ${at}, ${row.payloadJson}, 'received', 0)`,
  );
  let queued = 0;
  const inserted = await db.$transaction(async (tx) => {
    const rows = await tx.$queryRaw<{ webhookId: string }[]>(
      Prisma.sql`${Prisma.raw(INSERT)} VALUES ${Prisma.join(values)} ${Prisma.raw(ON_CONFLICT)}`,
    );
    const inserted = new Set(rows.map((r) => r.webhookId));
    // The event feed's part in the same transaction (the Prisma client's transaction client).
    for (const webhook of newWebhooks(batch, inserted).filter((w) => isFeedTopic(w.topic)))
      queued += await recordShopEventIn(tx as unknown as Db, {
        id: webhook.webhookId,
        shop: webhook.shop,
        topic: webhook.topic,
        body: webhook.body,
        occurredAt: webhook.triggeredAt,
      });
    return inserted;
  });
  if (queued > 0) ringFeedDoorbell();
  return inserted;
}

/**
 * A delivery Shopify sent again that is recorded but not processed yet (waiting, or failed and
 * waiting for its retry) is due now. True when it was; false when it is processed (or being processed).
 */
export async function requeueUnprocessed(db: Db, webhookId: string, at: Date): Promise<boolean> {
  const driver = driverConnection(db);
  if (!driver) {
    const { count } = await db.webhookDelivery.updateMany({
      where: { webhookId, status: { in: ["received", "failed"] } },
      data: { status: "received", runAfter: at },
    });
    return count === 1;
  }
  const connection = await driver;
  const [p1, p2] = connection.provider === "postgres" ? ["$1", "$2"] : ["?", "?"];
  const changed = await connection.executeRaw({
    sql: `UPDATE "WebhookDelivery" SET "status" = 'received', "runAfter" = ${p1} WHERE "webhookId" = ${p2} AND "status" IN ('received', 'failed')`,
    args: [at, webhookId],
    argTypes: [
      { scalarType: "datetime", arity: "scalar" },
      { scalarType: "string", arity: "scalar" },
    ],
  });
  return changed === 1;
}
