// The one Prisma client of the process, on SQLite (default) or PostgreSQL (DATABASE_URL=postgres://…).
// Both generated clients come from the same schema (`npm run db:generate`), so the SQLite client's types
// describe either. They are generated into node_modules/@passerelle/ so the server build loads them
// at run time (with their WebAssembly query compilers) instead of bundling them.
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import type { SqlDriverAdapter, SqlDriverAdapterFactory } from "@prisma/driver-adapter-utils";
import { PrismaClient as SqliteClient } from "@passerelle/prisma-sqlite";
import { PrismaClient as PostgresClient } from "@passerelle/prisma-postgresql";
import { databaseTarget, sqliteFilePath } from "./db/target.server";
import { DRIVER_BUSY_TIMEOUT_MS, busyAwareSqlite } from "./db/sqlite-busy.server";
import { databaseUrlFromEnv } from "./env.server";

export type Db = SqliteClient;

// The adapter factory behind each client, for driverConnection().
const factories = new WeakMap<Db, SqlDriverAdapterFactory>();
const driverConnections = new WeakMap<Db, Promise<SqlDriverAdapter>>();
// How many statements driverConnection() can run at once (its pool's size; 1 on SQLite).
const driverLanes = new WeakMap<Db, number>();

/**
 * PostgreSQL connections of driverConnection()'s pool: a webhook burst keeps this many INSERTs in
 * flight, so deliveries read while one is at the database go in the next without waiting for it.
 * Kept open when idle (pg closes idle ones after 10 s by default): a burst after a quiet spell would
 * first open them again.
 */
export const INTAKE_POSTGRES_CONNECTIONS = 4;

/**
 * How long opening a PostgreSQL connection may take. pg waits forever by default: a database host that
 * accepts and never answers would hold every request and job that needs a new connection.
 */
export const POSTGRES_CONNECT_TIMEOUT_MS = 5_000;

export function createPrismaClient(databaseUrl: string | undefined): Db {
  const target = databaseTarget(databaseUrl);
  if (target.provider === "postgresql") {
    const pool = { connectionString: target.url, connectionTimeoutMillis: POSTGRES_CONNECT_TIMEOUT_MS };
    const client = new PostgresClient({ adapter: new PrismaPg(pool) }) as unknown as Db;
    const lanes = INTAKE_POSTGRES_CONNECTIONS;
    factories.set(client, new PrismaPg({ ...pool, max: lanes, min: lanes }));
    driverLanes.set(client, lanes);
    return client;
  }
  // A short driver wait: longer waits for SQLite's write lock happen on timers (app/db/sqlite-busy.server.ts).
  const factory = busyAwareSqlite(
    new PrismaBetterSQLite3({ url: sqliteFilePath(target.url), timeout: DRIVER_BUSY_TIMEOUT_MS }),
  );
  const client = new SqliteClient({ adapter: factory });
  factories.set(client, factory);
  return client;
}

/**
 * A connection of the client's own driver adapter (its own SQLite connection or PostgreSQL pool, the
 * same value formats, SQLite's lock waits on timers), opened on first use and kept: for a hot
 * statement whose cost through the client (query compiler and interpreter) is many times the
 * statement's own — webhook intake. Null for a client not made by createPrismaClient.
 */
export function driverConnection(client: Db): Promise<SqlDriverAdapter> | null {
  const factory = factories.get(client);
  if (!factory) return null;
  let connection = driverConnections.get(client);
  if (!connection) {
    connection = factory.connect();
    // A failed connect is tried again by the next caller.
    connection.catch(() => driverConnections.delete(client));
    driverConnections.set(client, connection);
  }
  return connection;
}

/**
 * Opens driverConnection()'s connections now, all of them: a web process does it when it starts
 * listening, so the first burst of webhooks does not wait for PostgreSQL connections to be made.
 */
export async function openDriverConnections(client: Db): Promise<void> {
  const driver = driverConnection(client);
  const lanes = driverParallelism(client);
  if (!driver || lanes <= 1) return;
  const connection = await driver;
  // As many statements at once as the pool has connections: the pool opens each (and keeps them, min).
  await Promise.all(
    Array.from({ length: lanes }, () => connection.queryRaw({ sql: "SELECT 1", args: [], argTypes: [] })),
  );
}

/** How many statements driverConnection(client) runs at once: 1 on SQLite (one connection, synchronous). */
export function driverParallelism(client: Db): number {
  return driverLanes.get(client) ?? 1;
}

declare global {
  // Survives Vite's dev-server module reloads, so a reload does not open a new pool each time.
  var __passerelleDb: Db | undefined;
}

export const db: Db = (globalThis.__passerelleDb ??= createPrismaClient(databaseUrlFromEnv()));
export default db;
