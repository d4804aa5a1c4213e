// One write per heartbeat or end of run: the Job row's update (fenced on our lease), its buffered log
// lines and skipped items, and the read of a cancel request, in a single statement on PostgreSQL
// (data-modifying WITH). SQLite, which has no such WITH and no network hop, gets the update with
// RETURNING and then the inserts.
// On PostgreSQL the writes of one client are grouped: while a statement is on its way, the writes
// asked for meanwhile wait and then go together in the next one (`UPDATE "Job" … FROM unnest(…)`,
// each row fenced on its own lease), so runs ending in the same moment cost one round trip and one
// commit instead of one each. Should such a grouped statement fail, each write is tried on its own.
import { randomBytes } from "node:crypto";
import { Prisma } from "@passerelle/prisma-sqlite";
import type { Db } from "../db.server";
import { logger } from "../lib/logger.server";
import { isPostgres } from "./claim.server";
import type { BufferedItems, RunState } from "./context.server";

/**
 * Ids for log lines and skipped items that sort in the order this process made them (a run's lines often
 * share a millisecond, and lists order by (time, id)): like Prisma's cuid, time then a counter, then
 * randomness so processes never collide.
 */
let idCounter = 0;
export function sortableId(): string {
  idCounter = (idCounter + 1) % 36 ** 4;
  return `c${Date.now().toString(36).padStart(9, "0")}${idCounter.toString(36).padStart(4, "0")}${randomBytes(6).toString("hex")}`;
}

export type Columns = Record<string, string | number | Date | null>;

interface Fence {
  id: string;
  workerId: string;
  attempt: number;
}

/** Updates the run's row if the lease is still ours and writes the buffered items; null when it was not. */
export async function writeRun(
  db: Db,
  fence: Fence,
  run: RunState | null,
  columns: Columns,
): Promise<{ cancelRequested: boolean } | null> {
  const items = run?.takeItems() ?? { skipped: [], logs: [], failed: [], changes: [] };
  const set = Prisma.join(
    Object.entries(columns).map(([column, value]) => Prisma.sql`${Prisma.raw(`"${column}"`)} = ${value}`),
  );
  const update = Prisma.sql`UPDATE "Job" SET ${set}
    WHERE "id" = ${fence.id} AND "leaseOwner" = ${fence.workerId} AND "attempt" = ${fence.attempt}
      AND "status" = 'running'
    RETURNING "id", "shop", "cancelRequestedAt"`;
  let written: { cancelRequested: boolean; shop: string } | null;
  try {
    if (isPostgres(db)) written = await writeBatcher(db).write({ fence, columns, items, update });
    else {
      const row = (await sqliteWrite(db, update, items))[0];
      written = row
        ? { cancelRequested: row.cancelRequestedAt !== null && row.cancelRequestedAt !== undefined, shop: row.shop }
        : null;
    }
  } catch (error) {
    run?.putBack(items);
    throw error;
  }
  if (written) await writeAudit(db, fence.id, written.shop, items, run);
  return written ? { cancelRequested: written.cancelRequested } : null;
}

/**
 * The run's failed items and changes, once the fenced write said the lease is ours. Separate inserts
 * (both databases): they are the audit trail, bulky on a full run, and never decide the run's state.
 */
async function writeAudit(db: Db, jobId: string, shop: string, items: BufferedItems, run: RunState | null) {
  try {
    if (items.failed.length)
      await db.jobSkippedItem.createMany({
        data: items.failed.map((f) => ({ ...f, jobId, shop, outcome: "failed" })),
      });
    items.failed = [];
    for (let i = 0; i < items.changes.length; i += AUDIT_CHUNK)
      await db.jobChange.createMany({
        data: items.changes.slice(i, i + AUDIT_CHUNK).map((c) => ({ ...c, jobId, shop })),
      });
  } catch (error) {
    // Kept for the next write (the heartbeat's or the end's) rather than lost.
    run?.putBack({ failed: items.failed, changes: items.changes });
    log.warn("run audit write failed; kept for the next write", { error: (error as Error).message });
  }
}

/** Rows per insert of a run's changes (SQLite allows 32,766 parameters a statement; a change takes 8). */
const AUDIT_CHUNK = 2_000;

type Returned = { id: string; shop: string; cancelRequestedAt: unknown }[];

async function sqliteWrite(db: Db, update: Prisma.Sql, items: BufferedItems): Promise<Returned> {
  const rows = await db.$queryRaw<Returned>(update);
  const row = rows[0];
  if (!row) return rows;
  const { id: jobId, shop } = row;
  if (items.skipped.length)
    await db.jobSkippedItem.createMany({ data: items.skipped.map((s) => ({ ...s, jobId, shop })) });
  if (items.logs.length) await db.jobLogEntry.createMany({ data: items.logs.map((l) => ({ ...l, jobId, shop })) });
  return rows;
}

async function postgresWrite(db: Db, update: Prisma.Sql, items: BufferedItems): Promise<Returned> {
  // Times travel as ISO text (UTC) and are turned into the columns' UTC wall-clock timestamps.
  const utc = (column: string) => Prisma.raw(`(x."${column}"::timestamptz AT TIME ZONE 'UTC')`);
  const parts = [Prisma.sql`WITH "done" AS (${update})`];
  if (items.logs.length) {
    const { logs } = items;
    parts.push(Prisma.sql`, "logs" AS (
      INSERT INTO "JobLogEntry" ("id", "jobId", "shop", "level", "message", "words", "at")
      SELECT x."id", d."id", d."shop", x."level", x."message", x."words", ${utc("at")}
      FROM "done" d, unnest(${logs.map(() => sortableId())}::text[], ${logs.map((l) => l.level)}::text[],
        ${logs.map((l) => l.message)}::text[], ${logs.map((l) => l.words)}::text[],
        ${logs.map((l) => l.at.toISOString())}::text[])
        AS x("id", "level", "message", "words", "at"))`);
  }
  if (items.skipped.length) {
    const { skipped } = items;
    parts.push(Prisma.sql`, "skips" AS (
      INSERT INTO "JobSkippedItem" ("id", "jobId", "shop", "entity", "externalId", "reason", "reasonWords", "createdAt")
      SELECT x."id", d."id", d."shop", x."entity", x."externalId", x."reason", x."reasonWords", ${utc("createdAt")}
      FROM "done" d, unnest(${skipped.map(() => sortableId())}::text[], ${skipped.map((s) => s.entity)}::text[],
        ${skipped.map((s) => s.externalId)}::text[], ${skipped.map((s) => s.reason)}::text[],
        ${skipped.map((s) => s.reasonWords)}::text[], ${skipped.map((s) => s.createdAt.toISOString())}::text[])
        AS x("id", "entity", "externalId", "reason", "reasonWords", "createdAt"))`);
  }
  parts.push(Prisma.sql` SELECT "id", "shop", "cancelRequestedAt" FROM "done"`);
  return db.$queryRaw<Returned>(Prisma.join(parts, ""));
}

// ---- PostgreSQL: writes of the same moment in one statement ----

interface PendingWrite {
  fence: Fence;
  columns: Columns;
  items: BufferedItems;
  update: Prisma.Sql;
  resolve: (row: { cancelRequested: boolean; shop: string } | null) => void;
  reject: (error: unknown) => void;
}

/** How each Job column that a run's write may set is typed (values travel as text and are cast). */
const COLUMN_TYPES: Record<string, "int" | "timestamp" | "text"> = {
  status: "text",
  leaseOwner: "text",
  phase: "text",
  phaseWords: "text",
  resultJson: "text",
  errorMessage: "text",
  errorWords: "text",
  errorCause: "text",
  attempt: "int",
  progressDone: "int",
  progressTotal: "int",
  seenCount: "int",
  changedCount: "int",
  skippedCount: "int",
  failedCount: "int",
  leaseExpiresAt: "timestamp",
  heartbeatAt: "timestamp",
  finishedAt: "timestamp",
  runAfter: "timestamp",
  startedAt: "timestamp",
};

/** The most rows one grouped statement carries (its parameters are arrays: their number does not grow). */
const MAX_BATCH = 200;

class WriteBatcher {
  private pending: PendingWrite[] = [];
  private busy = false;

  constructor(private readonly db: Db) {}

  write(entry: Omit<PendingWrite, "resolve" | "reject">): Promise<{ cancelRequested: boolean; shop: string } | null> {
    return new Promise((resolve, reject) => {
      this.pending.push({ ...entry, resolve, reject });
      // The writes asked for in this turn of the event loop go together; later ones wait for the
      // statement on its way and then go in the next.
      if (!this.busy) {
        this.busy = true;
        setImmediate(() => void this.flush());
      }
    });
  }

  private async flush(): Promise<void> {
    try {
      while (this.pending.length > 0) await this.flushSome();
    } finally {
      this.busy = false;
      if (this.pending.length > 0) {
        this.busy = true;
        setImmediate(() => void this.flush());
      }
    }
  }

  /** Sends the oldest pending writes, at most one per job (a later write of the same job waits its turn). */
  private async flushSome(): Promise<void> {
    const batch: PendingWrite[] = [];
    const ids = new Set<string>();
    this.pending = this.pending.filter((w) => {
      if (batch.length >= MAX_BATCH || ids.has(w.fence.id)) return true;
      ids.add(w.fence.id);
      batch.push(w);
      return false;
    });
    if (batch.length === 1 || !batch.every((w) => Object.keys(w.columns).every((c) => c in COLUMN_TYPES))) {
      await Promise.all(batch.map((w) => this.single(w)));
      return;
    }
    let rows: Returned;
    try {
      rows = await this.db.$queryRaw<Returned>(groupedWrite(batch));
    } catch (error) {
      // A grouped statement is all or nothing: nothing was written. Each write again on its own
      // (a deadlock with another worker's statement, say, should not fail them all).
      log.warn("grouped run write failed; writing each run on its own", {
        runs: batch.length,
        error: (error as Error).message,
      });
      await Promise.all(batch.map((w) => this.single(w)));
      return;
    }
    const byId = new Map(rows.map((row) => [row.id, row]));
    for (const w of batch) {
      const row = byId.get(w.fence.id);
      w.resolve(
        row
          ? { cancelRequested: row.cancelRequestedAt !== null && row.cancelRequestedAt !== undefined, shop: row.shop }
          : null,
      );
    }
  }

  private async single(w: PendingWrite): Promise<void> {
    try {
      const row = (await postgresWrite(this.db, w.update, w.items))[0];
      w.resolve(
        row
          ? { cancelRequested: row.cancelRequestedAt !== null && row.cancelRequestedAt !== undefined, shop: row.shop }
          : null,
      );
    } catch (error) {
      w.reject(error);
    }
  }
}

const log = logger.child({ component: "jobs.run-writes" });
const batchers = new WeakMap<object, WriteBatcher>();

function writeBatcher(db: Db): WriteBatcher {
  let batcher = batchers.get(db);
  if (!batcher) batchers.set(db, (batcher = new WriteBatcher(db)));
  return batcher;
}

const text = (value: string | number | Date | null | undefined) =>
  value === null || value === undefined ? null : value instanceof Date ? value.toISOString() : String(value);

/**
 * Several runs' writes as one statement: each row is updated only where its own fence holds, and a
 * column one write does not set keeps its value for that row (`cols` lists what each row sets).
 */
function groupedWrite(batch: PendingWrite[]): Prisma.Sql {
  // The rows travel as one JSON parameter: Prisma's cost per statement grows with its parameters.
  const columns = [...new Set(batch.flatMap((w) => Object.keys(w.columns)))];
  const cast = (column: string, ref: string) => {
    const type = COLUMN_TYPES[column];
    if (type === "int") return Prisma.raw(`${ref}::int`);
    if (type === "timestamp") return Prisma.raw(`(${ref}::timestamptz AT TIME ZONE 'UTC')`);
    return Prisma.raw(ref);
  };
  const rows = batch.map((w) => {
    const row: Record<string, string | number | null> = {
      id: w.fence.id,
      owner: w.fence.workerId,
      fenceAttempt: w.fence.attempt,
      cols: `,${Object.keys(w.columns).join(",")},`,
    };
    columns.forEach((column, i) => (row[`v${i}`] = text(w.columns[column])));
    return row;
  });
  const shape = [
    '"id" text',
    '"owner" text',
    '"fenceAttempt" int',
    '"cols" text',
    ...columns.map((_, i) => `"v${i}" text`),
  ];
  const sets = columns.map((column, i) => {
    const value = cast(column, `x."v${i}"`);
    const everyRow = batch.every((w) => column in w.columns);
    return everyRow
      ? Prisma.sql`${Prisma.raw(`"${column}"`)} = ${value}`
      : Prisma.sql`${Prisma.raw(`"${column}"`)} = CASE WHEN position(${`,${column},`} in x."cols") > 0 THEN ${value} ELSE j.${Prisma.raw(`"${column}"`)} END`;
  });
  const utc = (column: string) => Prisma.raw(`(l."${column}"::timestamptz AT TIME ZONE 'UTC')`);
  const logs = batch.flatMap((w) =>
    w.items.logs.map((l) => ({
      id: sortableId(),
      jobId: w.fence.id,
      level: l.level,
      message: l.message,
      words: l.words,
      at: l.at,
    })),
  );
  const skipped = batch.flatMap((w) =>
    w.items.skipped.map((item) => ({ id: sortableId(), jobId: w.fence.id, ...item })),
  );
  const parts = [
    Prisma.sql`WITH "done" AS (
      UPDATE "Job" j SET ${Prisma.join(sets)}
      FROM json_to_recordset(${JSON.stringify(rows)}::json) AS x(${Prisma.raw(shape.join(", "))})
      WHERE j."id" = x."id" AND j."leaseOwner" = x."owner" AND j."attempt" = x."fenceAttempt"
        AND j."status" = 'running'
      RETURNING j."id", j."shop", j."cancelRequestedAt")`,
  ];
  if (logs.length) {
    parts.push(Prisma.sql`, "logs" AS (
      INSERT INTO "JobLogEntry" ("id", "jobId", "shop", "level", "message", "words", "at")
      SELECT l."id", d."id", d."shop", l."level", l."message", l."words", ${utc("at")}
      FROM json_to_recordset(${JSON.stringify(logs)}::json)
        AS l("id" text, "jobId" text, "level" text, "message" text, "words" text, "at" text)
      JOIN "done" d ON d."id" = l."jobId")`);
  }
  if (skipped.length) {
    parts.push(Prisma.sql`, "skips" AS (
      INSERT INTO "JobSkippedItem" ("id", "jobId", "shop", "entity", "externalId", "reason", "reasonWords", "createdAt")
      SELECT l."id", d."id", d."shop", l."entity", l."externalId", l."reason", l."reasonWords", ${utc("createdAt")}
      FROM json_to_recordset(${JSON.stringify(skipped)}::json)
        AS l("id" text, "jobId" text, "entity" text, "externalId" text, "reason" text, "reasonWords" text,
          "createdAt" text)
      JOIN "done" d ON d."id" = l."jobId")`);
  }
  parts.push(Prisma.sql` SELECT "id", "shop", "cancelRequestedAt" FROM "done"`);
  return Prisma.join(parts, "");
}
