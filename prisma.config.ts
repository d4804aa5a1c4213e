// Prisma CLI configuration. The JavaScript schema engine (bundled WebAssembly) runs through a
// driver adapter, so the CLI never downloads native engines (see docs/decisions/0002-prisma-offline.md).
import path from "node:path";
import { defineConfig } from "prisma/config";
import { databaseTarget } from "./app/db/target.server";

const target = databaseTarget(process.env.DATABASE_URL);

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: target.schemaPath,
  migrations: { path: path.join("prisma", "migrations", target.provider) },
  adapter: async () => target.migrationAdapter(),
});
