// GET /ping: a monitor's view of an instance. Each case reads a database of its own (a copy of the
// run's migrated template), so the queues it sees are only what the case put there; the unreachable
// databases are real clients pointed at a missing SQLite directory, a closed port and a server that
// never answers.
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import packageJson from "../../package.json";
import { type Db, POSTGRES_CONNECT_TIMEOUT_MS, createPrismaClient } from "../../app/db.server";
import {
  DATABASE_DEADLINE_MS,
  JOB_BACKLOG_LIMIT_SECONDS,
  WEBHOOK_BACKLOG_LIMIT_SECONDS,
  checkHealth,
  healthResponse,
  type HealthReport,
} from "../../app/health/health.server";
import { action, loader } from "../../app/routes/ping";
import { POSTGRES_ADMIN_URL, postgresUrl } from "../support/global-database";
import { uniqueShop } from "../support/shops";

const { provider, runId, template, dir } = inject("testDatabase");
const opened: Db[] = [];
const postgresCopies: string[] = [];
let counter = 0;

/** A database of the case's own, copied from the run's migrated template. */
async function freshDatabase(): Promise<Db> {
  let url: string;
  if (provider === "sqlite") {
    const file = path.join(dir, `health-${process.pid}-${++counter}.sqlite`);
    fs.copyFileSync(template, file);
    url = `file:${file}`;
  } else {
    const name = `passerelle_t_${runId}_health_${process.pid}_${++counter}`;
    const admin = new pg.Client({ connectionString: POSTGRES_ADMIN_URL });
    await admin.connect();
    try {
      for (let attempt = 1; ; attempt++) {
        try {
          await admin.query(`CREATE DATABASE ${name} TEMPLATE ${template}`);
          break;
        } catch (error) {
          // 55006: another worker is copying the template right now.
          if ((error as { code?: string }).code !== "55006" || attempt > 50) throw error;
          await new Promise((resolve) => setTimeout(resolve, 100 + Math.random() * 200));
        }
      }
    } finally {
      await admin.end();
    }
    postgresCopies.push(name);
    url = postgresUrl(name);
  }
  return client(url);
}

function client(url: string): Db {
  const db = createPrismaClient(url);
  opened.push(db);
  return db;
}

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

// Takes connections and never says a word: a database host that hangs.
let silent: net.Server;
const silentSockets = new Set<net.Socket>();
beforeAll(async () => {
  silent = net.createServer((socket) => {
    silentSockets.add(socket);
    socket.on("error", () => undefined);
  });
  await new Promise<void>((resolve) => silent.listen(0, "127.0.0.1", resolve));
});

afterAll(async () => {
  for (const socket of silentSockets) socket.destroy();
  silent?.close();
  await Promise.all(opened.map((db) => db.$disconnect().catch(() => undefined)));
  if (postgresCopies.length) {
    const admin = new pg.Client({ connectionString: POSTGRES_ADMIN_URL });
    await admin.connect();
    for (const name of postgresCopies) await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
  }
});

async function answer(db: Db) {
  const started = Date.now();
  const response = healthResponse(await checkHealth({ db }));
  const text = await response.text();
  return { response, text, body: JSON.parse(text) as HealthReport, ms: Date.now() - started };
}

const ago = (seconds: number) => new Date(Date.now() - seconds * 1000);

async function seedShop(db: Db, shop: string) {
  await db.shop.create({ data: { domain: shop, name: "Maison Secrète" } });
}

describe("GET /ping", () => {
  it("answers 200 with the version, the database, both queues and each system's last success, and no shop data", async () => {
    const db = await freshDatabase();
    const [shop, other] = [uniqueShop("ping"), uniqueShop("ping")];
    await seedShop(db, shop);
    await seedShop(db, other);
    const syncedAt = ago(3600);
    const testedAt = ago(7200);
    await db.connectorSetting.create({
      data: {
        shop,
        connector: "fastmag",
        configJson: JSON.stringify({ baseUrl: "https://erp-host-of-the-shop.example", enseigne: "ENSEIGNE-X" }),
        secretsCiphertext: "CIPHERTEXT-OF-THE-PASSWORD",
        lastCheckAt: testedAt,
        lastCheckOk: true,
        lastCheckMessage: "Connected as USER-OF-THE-SHOP",
      },
    });
    // RetailCRM saved in the other shop but its key never given: not set up, never called.
    await db.connectorSetting.create({ data: { shop: other, connector: "retailcrm", configJson: "{}" } });
    await db.job.create({
      data: {
        shop,
        type: "stock.full",
        trigger: "schedule",
        status: "succeeded",
        runAfter: ago(3700),
        startedAt: ago(3650),
        finishedAt: syncedAt,
      },
    });
    // A newer succeeded stock run in a shop where Fastmag is not set up is not Fastmag's.
    await db.job.create({
      data: {
        shop: other,
        type: "stock.full",
        trigger: "schedule",
        status: "succeeded",
        runAfter: ago(60),
        finishedAt: ago(30),
      },
    });
    await db.job.create({ data: { shop, type: "stock.changes", trigger: "schedule", runAfter: ago(60) } });
    // Queued for later: not part of the backlog.
    await db.job.create({
      data: { shop, type: "prices.update", trigger: "schedule", runAfter: new Date(Date.now() + 600_000) },
    });
    await db.webhookDelivery.create({
      data: {
        webhookId: `w-${shop}`,
        shop,
        topic: "orders/create",
        payloadJson: '{"email":"client@example.com"}',
        receivedAt: ago(30),
        runAfter: ago(30),
      },
    });
    await db.webhookDelivery.create({
      data: {
        webhookId: `w2-${shop}`,
        shop,
        topic: "orders/create",
        payloadJson: "{}",
        status: "processed",
        receivedAt: ago(5000),
      },
    });

    const { response, text, body } = await answer(db);
    expect(response.status).toBe(200);
    expect(response.headers.get("cache-control")).toBe("no-store");
    expect(response.headers.get("content-type")).toMatch(/^application\/json/);
    expect(body.healthy).toBe(true);
    expect(body.failing).toEqual([]);
    expect(body.version.app).toBe(packageJson.version);
    expect(body.database.reachable).toBe(true);
    expect(body.jobs).toMatchObject({ due: 1, limitSeconds: JOB_BACKLOG_LIMIT_SECONDS });
    expect(body.jobs!.oldestDueSeconds).toBeGreaterThanOrEqual(59);
    expect(body.jobs!.oldestDueSeconds).toBeLessThan(120);
    expect(body.webhooks).toMatchObject({ due: 1, limitSeconds: WEBHOOK_BACKLOG_LIMIT_SECONDS });
    expect(body.webhooks!.oldestDueSeconds).toBeGreaterThanOrEqual(29);
    expect(body.webhooks!.oldestDueSeconds).toBeLessThan(90);

    const byId = Object.fromEntries(body.connectors!.map((c) => [c.id, c]));
    expect(Object.keys(byId).sort()).toEqual(["event-feed", "fastmag", "retailcrm", "sftp", "shopify", "tuyo"]);
    expect(byId.fastmag).toEqual({
      id: "fastmag",
      name: "Fastmag",
      shopsSetUp: 1,
      lastSuccessAt: syncedAt.toISOString(),
    });
    expect(byId.retailcrm).toMatchObject({ shopsSetUp: 0, lastSuccessAt: null });
    // Shopify receives every shop's stock: the newest stock run of any shop.
    expect(byId.shopify!.shopsSetUp).toBe(2);
    expect(new Date(byId.shopify!.lastSuccessAt!).getTime()).toBeGreaterThan(syncedAt.getTime());

    for (const secretOrShopData of [
      shop,
      other,
      "Maison Secrète",
      "erp-host-of-the-shop",
      "ENSEIGNE-X",
      "CIPHERTEXT",
      "USER-OF-THE-SHOP",
      "client@example.com",
    ])
      expect(text).not.toContain(secretOrShopData);
  });

  it("answers 503 naming the jobs check when the oldest due job waits past the limit", async () => {
    const db = await freshDatabase();
    const shop = uniqueShop("ping");
    await seedShop(db, shop);
    await db.job.create({
      data: { shop, type: "stock.changes", trigger: "schedule", runAfter: ago(JOB_BACKLOG_LIMIT_SECONDS + 300) },
    });
    await db.job.create({ data: { shop, type: "prices.update", trigger: "schedule", runAfter: ago(10) } });

    const { response, body } = await answer(db);
    expect(response.status).toBe(503);
    expect(response.headers.get("cache-control")).toBe("no-store");
    expect(body.healthy).toBe(false);
    expect(body.database.reachable).toBe(true);
    expect(body.failing.map((f) => f.check)).toEqual(["jobs"]);
    expect(body.failing[0]!.message).toMatch(/oldest queued job has been due for 20 min/);
    expect(body.jobs!.due).toBe(2);
    expect(body.jobs!.oldestDueSeconds).toBeGreaterThan(JOB_BACKLOG_LIMIT_SECONDS);
  });

  it("stays 200 when the old job only waits behind a run of its own shop and type", async () => {
    const db = await freshDatabase();
    const shop = uniqueShop("ping");
    await db.job.create({
      data: {
        shop,
        type: "stock.full",
        trigger: "schedule",
        status: "running",
        runAfter: ago(JOB_BACKLOG_LIMIT_SECONDS + 900),
        startedAt: ago(JOB_BACKLOG_LIMIT_SECONDS + 890),
        leaseOwner: "worker-a",
        leaseExpiresAt: new Date(Date.now() + 60_000),
      },
    });
    await db.job.create({
      data: { shop, type: "stock.full", trigger: "schedule", runAfter: ago(JOB_BACKLOG_LIMIT_SECONDS + 300) },
    });
    await db.job.create({ data: { shop, type: "prices.update", trigger: "schedule", runAfter: ago(45) } });

    const { response, body } = await answer(db);
    expect(body.failing).toEqual([]);
    expect(response.status).toBe(200);
    // Both count as backlog; the wait is the oldest a worker could take now.
    expect(body.jobs!.due).toBe(2);
    expect(body.jobs!.oldestDueSeconds).toBeGreaterThanOrEqual(44);
    expect(body.jobs!.oldestDueSeconds).toBeLessThan(120);
  });

  it("answers 503 naming the webhooks check when a delivery waits unprocessed past the limit", async () => {
    const db = await freshDatabase();
    const shop = uniqueShop("ping");
    const old = ago(WEBHOOK_BACKLOG_LIMIT_SECONDS + 120);
    await db.webhookDelivery.create({
      data: { webhookId: `w-${shop}`, shop, topic: "orders/create", payloadJson: "{}", receivedAt: old, runAfter: old },
    });

    // Received long ago but failed once and waits for its retry: not late.
    const retried = ago(WEBHOOK_BACKLOG_LIMIT_SECONDS + 600);
    await db.webhookDelivery.create({
      data: {
        webhookId: `w3-${shop}`,
        shop,
        topic: "orders/create",
        payloadJson: "{}",
        receivedAt: retried,
        runAfter: new Date(Date.now() + 60_000),
        attempts: 1,
      },
    });

    const { response, body } = await answer(db);
    expect(response.status).toBe(503);
    expect(body.failing.map((f) => f.check)).toEqual(["webhooks"]);
    expect(body.webhooks).toMatchObject({ due: 1 });
    expect(body.webhooks!.oldestDueSeconds).toBeGreaterThan(WEBHOOK_BACKLOG_LIMIT_SECONDS);
    expect(body.webhooks!.oldestDueSeconds).toBeLessThan(WEBHOOK_BACKLOG_LIMIT_SECONDS + 300);
    expect(body.jobs).toMatchObject({ due: 0, oldestDueSeconds: null });
  });

  it("stays 200 while a webhook received long ago waits for its retry or is being processed", async () => {
    const db = await freshDatabase();
    const shop = uniqueShop("ping");
    const longAgo = ago(WEBHOOK_BACKLOG_LIMIT_SECONDS + 600);
    await db.webhookDelivery.create({
      data: {
        webhookId: `w-${shop}`,
        shop,
        topic: "orders/create",
        payloadJson: "{}",
        receivedAt: longAgo,
        runAfter: ago(20),
        attempts: 3,
      },
    });
    await db.webhookDelivery.create({
      data: {
        webhookId: `w2-${shop}`,
        shop,
        topic: "orders/create",
        payloadJson: "{}",
        receivedAt: longAgo,
        status: "processing",
        leaseOwner: "processor-a",
        leaseExpiresAt: new Date(Date.now() + 30_000),
      },
    });

    const { response, body } = await answer(db);
    expect(body.failing).toEqual([]);
    expect(response.status).toBe(200);
    expect(body.webhooks!.due).toBe(2);
    expect(body.webhooks!.oldestDueSeconds).toBeGreaterThanOrEqual(19);
    expect(body.webhooks!.oldestDueSeconds).toBeLessThan(90);
  });

  it.each([
    [
      "a SQLite file in a directory that does not exist",
      () => `file:${path.join(os.tmpdir(), `no-such-dir-${process.pid}`, "x.sqlite")}`,
    ],
    ["PostgreSQL on a closed port", async () => `postgresql://postgres@127.0.0.1:${await freePort()}/passerelle`],
  ])("answers 503 at once naming the database check when it is %s", async (_, url) => {
    const db = client(await url());
    const { response, body, text, ms } = await answer(db);
    expect(response.status).toBe(503);
    expect(response.headers.get("cache-control")).toBe("no-store");
    expect(body).toMatchObject({
      healthy: false,
      database: { reachable: false, ms: null },
      jobs: null,
      webhooks: null,
      connectors: null,
    });
    expect(body.failing).toEqual([{ check: "database", message: "The database could not be reached." }]);
    expect(body.version.app).toBe(packageJson.version);
    expect(ms).toBeLessThan(DATABASE_DEADLINE_MS);
    // The driver's words (paths, hosts, ports) stay in the log.
    expect(text).not.toMatch(/no-such-dir|127\.0\.0\.1|ECONNREFUSED/);
  });

  it("answers 503 after the deadline, not a hang, when the database host never answers", async () => {
    const { port } = silent.address() as net.AddressInfo;
    const db = client(`postgresql://postgres@127.0.0.1:${port}/passerelle`);
    const { response, body, ms } = await answer(db);
    expect(response.status).toBe(503);
    expect(body.failing).toEqual([
      { check: "database", message: `The database did not answer within ${DATABASE_DEADLINE_MS / 1000} s.` },
    ]);
    expect(ms).toBeGreaterThanOrEqual(DATABASE_DEADLINE_MS - 50);
    expect(ms).toBeLessThan(DATABASE_DEADLINE_MS + 1_500);
  });

  it("gives up opening a connection to a database host that never answers, instead of waiting forever", async () => {
    const { port } = silent.address() as net.AddressInfo;
    const db = client(`postgresql://postgres@127.0.0.1:${port}/passerelle`);
    const started = performance.now();
    await expect(db.$queryRaw`SELECT 1`).rejects.toThrow();
    const ms = performance.now() - started;
    expect(ms).toBeGreaterThanOrEqual(POSTGRES_CONNECT_TIMEOUT_MS - 50);
    expect(ms).toBeLessThan(POSTGRES_CONNECT_TIMEOUT_MS + 2_000);
  });

  it("is served by the route without authentication, never cached; other methods get 405 JSON", async () => {
    const response = await loader();
    expect([200, 503]).toContain(response.status);
    expect(response.headers.get("cache-control")).toBe("no-store");
    expect(((await response.json()) as HealthReport).database.reachable).toBe(true);

    const refused = action();
    expect(refused.status).toBe(405);
    expect(refused.headers.get("allow")).toBe("GET, HEAD");
    expect(await refused.json()).toEqual({ error: "Use GET, HEAD." });
  });
});
