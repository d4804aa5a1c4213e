// Applies the committed SQL migrations (prisma/migrations/<provider>/*/migration.sql) in name order.
// Prisma's own `migrate deploy` cannot run offline against PostgreSQL through a driver adapter
// (docs/decisions/0002-prisma-offline.md), so this small runner does it for both providers.
import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import pg from "pg";
import { databaseTarget, sqliteFilePath } from "./target.server";

const MIGRATIONS_ROOT = path.resolve(import.meta.dirname, "..", "..", "prisma", "migrations");
const LEDGER = "_passerelle_migrations";

interface Migration {
  name: string;
  sql: string;
  checksum: string;
}

function committedMigrations(provider: string): Migration[] {
  const dir = path.join(MIGRATIONS_ROOT, provider);
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort()
    .map((name) => {
      const sql = fs.readFileSync(path.join(dir, name, "migration.sql"), "utf8");
      return { name, sql, checksum: createHash("sha256").update(sql).digest("hex") };
    });
}

function assertUnchanged(migration: Migration, recordedChecksum: string | undefined): boolean {
  if (recordedChecksum === undefined) return false;
  if (recordedChecksum !== migration.checksum) {
    throw new Error(`migration ${migration.name} was edited after it was applied; add a new migration instead`);
  }
  return true;
}

/** Brings the database named by `databaseUrl` up to date; returns the names of the migrations it applied. */
export async function applyMigrations(databaseUrl: string | undefined): Promise<string[]> {
  const target = databaseTarget(databaseUrl);
  const migrations = committedMigrations(target.provider);
  return target.provider === "sqlite"
    ? applySqlite(sqliteFilePath(target.url), migrations)
    : applyPostgres(target.url, migrations);
}

function applySqlite(file: string, migrations: Migration[]): string[] {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const db = new Database(file);
  try {
    db.pragma("journal_mode = WAL");
    db.pragma("busy_timeout = 10000");
    db.exec(
      `CREATE TABLE IF NOT EXISTS ${LEDGER} (name TEXT PRIMARY KEY, checksum TEXT NOT NULL, applied_at TEXT NOT NULL)`,
    );
    const applied: string[] = [];
    // IMMEDIATE takes the write lock first, so two processes starting together apply each migration once.
    db.transaction(() => {
      const recorded = new Map(
        (db.prepare(`SELECT name, checksum FROM ${LEDGER}`).all() as { name: string; checksum: string }[]).map((r) => [
          r.name,
          r.checksum,
        ]),
      );
      for (const migration of migrations) {
        if (assertUnchanged(migration, recorded.get(migration.name))) continue;
        db.exec(migration.sql);
        db.prepare(`INSERT INTO ${LEDGER} (name, checksum, applied_at) VALUES (?, ?, ?)`).run(
          migration.name,
          migration.checksum,
          new Date().toISOString(),
        );
        applied.push(migration.name);
      }
    }).immediate();
    return applied;
  } finally {
    db.close();
  }
}

async function applyPostgres(url: string, migrations: Migration[]): Promise<string[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query("BEGIN");
    // A transaction-scoped advisory lock serialises concurrent deploys (several app processes starting).
    await client.query("SELECT pg_advisory_xact_lock(hashtext($1))", [LEDGER]);
    await client.query(
      `CREATE TABLE IF NOT EXISTS ${LEDGER} (name TEXT PRIMARY KEY, checksum TEXT NOT NULL, applied_at TIMESTAMPTZ NOT NULL)`,
    );
    const { rows } = await client.query<{ name: string; checksum: string }>(`SELECT name, checksum FROM ${LEDGER}`);
    const recorded = new Map(rows.map((r) => [r.name, r.checksum]));
    const applied: string[] = [];
    for (const migration of migrations) {
      if (assertUnchanged(migration, recorded.get(migration.name))) continue;
      await client.query(migration.sql);
      await client.query(`INSERT INTO ${LEDGER} (name, checksum, applied_at) VALUES ($1, $2, now())`, [
        migration.name,
        migration.checksum,
      ]);
      applied.push(migration.name);
    }
    await client.query("COMMIT");
    return applied;
  } catch (error) {
    await client.query("ROLLBACK").catch(() => undefined);
    throw error;
  } finally {
    await client.end();
  }
}
