// The one Prisma client of the process, on SQLite (default) or PostgreSQL (DATABASE_URL=postgres://…).
// Both generated clients come from the same schema (scripts/prisma.ts), so the SQLite client's types
// describe either. They are generated into node_modules/@passerelle/ so the server build loads them
// at run time (with their WebAssembly query compilers) instead of bundling them.
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient as SqliteClient } from "@passerelle/prisma-sqlite";
import { PrismaClient as PostgresClient } from "@passerelle/prisma-postgresql";
import { databaseTarget, sqliteFilePath } from "../scripts/database-target";
import { env } from "./env.server";

export type Db = SqliteClient;
export type { Prisma } from "@passerelle/prisma-sqlite";

export function createPrismaClient(databaseUrl: string | undefined): Db {
  const target = databaseTarget(databaseUrl);
  if (target.provider === "postgresql") {
    const client = new PostgresClient({ adapter: new PrismaPg({ connectionString: target.url }) });
    return client as unknown as Db;
  }
  return new SqliteClient({
    adapter: new PrismaBetterSQLite3({ url: sqliteFilePath(target.url), timeout: 10_000 }),
  });
}

declare global {
  // Survives Vite's dev-server module reloads, so a reload does not open a new pool each time.
  var __passerelleDb: Db | undefined;
}

export const db: Db = (globalThis.__passerelleDb ??= createPrismaClient(env().DATABASE_URL));
export default db;
