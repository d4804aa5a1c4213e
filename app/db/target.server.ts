// Which database a process talks to, derived from DATABASE_URL alone:
// unset or `file:` → SQLite (zero setup), `postgres://` / `postgresql://` → PostgreSQL.
import path from "node:path";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";

export type DatabaseProvider = "sqlite" | "postgresql";

export const DEFAULT_SQLITE_URL = "file:./prisma/dev.sqlite";

export interface DatabaseTarget {
  provider: DatabaseProvider;
  url: string;
  schemaPath: string;
  migrationAdapter: () => PrismaBetterSQLite3 | PrismaPg;
}

export function databaseTarget(databaseUrl: string | undefined): DatabaseTarget {
  const url = databaseUrl && databaseUrl.trim() !== "" ? databaseUrl : DEFAULT_SQLITE_URL;
  if (/^postgres(ql)?:\/\//.test(url)) {
    return {
      provider: "postgresql",
      url,
      schemaPath: path.join("prisma", "generated", "postgresql.prisma"),
      migrationAdapter: () => new PrismaPg({ connectionString: url }),
    };
  }
  if (!url.startsWith("file:")) {
    throw new Error(
      `DATABASE_URL must start with file: (SQLite) or postgres:// (PostgreSQL); got "${url.split(":")[0]}:…"`,
    );
  }
  return {
    provider: "sqlite",
    url,
    schemaPath: path.join("prisma", "schema.prisma"),
    migrationAdapter: () => new PrismaBetterSQLite3({ url: sqliteFilePath(url) }),
  };
}

/** `file:./prisma/dev.sqlite` → absolute path, relative to the project root (the working directory). */
export function sqliteFilePath(url: string): string {
  return path.resolve(url.replace(/^file:/, ""));
}
