// Another process holding the database's write lock for a while: `BEGIN IMMEDIATE` on SQLite (what a
// backup, a migration or a second app writing does), an EXCLUSIVE table lock on PostgreSQL (reads pass,
// writes wait). The holder prints "locked" once it holds the lock, then releases it after `ms`.
import path from "node:path";
import type { DatabaseKind } from "./config";
import type { ProcessBook, Managed } from "./processes";

const SQLITE_HOLDER = `
import Database from "better-sqlite3";
const [file, ms] = process.argv.slice(1);
const db = new Database(file, { timeout: 60000 });
db.exec("BEGIN IMMEDIATE");
console.log("locked");
setTimeout(() => { db.exec("ROLLBACK"); db.close(); console.log("released"); process.exit(0); }, Number(ms));
`;

const POSTGRES_HOLDER = `
import pg from "pg";
const [url, ms] = process.argv.slice(1);
const client = new pg.Client({ connectionString: url });
await client.connect();
await client.query("BEGIN");
const { rows } = await client.query("SELECT tablename FROM pg_tables WHERE schemaname = current_schema() AND tablename NOT LIKE '\\\\_%'");
await client.query("LOCK TABLE " + rows.map((r) => '"' + r.tablename + '"').join(", ") + " IN EXCLUSIVE MODE");
console.log("locked");
setTimeout(async () => { await client.query("ROLLBACK"); await client.end(); console.log("released"); process.exit(0); }, Number(ms));
`;

/** Starts the holder and resolves once it holds the lock. */
export async function holdWriteLock(
  book: ProcessBook,
  database: DatabaseKind,
  databaseUrl: string,
  ms: number,
  cwd: string,
): Promise<Managed> {
  const target = database === "sqlite" ? path.resolve(cwd, databaseUrl.replace(/^file:/, "")) : databaseUrl;
  const holder = book.spawn(
    "db-lock",
    process.execPath,
    ["--input-type=module", "-e", database === "sqlite" ? SQLITE_HOLDER : POSTGRES_HOLDER, target, String(ms)],
    { cwd },
  );
  const deadline = Date.now() + 30_000;
  while (!holder.output().includes("locked")) {
    if (holder.exit) throw new Error(`the lock holder exited before locking:\n${holder.output()}`);
    if (Date.now() > deadline) throw new Error("the lock holder did not get the lock within 30 s");
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return holder;
}
