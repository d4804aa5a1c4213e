// One entry point for the Prisma CLI, so every caller gets the offline setup and both providers.
//   generate                derive the PostgreSQL schema from prisma/schema.prisma, generate both clients
//   deploy                  apply committed migrations to DATABASE_URL (SQLite by default), see app/db/migrations.server.ts
//   new-migration <name>    write the SQL that takes the committed migrations to the current schema, for both providers
//   check                   fail if prisma/schema.prisma has changes no committed migration covers
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { type DatabaseProvider } from "../app/db/target.server";
import { applyMigrations } from "../app/db/migrations.server";

const root = path.resolve(import.meta.dirname, "..");
const sourceSchema = path.join(root, "prisma", "schema.prisma");
const postgresSchema = path.join(root, "prisma", "generated", "postgresql.prisma");
const prismaBin = path.join(root, "node_modules", "prisma", "build", "index.js");

// The CLI wants native engines unless these point at an existing file; with the JS engine and
// driver adapters it never loads them (DESIGN.md, offline setup).
const offlineEnv = {
  ...process.env,
  PRISMA_SCHEMA_ENGINE_BINARY: process.env.PRISMA_SCHEMA_ENGINE_BINARY ?? path.join(root, "package.json"),
  PRISMA_QUERY_ENGINE_LIBRARY: process.env.PRISMA_QUERY_ENGINE_LIBRARY ?? path.join(root, "package.json"),
  PRISMA_HIDE_UPDATE_MESSAGE: "1",
  CHECKPOINT_DISABLE: "1",
};

function prisma(args: string[], env: NodeJS.ProcessEnv = offlineEnv, capture = false): string {
  const out = execFileSync(process.execPath, [prismaBin, ...args], {
    cwd: root,
    env,
    stdio: capture ? ["ignore", "pipe", "inherit"] : "inherit",
    encoding: "utf8",
  });
  return out ?? "";
}

export function derivePostgresSchema(source: string): string {
  const derived = source
    .replace(/\/\/ The default @prisma\/client location[\s\S]*?generator sessionStorageClient \{[^}]*\}\n\n/, "")
    .replace(/provider\s*=\s*"sqlite"/, 'provider = "postgresql"')
    .replace(/url\s*=\s*"file:[^"]*"/, 'url      = env("DATABASE_URL")')
    .replace(
      /output\s*=\s*"\.\.\/node_modules\/@passerelle\/prisma-sqlite"/,
      'output          = "../../node_modules/@passerelle/prisma-postgresql"',
    );
  if (derived === source || !derived.includes('"postgresql"')) {
    throw new Error("prisma/schema.prisma no longer has the expected datasource/generator lines");
  }
  return `// GENERATED from prisma/schema.prisma by scripts/prisma.ts — do not edit.\n${derived}`;
}

function writePostgresSchema(): void {
  fs.mkdirSync(path.dirname(postgresSchema), { recursive: true });
  fs.writeFileSync(postgresSchema, derivePostgresSchema(fs.readFileSync(sourceSchema, "utf8")));
}

function schemaFor(provider: DatabaseProvider): string {
  return provider === "sqlite" ? sourceSchema : postgresSchema;
}

function generate(): void {
  writePostgresSchema();
  prisma(["generate", "--schema", sourceSchema]);
  prisma(["generate", "--schema", postgresSchema]);
}

async function deploy(): Promise<void> {
  const applied = await applyMigrations(process.env.DATABASE_URL);
  console.log(applied.length ? `applied ${applied.join(", ")}` : "database is up to date");
}

const snapshotPath = path.join(root, "prisma", "migrations", "schema.snapshot.prisma");

/** SQL taking the schema as of the last migration (its snapshot) to the current one, for a provider. */
function pendingMigrationSql(provider: DatabaseProvider): string {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "passerelle-migrate-"));
  try {
    const from = fs.existsSync(snapshotPath) ? fs.readFileSync(snapshotPath, "utf8") : null;
    const fromArgs: string[] = [];
    if (from === null) fromArgs.push("--from-empty");
    else {
      const fromFile = path.join(tmp, "from.prisma");
      fs.writeFileSync(fromFile, provider === "sqlite" ? from : derivePostgresSchema(from));
      fromArgs.push("--from-schema-datamodel", fromFile);
    }
    const sql = prisma(
      ["migrate", "diff", ...fromArgs, "--to-schema-datamodel", schemaFor(provider), "--script"],
      offlineEnv,
      true,
    );
    return sql.includes("This is an empty migration") || sql.trim() === "" ? "" : sql;
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

function newMigration(name: string): void {
  if (!/^[a-z0-9_]+$/.test(name)) throw new Error("migration name: lowercase letters, digits and _ only");
  writePostgresSchema();
  const stamp = new Date().toISOString().replace(/\D/g, "").slice(0, 14);
  let wrote = false;
  for (const provider of ["sqlite", "postgresql"] as const) {
    const sql = pendingMigrationSql(provider);
    if (!sql) continue;
    const dir = path.join(root, "prisma", "migrations", provider, `${stamp}_${name}`);
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, "migration.sql"), sql);
    console.log(`wrote ${path.relative(root, dir)}/migration.sql`);
    wrote = true;
  }
  if (!wrote) console.log("the schema already matches the migrations");
  fs.copyFileSync(sourceSchema, snapshotPath);
}

function check(): void {
  writePostgresSchema();
  const drifted = (["sqlite", "postgresql"] as const).filter((provider) => pendingMigrationSql(provider) !== "");
  if (drifted.length > 0) {
    throw new Error(
      `prisma/schema.prisma has changes with no migration (${drifted.join(", ")}): run npm run db:new-migration -- <name>`,
    );
  }
  console.log("committed migrations cover prisma/schema.prisma on sqlite and postgresql");
}

const [command, arg] = process.argv.slice(2);
if (command === "generate") generate();
else if (command === "deploy") await deploy();
else if (command === "new-migration") newMigration(arg ?? "");
else if (command === "check") check();
else {
  console.error("usage: tsx scripts/prisma.ts generate | deploy | new-migration <name> | check");
  process.exit(2);
}
