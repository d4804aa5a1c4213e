// Claiming the next due job, atomically, in one UPDATE … WHERE id = (SELECT …) RETURNING.
// PostgreSQL: the inner SELECT locks its row FOR UPDATE SKIP LOCKED, so N workers take different rows
// without waiting on each other. SQLite: one writer at a time, so the single statement is the lock.
// Both: the partial unique index Job_one_running_per_shop_type (migration 'jobs') refuses a second
// running job of a shop and type; the NOT EXISTS avoids most such collisions, the index settles races.
import { PrismaClient as PostgresClient } from "@passerelle/prisma-postgresql";
import { Prisma } from "@passerelle/prisma-sqlite";
import type { Db } from "../db.server";

export interface ClaimedJob {
  id: string;
  attempt: number;
}

/** Which provider a client talks to. `instanceof` does not work: Prisma hands out a proxy of the client. */
export function isPostgres(db: Db): boolean {
  const provider = (db as unknown as { _activeProvider?: string })._activeProvider;
  return provider === "postgresql" || (db as unknown) instanceof PostgresClient;
}

/** A unique-index violation from a raw query (two workers raced for the same shop and job type). */
function isUniqueViolation(error: unknown): boolean {
  const text = `${(error as { code?: string }).code ?? ""} ${(error as Error).message ?? ""}`;
  return /23505|unique constraint|UNIQUE constraint failed|P2002/i.test(text);
}

export async function claimNextJob(
  db: Db,
  options: { workerId: string; leaseMs: number; now: Date; types: string[] },
): Promise<ClaimedJob | null> {
  if (options.types.length === 0) return null;
  const { now, workerId } = options;
  const leaseExpiresAt = new Date(now.getTime() + options.leaseMs);
  const lock = isPostgres(db) ? Prisma.sql`FOR UPDATE SKIP LOCKED` : Prisma.empty;
  // A queued job that is due, or a running one whose worker stopped renewing its lease (it died).
  const claimable = (alias: string) => Prisma.sql`
    ((${Prisma.raw(alias)}"status" = 'queued' AND ${Prisma.raw(alias)}"runAfter" <= ${now})
      OR (${Prisma.raw(alias)}"status" = 'running' AND ${Prisma.raw(alias)}"leaseExpiresAt" < ${now}))`;
  const query = Prisma.sql`
    UPDATE "Job"
    SET "status" = 'running', "leaseOwner" = ${workerId}, "leaseExpiresAt" = ${leaseExpiresAt},
        "heartbeatAt" = ${now}, "startedAt" = ${now}, "finishedAt" = NULL, "attempt" = "attempt" + 1
    WHERE "id" = (
      SELECT j."id" FROM "Job" j
      WHERE j."type" IN (${Prisma.join(options.types)})
        AND ${claimable("j.")}
        AND NOT EXISTS (
          SELECT 1 FROM "Job" r
          WHERE r."shop" = j."shop" AND r."type" = j."type" AND r."status" = 'running' AND r."id" <> j."id")
      ORDER BY j."runAfter", j."id"
      LIMIT 1
      ${lock}
    )
    -- Repeated on the row being updated: should the lock clause ever be missing (it once was, when
    -- provider detection failed), a pick from a stale snapshot then claims nothing instead of a
    -- running job; PostgreSQL re-checks an UPDATE's condition on the row's latest version.
    AND ${claimable("")}
    RETURNING "id", "attempt"`;
  for (let tries = 0; tries < 5; tries++) {
    try {
      const rows = await db.$queryRaw<{ id: string; attempt: number | bigint }[]>(query);
      const row = rows[0];
      return row ? { id: row.id, attempt: Number(row.attempt) } : null;
    } catch (error) {
      // Another worker claimed a job of the same shop and type a moment earlier: look again.
      if (!isUniqueViolation(error)) throw error;
    }
  }
  return null;
}
