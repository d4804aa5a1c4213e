// A new kind of alert (a Shopify webhook given up): the migration that adds it gives it to the shops that
// chose to hear of event feed deliveries given up, leaves the others' choice alone, and new settings
// start with every kind. The migrations before it are applied to a scratch database, settings saved
// the old way, then the migration.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import pg from "pg";
import { describe, expect, it } from "vitest";
import { POSTGRES_ADMIN_URL, postgresUrl } from "../support/global-database";

const MIGRATION = "20261202100113_alerts_webhook_failed";
const provider = process.env.TEST_DATABASE === "postgresql" ? "postgresql" : "sqlite";
const dir = path.resolve(import.meta.dirname, "../../prisma/migrations", provider);
const sqlOf = (name: string) => fs.readFileSync(path.join(dir, name, "migration.sql"), "utf8");
const before = fs
  .readdirSync(dir, { withFileTypes: true })
  .filter((e) => e.isDirectory() && e.name < MIGRATION)
  .map((e) => e.name)
  .sort();

const settings = (shop: string, events: string | null) =>
  `INSERT INTO "AlertSettings" ("shop", ${events === null ? "" : '"eventsJson", '}"updatedAt") VALUES ('${shop}', ${
    events === null ? "" : `'${events}', `
  }CURRENT_TIMESTAMP)`;
const SAVED = [
  settings("all.myshopify.com", '["run-failed","connector-down","delivery-dead"]'),
  settings("runs.myshopify.com", '["run-failed"]'),
  settings("none.myshopify.com", "[]"),
];
const SELECT = 'SELECT "shop", "eventsJson" FROM "AlertSettings" ORDER BY "shop"';
const AFTER = [
  { shop: "all.myshopify.com", eventsJson: '["run-failed","connector-down","delivery-dead","webhook-failed"]' },
  { shop: "new.myshopify.com", eventsJson: '["run-failed","connector-down","delivery-dead","webhook-failed"]' },
  { shop: "none.myshopify.com", eventsJson: "[]" },
  { shop: "runs.myshopify.com", eventsJson: '["run-failed"]' },
];

describe("the webhook-failed alert kind", () => {
  it("is chosen where event feed deliveries given up were, and by default; other choices are kept", async () => {
    expect(fs.existsSync(path.join(dir, MIGRATION, "migration.sql"))).toBe(true);
    if (provider === "sqlite") {
      const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "passerelle-migration-"));
      const db = new Database(path.join(tmp, "db.sqlite"));
      try {
        for (const name of before) db.exec(sqlOf(name));
        for (const insert of SAVED) db.exec(insert);
        db.exec(sqlOf(MIGRATION));
        db.exec(settings("new.myshopify.com", null));
        expect(db.prepare(SELECT).all()).toEqual(AFTER);
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
      for (const insert of SAVED) await client.query(insert);
      await client.query(sqlOf(MIGRATION));
      await client.query(settings("new.myshopify.com", null));
      expect((await client.query(SELECT)).rows).toEqual(AFTER);
    } finally {
      await client.end().catch(() => undefined);
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
    }
  });
});
