// Per-worker database for integration tests: a copy of the run's migrated template, named by the
// worker, and exported as DATABASE_URL before any app module is imported. Tests keep to their own
// shop domains (uniqueShop) instead of truncating, so files in one worker never trip over each other.
import fs from "node:fs";
import path from "node:path";
import pg from "pg";
import { beforeAll, inject } from "vitest";
import { POSTGRES_ADMIN_URL, postgresUrl } from "./global-database";

const { provider, runId, template, dir } = inject("testDatabase");
const worker = process.env.VITEST_POOL_ID ?? "0";

if (provider === "sqlite") {
  const file = path.join(dir, `worker-${worker}.sqlite`);
  if (!fs.existsSync(file)) fs.copyFileSync(template, file);
  process.env.DATABASE_URL = `file:${file}`;
} else {
  const name = `passerelle_t_${runId}_${worker}`;
  const admin = new pg.Client({ connectionString: POSTGRES_ADMIN_URL });
  await admin.connect();
  try {
    for (let attempt = 1; ; attempt++) {
      try {
        await admin.query(`CREATE DATABASE ${name} TEMPLATE ${template}`);
        // Tests kill app processes, never the PostgreSQL server, so a commit need not wait for the disk:
        // this takes a commit from ~4 ms to ~0.5 ms here and the PostgreSQL run from minutes to less.
        // The app's own databases keep PostgreSQL's default.
        await admin.query(`ALTER DATABASE ${name} SET synchronous_commit = off`);
        break;
      } catch (error) {
        const code = (error as { code?: string }).code;
        if (code === "42P04") break; // already made by an earlier file of this worker
        // 55006: another worker is copying the template right now.
        if (code !== "55006" || attempt > 50) throw error;
        await new Promise((resolve) => setTimeout(resolve, 100 + Math.random() * 200));
      }
    }
  } finally {
    await admin.end();
  }
  process.env.DATABASE_URL = postgresUrl(name);
}

// As each process's entry does: every feature's job types and GDPR holders. In a hook, so that it runs
// after the test file's own imports: a file may set the environment first (vi.hoisted), and importing
// the app here would read it too early.
beforeAll(async () => {
  const { registerModules } = await import("../../app/modules.server");
  registerModules();
});
