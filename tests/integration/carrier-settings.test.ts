// Carrier settings (tracking endpoints, TNT login) belong to the orders feature: they are stored in
// their own table, never as a connector, so no connection list shows them; the migration that
// introduced that table moves the rows stored the old way.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import pg from "pg";
import { describe, expect, it } from "vitest";
import { db } from "~/db.server";
import { encryptSecret } from "~/lib/crypto.server";
import { loader as dashboard } from "~/routes/app._index";
import { loader as settingsLoader } from "~/routes/app.settings._index";
import { loader as orderSettingsLoader } from "~/routes/app.settings.orders";
import { loadCarrierSecrets } from "~/sync/orders/carrier-settings.server";
import { action as orderSettingsAction } from "~/routes/app.settings.orders";
import { saveOrderSettingsForm } from "~/sync/orders/settings-form.server";
import { startChronopostEmulator } from "../../emulators/chronopost/index";
import { startTntEmulator } from "../../emulators/tnt/index";
import { POSTGRES_ADMIN_URL, postgresUrl } from "../support/global-database";
import { adminRequest, installShop } from "../support/admin-request";
import { uniqueShop } from "../support/shops";

const MIGRATION = "20261130201247_carrier_settings";

describe("carrier settings", () => {
  it("are stored in their own table and never appear as a connection", async () => {
    const shop = uniqueShop("carriers");
    await installShop(shop);
    await saveOrderSettingsForm(shop, {
      notifyCustomer: "on",
      chronopostUrl: "https://ws.chronopost.fr/tracking-cxf/TrackingServiceWS",
      tntUsername: "maison",
      tntPassword: "tnt-s3cret",
    });

    expect(await db.connectorSetting.count({ where: { shop } })).toBe(0);
    const row = await db.carrierSettings.findUniqueOrThrow({ where: { shop } });
    expect(row.secretsCiphertext).not.toContain("tnt-s3cret");
    expect(await loadCarrierSecrets(shop)).toEqual({ tntPassword: "tnt-s3cret" });

    const home = await dashboard({ request: adminRequest(shop, "/app"), params: {}, context: {} });
    expect(home.connectors).toEqual([]);
    const settings = await settingsLoader({ request: adminRequest(shop, "/app/settings"), params: {}, context: {} });
    // Every system of the registry a merchant sets up, and no carrier settings among them.
    expect(settings.connectors.map((c) => c.id)).toEqual(expect.arrayContaining(["fastmag", "retailcrm"]));
    expect(settings.connectors.map((c) => c.id)).not.toContain("orders");

    const view = await orderSettingsLoader({
      request: adminRequest(shop, "/app/settings/orders"),
      params: {},
      context: {},
    });
    expect(view).toMatchObject({ settings: { tntUsername: "maison", notifyCustomer: true }, tntPasswordSet: true });
    expect(JSON.stringify(view)).not.toContain("tnt-s3cret");
  });

  it("keep the stored TNT password when the form leaves it empty", async () => {
    const shop = uniqueShop("carriers");
    await installShop(shop);
    await saveOrderSettingsForm(shop, { tntUsername: "maison", tntPassword: "first" });
    await saveOrderSettingsForm(shop, { tntUsername: "maison-2", tntPassword: "" });
    expect(await loadCarrierSecrets(shop)).toEqual({ tntPassword: "first" });
  });

  it("tests each carrier with the values as typed, without saving them, and says what failed in plain words", async () => {
    const shop = uniqueShop("carriers");
    await installShop(shop);
    const chronopost = await startChronopostEmulator();
    const tnt = await startTntEmulator({ credentials: { username: "maison", password: "tnt-right" } });
    try {
      const form = {
        chronopostUrl: chronopost.trackingUrl,
        tntProtocol: "france",
        tntFranceUrl: tnt.franceUrl,
        tntUsername: "maison",
      };
      await saveOrderSettingsForm(shop, { ...form, tntPassword: "tnt-wrong" });
      const saved = await db.carrierSettings.findUniqueOrThrow({ where: { shop } });
      const test = (fields: Record<string, string>) =>
        orderSettingsAction({
          request: adminRequest(shop, "/app/settings/orders", { method: "POST", form: { intent: "test", ...fields } }),
          params: {},
          context: {},
        });

      // The saved password is wrong; the one typed is right: both carriers answer, nothing is saved.
      const typed = await test({ ...form, tntPassword: "tnt-right" });
      expect(typed).toMatchObject({
        ok: true,
        tests: [
          { carrier: "Chronopost", ok: true, message: "Chronopost answered: tracking works with these settings." },
          { carrier: "TNT", ok: true },
        ],
      });
      expect(await db.carrierSettings.findUniqueOrThrow({ where: { shop } })).toEqual(saved);

      // An empty password field tests the saved one, which TNT refuses; Chronopost's address is not answering.
      await chronopost.close();
      const failing = await test({ ...form, tntPassword: "" });
      expect(failing).toMatchObject({ ok: false, tests: [{ ok: false }, { ok: false }] });
      const [chrono, tntTest] = (failing as { tests: { message: string }[] }).tests;
      expect(chrono!.message).toBe(
        "Chronopost is not answering at its address. Check the address, or that Chronopost is running.",
      );
      expect(tntTest!.message).toMatch(/^TNT refused .*Check the address and the login\.$/);

      // A typed address that is not allowed is said next to its field.
      expect(await test({ ...form, chronopostUrl: "ftp://tracking" })).toMatchObject({
        ok: false,
        fieldErrors: { chronopostUrl: expect.any(String) },
      });
    } finally {
      await tnt.close();
      await chronopost.close().catch(() => undefined);
    }
  });
});

// The SQL of every migration before MIGRATION, then rows stored the old way, then MIGRATION itself.
function migrationsBefore(provider: "sqlite" | "postgresql"): { earlier: string[]; carrier: string } {
  const dir = path.resolve("prisma", "migrations", provider);
  const names = fs
    .readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort();
  const read = (name: string) => fs.readFileSync(path.join(dir, name, "migration.sql"), "utf8");
  return { earlier: names.filter((n) => n < MIGRATION).map(read), carrier: read(MIGRATION) };
}

const OLD_ROWS = `
INSERT INTO "Shop" ("domain", "updatedAt") VALUES ('old.myshopify.com', CURRENT_TIMESTAMP);
INSERT INTO "ConnectorSetting" ("id", "shop", "connector", "configJson", "secretsCiphertext", "updatedAt")
VALUES ('c1', 'old.myshopify.com', 'orders', '{"tntUsername":"maison","notifyCustomer":false}', '${encryptSecret(
  JSON.stringify({ tntPassword: "moved-secret" }),
)}', CURRENT_TIMESTAMP),
       ('c2', 'old.myshopify.com', 'fastmag', '{"host":"https://x.example"}', NULL, CURRENT_TIMESTAMP);
`;

async function expectMoved(query: (sql: string) => Promise<Record<string, unknown>[]>) {
  expect(await query(`SELECT "connector" FROM "ConnectorSetting" ORDER BY "connector"`)).toEqual([
    { connector: "fastmag" },
  ]);
  const [moved] = await query(`SELECT "shop", "configJson", "secretsCiphertext" FROM "CarrierSettings"`);
  expect(moved).toMatchObject({
    shop: "old.myshopify.com",
    configJson: '{"tntUsername":"maison","notifyCustomer":false}',
  });
}

describe("the carrier settings migration", () => {
  it("moves carrier settings stored as the connector `orders` (SQLite)", async () => {
    const { earlier, carrier } = migrationsBefore("sqlite");
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "carrier-migration-")), "db.sqlite");
    const sqlite = new Database(file);
    try {
      for (const sql of earlier) sqlite.exec(sql);
      sqlite.exec(OLD_ROWS);
      sqlite.exec(carrier);
      await expectMoved(async (sql) => sqlite.prepare(sql).all() as Record<string, unknown>[]);
    } finally {
      sqlite.close();
      fs.rmSync(path.dirname(file), { recursive: true, force: true });
    }
  });

  // The PostgreSQL server runs on every machine the tests run on (the PostgreSQL tests never skip).
  it("moves carrier settings stored as the connector `orders` (PostgreSQL)", async () => {
    const { earlier, carrier } = migrationsBefore("postgresql");
    const name = `passerelle_carrier_${process.pid}_${Date.now()}`;
    const admin = new pg.Client({ connectionString: POSTGRES_ADMIN_URL });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    const client = new pg.Client({ connectionString: postgresUrl(name) });
    try {
      await client.connect();
      for (const sql of earlier) await client.query(sql);
      await client.query(OLD_ROWS);
      await client.query(carrier);
      await expectMoved(async (sql) => (await client.query(sql)).rows as Record<string, unknown>[]);
    } finally {
      await client.end();
      await admin.query(`DROP DATABASE IF EXISTS ${name}`);
      await admin.end();
    }
  });
});
