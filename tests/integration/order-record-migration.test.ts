// The order record's destination id was renamed by a migration: exported orders keep their id. The
// migrations before it are applied to a scratch database, a row written the old way, then the rename.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import pg from "pg";
import { describe, expect, it } from "vitest";
import { POSTGRES_ADMIN_URL, postgresUrl } from "../support/global-database";

const RENAME = "20261201020000_order_destination_id_neutral";
const provider = process.env.TEST_DATABASE === "postgresql" ? "postgresql" : "sqlite";
const dir = path.resolve(import.meta.dirname, "../../prisma/migrations", provider);
const sqlOf = (name: string) => fs.readFileSync(path.join(dir, name, "migration.sql"), "utf8");
const before = fs
  .readdirSync(dir, { withFileTypes: true })
  .filter((e) => e.isDirectory() && e.name < RENAME)
  .map((e) => e.name)
  .sort();

const INSERT =
  'INSERT INTO "OrderExport" ("id", "shop", "shopifyOrderId", "shopifyOrderName", "payloadJson", "status", "fastmagOrderId", "updatedAt") ' +
  "VALUES ('r1', 'm.myshopify.com', 'gid://shopify/Order/1', '#1001', '{}', 'exported', 'WEB-42', CURRENT_TIMESTAMP)";
const SELECT = 'SELECT "erpOrderId", "status" FROM "OrderExport" WHERE "id" = \'r1\'';

describe("renaming the order record's destination id", () => {
  it("keeps the id of every order already sent", async () => {
    expect(fs.existsSync(path.join(dir, RENAME, "migration.sql"))).toBe(true);
    if (provider === "sqlite") {
      const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "passerelle-migration-"));
      const db = new Database(path.join(tmp, "db.sqlite"));
      try {
        for (const name of before) db.exec(sqlOf(name));
        db.exec(INSERT);
        db.exec(sqlOf(RENAME));
        expect(db.prepare(SELECT).get()).toEqual({ erpOrderId: "WEB-42", status: "exported" });
      } finally {
        db.close();
        fs.rmSync(tmp, { recursive: true, force: true });
      }
      return;
    }
    const name = `passerelle_mig_${process.pid}_${Date.now().toString(36)}`;
    const admin = new pg.Client({ connectionString: POSTGRES_ADMIN_URL });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    const client = new pg.Client({ connectionString: postgresUrl(name) });
    try {
      await client.connect();
      for (const migration of before) await client.query(sqlOf(migration));
      await client.query(INSERT);
      await client.query(sqlOf(RENAME));
      expect((await client.query(SELECT)).rows).toEqual([{ erpOrderId: "WEB-42", status: "exported" }]);
    } finally {
      await client.end().catch(() => undefined);
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
    }
  });
});
