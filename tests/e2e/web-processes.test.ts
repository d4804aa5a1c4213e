// WEB_PROCESSES=2: the built web server (`npm start`) answers from two processes sharing the port. Only
// one runs the background jobs; one that dies is replaced while the other keeps answering; SIGTERM lets
// both finish, and neither outlives the primary, even when the primary is SIGKILLed.
import { createHmac, randomUUID } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { applyMigrations } from "~/db/migrations.server";
import { createPrismaClient, type Db } from "~/db.server";
import { HARMLESS_APP_ENV } from "../support/jobs-processes";
import { type BuiltApp, startBuiltApp } from "./support/built-app";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "web-processes-e2e-"));
const databaseUrl = `file:${path.join(dir, "app.sqlite")}`;
const secret = HARMLESS_APP_ENV.SHOPIFY_API_SECRET!;
const shop = "web-processes.myshopify.com";
let db: Db;
const apps: BuiltApp[] = [];

beforeAll(async () => {
  await applyMigrations(databaseUrl);
  db = createPrismaClient(databaseUrl);
});

afterAll(async () => {
  await Promise.all(apps.map((app) => app.stop()));
  await db?.$disconnect();
  fs.rmSync(dir, { recursive: true, force: true });
});

async function start(): Promise<BuiltApp> {
  const app = await startBuiltApp({ DATABASE_URL: databaseUrl, WEB_PROCESSES: "2" });
  apps.push(app);
  await until(() => listeningPids(app).length === 2, "both web processes listening");
  return app;
}

function listeningPids(app: BuiltApp): number[] {
  return app
    .output()
    .split("\n")
    .filter((line) => line.includes('"web server listening"'))
    .map((line) => (JSON.parse(line) as { pid: number }).pid);
}

const alive = (pid: number) =>
  fs.existsSync(`/proc/${pid}`) && !/\) Z /.test(fs.readFileSync(`/proc/${pid}/stat`, "utf8"));

async function until(check: () => boolean | Promise<boolean>, what: string, ms = 20_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

function deliver(app: BuiltApp, webhookId: string) {
  const body = JSON.stringify({ shop_domain: shop, customer: { id: 1, email: "a@example.com" }, orders_requested: [] });
  return fetch(`${app.url}/webhooks/customers/data_request`, {
    method: "POST",
    body,
    headers: {
      "content-type": "application/json",
      "x-shopify-topic": "customers/data_request",
      "x-shopify-hmac-sha256": createHmac("sha256", secret).update(body).digest("base64"),
      "x-shopify-shop-domain": shop,
      "x-shopify-webhook-id": webhookId,
      "x-shopify-triggered-at": new Date().toISOString(),
    },
  }).then((response) => response.status);
}

describe("WEB_PROCESSES=2", () => {
  it("answers from two processes, runs the background jobs in one, and replaces one that dies", async () => {
    const app = await start();
    const [first, second] = listeningPids(app);
    expect(first).not.toBe(second);

    const ids = Array.from({ length: 40 }, () => randomUUID());
    expect(await Promise.all(ids.map((id) => deliver(app, id)))).toEqual(ids.map(() => 200));
    // Processed by the one process that runs background work, each once.
    await until(
      async () => (await db.webhookDelivery.count({ where: { webhookId: { in: ids }, status: "processed" } })) === 40,
      "the deliveries processed",
    );
    expect(app.output().match(/"background work started"/g)).toHaveLength(1);

    // One is killed: once the primary knows (connections it held die with it, as on any crash, and
    // Shopify sends those again), the other answers everything while a new one takes its place.
    process.kill(second!, "SIGKILL");
    await until(() => app.output().includes('"web process ended; starting another"'), "the primary noticing");
    const during = Array.from({ length: 10 }, () => randomUUID());
    expect(await Promise.all(during.map((id) => deliver(app, id)))).toEqual(during.map(() => 200));
    await until(() => listeningPids(app).length === 3, "a new web process listening");
    const third = listeningPids(app)[2]!;
    expect(alive(third)).toBe(true);
    expect(alive(second!)).toBe(false);

    await app.stop();
    expect([app.pid, first!, third].filter(alive)).toEqual([]);
  });

  it("stops both web processes when the primary is SIGKILLed", async () => {
    const app = await start();
    const children = listeningPids(app);
    process.kill(app.pid, "SIGKILL");
    await until(() => children.every((pid) => !alive(pid)), "the web processes gone", 10_000);
  });
});
