// The built app (build/web, as `npm start`) is SIGKILLed while it works through a burst of recorded webhooks; after
// a restart every delivery is processed exactly once: none lost, none doubled, Shopify's repeats of
// processed ones change nothing. Needs `npm run build` first.
import { type ChildProcess, spawn } from "node:child_process";
import { createHmac, randomUUID } from "node:crypto";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { applyMigrations } from "~/db/migrations.server";
import { createPrismaClient, type Db } from "~/db.server";

const root = path.resolve(import.meta.dirname, "..", "..");
const SECRET = "crash-test-secret";
const SHOP = "crash-test.myshopify.com";
const TOPIC = "customers/data_request";
const COUNT = 300;

let dir: string;
let databaseUrl: string;
let db: Db;
let port: number;
let app: ChildProcess | null = null;

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

async function startApp(): Promise<ChildProcess> {
  const child = spawn(process.execPath, ["build/web/index.js"], {
    cwd: root,
    stdio: ["ignore", "ignore", "inherit"],
    env: {
      ...process.env,
      NODE_ENV: "production",
      HOST: "127.0.0.1",
      PORT: String(port),
      DATABASE_URL: databaseUrl,
      SHOPIFY_API_KEY: "crash-test-key",
      SHOPIFY_API_SECRET: SECRET,
      SHOPIFY_APP_URL: `http://127.0.0.1:${port}`,
      APP_ENCRYPTION_KEY: "dGVzdC1rZXktZm9yLXBhc3NlcmVsbGUtdGVzdHMtMzI=",
      LOG_LEVEL: "silent",
    },
  });
  for (const deadline = Date.now() + 30_000; Date.now() < deadline;) {
    if (child.exitCode !== null) throw new Error(`the app exited with ${child.exitCode}`);
    const up = await fetch(`http://127.0.0.1:${port}/webhooks/${TOPIC}`).then(
      () => true,
      () => false,
    );
    if (up) return child;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error("the app did not start");
}

function deliver(webhookId: string, n: number) {
  const body = JSON.stringify({
    shop_id: 1,
    shop_domain: SHOP,
    customer: { id: 700_000 + n, email: `crash-${n}@example.com` },
    orders_requested: [],
    data_request: { id: n },
  });
  return fetch(`http://127.0.0.1:${port}/webhooks/${TOPIC}`, {
    method: "POST",
    body,
    headers: {
      "content-type": "application/json",
      "x-shopify-topic": TOPIC,
      "x-shopify-hmac-sha256": createHmac("sha256", SECRET).update(body).digest("base64"),
      "x-shopify-shop-domain": SHOP,
      "x-shopify-webhook-id": webhookId,
      "x-shopify-event-id": randomUUID(),
    },
  }).then(async (response) => ({ status: response.status, duplicate: response.headers.get("x-passerelle-duplicate") }));
}

const count = (status: string) => db.webhookDelivery.count({ where: { shop: SHOP, status } });

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "passerelle-webhooks-crash-"));
  databaseUrl = `file:${path.join(dir, "app.sqlite")}`;
  await applyMigrations(databaseUrl);
  db = createPrismaClient(databaseUrl);
  port = await freePort();
});

afterAll(async () => {
  app?.kill("SIGKILL");
  await db?.$disconnect();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe("webhooks across an app crash", () => {
  it("SIGKILL while processing, restart: every webhook processed exactly once", async () => {
    app = await startApp();
    await count("processed"); // the test's own database client is ready before the burst
    const ids = Array.from({ length: COUNT }, (_, n) => `crash-${n}`);
    const answers = await Promise.all(ids.map((id, n) => deliver(id, n)));
    expect(answers.every((a) => a.status === 200)).toBe(true);

    // Kill it once it is well into the queue, with deliveries claimed but not finished.
    for (const deadline = Date.now() + 60_000; Date.now() < deadline;) {
      if ((await count("processed")) >= 10) break;
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    app.kill("SIGKILL");
    await new Promise((resolve) => app!.once("exit", resolve));
    const atCrash = { processed: await count("processed"), processing: await count("processing") };
    expect(atCrash.processed).toBeGreaterThanOrEqual(10);
    expect(atCrash.processed).toBeLessThan(COUNT);

    app = await startApp();
    for (const deadline = Date.now() + 60_000; Date.now() < deadline;) {
      if ((await count("processed")) === COUNT) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    // Shopify delivers some again: acknowledged as duplicates, not processed again.
    const repeats = await Promise.all(ids.slice(0, 10).map((id, n) => deliver(id, n)));
    expect(repeats.every((a) => a.status === 200 && a.duplicate === "1")).toBe(true);

    const rows = await db.webhookDelivery.findMany({ where: { shop: SHOP } });
    expect(rows).toHaveLength(COUNT);
    expect(rows.filter((r) => r.status !== "processed").map((r) => r.webhookId)).toEqual([]);
    const records = await db.complianceRequest.findMany({ where: { shop: SHOP }, select: { webhookId: true } });
    expect(records).toHaveLength(COUNT);
    expect(new Set(records.map((r) => r.webhookId))).toEqual(new Set(ids));
    if (atCrash.processing > 0) expect(rows.some((r) => r.attempts > 1)).toBe(true);
  });
});
