// Vitest globalSetup for the integration project: builds one migrated template database for the run
// (SQLite file or PostgreSQL database, per TEST_DATABASE), which each worker then copies.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import type { TestProject } from "vitest/node";
import { applyMigrations } from "../../app/db/migrations.server";

export const POSTGRES_ADMIN_URL = process.env.TEST_POSTGRES_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";

export function postgresUrl(database: string): string {
  const url = new URL(POSTGRES_ADMIN_URL);
  url.pathname = `/${database}`;
  return url.toString();
}

export default async function setup(project: TestProject) {
  const provider = process.env.TEST_DATABASE === "postgresql" ? "postgresql" : "sqlite";
  const runId = `${process.pid}_${Date.now().toString(36)}`;

  if (provider === "sqlite") {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "passerelle-test-db-"));
    const template = path.join(dir, "template.sqlite");
    await applyMigrations(`file:${template}`);
    project.provide("testDatabase", { provider, runId, template, dir });
    return () => fs.rmSync(dir, { recursive: true, force: true });
  }

  const admin = new pg.Client({ connectionString: POSTGRES_ADMIN_URL });
  try {
    await admin.connect();
  } catch (error) {
    throw new Error(
      `TEST_DATABASE=postgresql but PostgreSQL is not reachable at ${POSTGRES_ADMIN_URL} (${(error as Error).message}). ` +
        "Start it (pg_ctlcluster <version> main start) or set TEST_POSTGRES_URL.",
    );
  }
  const template = `passerelle_tpl_${runId}`;
  await admin.query(`CREATE DATABASE ${template}`);
  await applyMigrations(postgresUrl(template));
  project.provide("testDatabase", { provider, runId, template, dir: "" });
  return async () => {
    const { rows } = await admin.query<{ datname: string }>(
      "SELECT datname FROM pg_database WHERE datname LIKE $1 OR datname = $2",
      [`passerelle_t_${runId}_%`, template],
    );
    for (const row of rows) await admin.query(`DROP DATABASE IF EXISTS ${row.datname} WITH (FORCE)`);
    await admin.end();
  };
}

declare module "vitest" {
  export interface ProvidedContext {
    testDatabase: { provider: "sqlite" | "postgresql"; runId: string; template: string; dir: string };
  }
}
