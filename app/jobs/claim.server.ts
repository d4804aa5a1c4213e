// Claiming due jobs, atomically and in batches: one UPDATE … WHERE id IN (WITH … SELECT) RETURNING
// takes up to `limit` jobs and returns what the worker needs to run them (no second read per job).
// PostgreSQL: the candidates are locked FOR UPDATE SKIP LOCKED, so N workers take different rows
// without waiting on each other. SQLite: one writer at a time, so the single statement is the lock.
// Both: the partial unique index Job_one_running_per_concurrency_key refuses a second running job of a
// shop, type and concurrency key; the NOT EXISTS and the one-per-key pick avoid most such collisions
// (a batch never holds two jobs of one key), the index settles races between workers.
import { PrismaClient as PostgresClient } from "@passerelle/prisma-postgresql";
import { Prisma } from "@passerelle/prisma-sqlite";
import type { Db } from "../db.server";
import { jobType } from "./registry.server";

export interface ClaimedJob {
  id: string;
  attempt: number;
  shop: string;
  type: string;
  trigger: string;
  paramsJson: string;
  maxAttempts: number;
  cancelRequested: boolean;
}

/** Which provider a client talks to. `instanceof` does not work: Prisma hands out a proxy of the client. */
export function isPostgres(db: Db): boolean {
  const provider = (db as unknown as { _activeProvider?: string })._activeProvider;
  return provider === "postgresql" || (db as unknown) instanceof PostgresClient;
}

/** A unique-index violation from a raw query (two workers raced for the same shop, type and key). */
function isUniqueViolation(error: unknown): boolean {
  const text = `${(error as { code?: string }).code ?? ""} ${(error as Error).message ?? ""}`;
  return /23505|unique constraint|UNIQUE constraint failed|P2002/i.test(text);
}

export interface ClaimOptions {
  workerId: string;
  leaseMs: number;
  now: Date;
  types: string[];
}

// No other run of job j's shop, type and key going on (the partial unique index answers this).
const keyFree = Prisma.sql`NOT EXISTS (
            SELECT 1 FROM "Job" r
            WHERE r."shop" = j."shop" AND r."type" = j."type" AND r."concurrencyKey" = j."concurrencyKey"
              AND r."status" = 'running' AND r."id" <> j."id")`;

/** j."type" is one of `types`, or a member `<family>.<member>` of one that is a family (one type per account…). */
function typeIn(types: string[]): Prisma.Sql {
  const families = types.filter((type) => jobType(type)?.family);
  const listed = Prisma.sql`j."type" IN (${Prisma.join(types)})`;
  if (!families.length) return listed;
  return Prisma.sql`(${listed} OR ${Prisma.join(
    families.map((family) => Prisma.sql`j."type" LIKE ${`${family}.%`}`),
    " OR ",
  )})`;
}

export async function claimJobs(db: Db, options: ClaimOptions & { limit: number }): Promise<ClaimedJob[]> {
  if (options.types.length === 0 || options.limit < 1) return [];
  const { now, workerId, limit } = options;
  const leaseExpiresAt = new Date(now.getTime() + options.leaseMs);
  const lock = isPostgres(db) ? Prisma.sql`FOR UPDATE SKIP LOCKED` : Prisma.empty;
  // A queued job that is due, or a running one whose worker stopped renewing its lease (it died).
  const claimable = (alias: string) => Prisma.sql`
    ((${Prisma.raw(alias)}"status" = 'queued' AND ${Prisma.raw(alias)}"runAfter" <= ${now})
      OR (${Prisma.raw(alias)}"status" = 'running' AND ${Prisma.raw(alias)}"leaseExpiresAt" < ${now}))`;
  const types = typeIn(options.types);
  // Twice the batch as candidates, so a few jobs of one key among them do not shrink the batch much.
  // Queued jobs and expired leases are looked up apart: each lookup then walks its own index in order
  // and stops at the limit (one condition with OR made PostgreSQL read and sort every due job).
  // Starts with UPDATE (the batch pick is a subquery), so it reads as the write it is (app/db/sqlite-busy).
  const query = Prisma.sql`
    UPDATE "Job"
    SET "status" = 'running', "leaseOwner" = ${workerId}, "leaseExpiresAt" = ${leaseExpiresAt},
        "heartbeatAt" = ${now}, "startedAt" = ${now}, "firstStartedAt" = COALESCE("firstStartedAt", ${now}), "finishedAt" = NULL, "attempt" = "attempt" + 1
    WHERE "id" IN (
      WITH "due" AS (
        SELECT j."id", j."shop", j."type", j."concurrencyKey", j."runAfter" FROM "Job" j
        WHERE j."status" = 'queued' AND j."runAfter" <= ${now} AND ${types} AND ${keyFree}
        ORDER BY j."runAfter"
        LIMIT ${limit * 2}
        ${lock}
      ), "expired" AS (
        SELECT j."id", j."shop", j."type", j."concurrencyKey", j."runAfter" FROM "Job" j
        WHERE j."status" = 'running' AND j."leaseExpiresAt" < ${now} AND ${types} AND ${keyFree}
        ORDER BY j."runAfter", j."id"
        LIMIT ${limit * 2}
        ${lock}
      ), "candidates" AS (
        SELECT * FROM "due" UNION ALL SELECT * FROM "expired"
      )
      SELECT "id" FROM (
        SELECT c."id", c."runAfter",
          ROW_NUMBER() OVER (PARTITION BY c."shop", c."type", c."concurrencyKey" ORDER BY c."runAfter", c."id") AS "n"
        FROM "candidates" c
      ) ranked
      WHERE "n" = 1
      ORDER BY "runAfter", "id"
      LIMIT ${limit}
    )
    -- Repeated on the rows being updated: should the lock clause ever be missing (it once was, when
    -- provider detection failed), a pick from a stale snapshot then claims nothing instead of a
    -- running job; PostgreSQL re-checks an UPDATE's condition on the row's latest version.
    AND ${claimable("")}
    RETURNING "id", "attempt", "shop", "type", "trigger", "paramsJson", "maxAttempts", "cancelRequestedAt"`;
  for (let tries = 0; tries < 5; tries++) {
    try {
      const rows = await db.$queryRaw<
        {
          id: string;
          attempt: number | bigint;
          shop: string;
          type: string;
          trigger: string;
          paramsJson: string;
          maxAttempts: number | bigint;
          cancelRequestedAt: unknown;
        }[]
      >(query);
      return rows.map((row) => ({
        id: row.id,
        attempt: Number(row.attempt),
        shop: row.shop,
        type: row.type,
        trigger: row.trigger,
        paramsJson: row.paramsJson,
        maxAttempts: Number(row.maxAttempts),
        cancelRequested: row.cancelRequestedAt !== null && row.cancelRequestedAt !== undefined,
      }));
    } catch (error) {
      // Another worker claimed a job of the same shop, type and key a moment earlier: look again.
      if (!isUniqueViolation(error)) throw error;
    }
  }
  return [];
}

export async function claimNextJob(db: Db, options: ClaimOptions): Promise<ClaimedJob | null> {
  return (await claimJobs(db, { ...options, limit: 1 }))[0] ?? null;
}

/**
 * When the oldest queued job a worker could take right now became due: of a type in `types`, due,
 * no run of its shop, type and key going on. Null when there is none. Health (GET /ping) reads it:
 * a job waiting behind a long run of its own kind is not a sign that no worker is taking jobs.
 */
export async function oldestClaimableSince(db: Db, now: Date, types: string[]): Promise<Date | null> {
  if (types.length === 0) return null;
  const rows = await db.$queryRaw<{ id: string }[]>(Prisma.sql`
    SELECT j."id" FROM "Job" j
    WHERE j."status" = 'queued' AND j."runAfter" <= ${now} AND ${typeIn(types)} AND ${keyFree}
    ORDER BY j."runAfter"
    LIMIT 1`);
  if (!rows[0]) return null;
  // Read back through the client: raw SQLite answers carry dates in the driver's own format.
  const job = await db.job.findUnique({ where: { id: rows[0].id }, select: { runAfter: true } });
  return job?.runAfter ?? null;
}
