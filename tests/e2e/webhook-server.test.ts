// The built web server (`npm start`: build/web/index.js) takes webhook deliveries itself, before
// Express and Remix, and applies every intake rule there: 405, 415, 413, 401, 400 (topic, shop, not a
// JSON object), 200 with one row, a duplicate recorded once (and due again while unprocessed); other
// addresses under /webhooks still reach Remix (404). Answers carry the security headers and the access
// log line. Background work is off, so recorded deliveries stay as the intake left them.
import { createHmac, randomUUID } from "node:crypto";
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { applyMigrations } from "~/db/migrations.server";
import { createPrismaClient, type Db } from "~/db.server";
import { HARMLESS_APP_ENV } from "../support/jobs-processes";
import { type BuiltApp, startBuiltApp } from "./support/built-app";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "webhook-server-e2e-"));
const databaseUrl = `file:${path.join(dir, "app.sqlite")}`;
const secret = HARMLESS_APP_ENV.SHOPIFY_API_SECRET!;
const shop = "webhook-server.myshopify.com";
const TOPIC = "customers/data_request";
let app: BuiltApp;
let db: Db;

beforeAll(async () => {
  await applyMigrations(databaseUrl);
  db = createPrismaClient(databaseUrl);
  app = await startBuiltApp({ DATABASE_URL: databaseUrl, BACKGROUND_JOBS: "off" });
});

afterAll(async () => {
  await app?.stop();
  await db?.$disconnect();
  fs.rmSync(dir, { recursive: true, force: true });
});

interface Delivery {
  body?: string;
  topic?: string;
  path?: string;
  method?: string;
  contentType?: string;
  hmac?: string;
  webhookId?: string;
  shopDomain?: string;
}

function deliver(options: Delivery = {}) {
  const body = options.body ?? JSON.stringify({ shop_domain: shop, customer: { id: 1 }, orders_requested: [] });
  const method = options.method ?? "POST";
  return fetch(`${app.url}${options.path ?? `/webhooks/${TOPIC}`}`, {
    method,
    body: method === "GET" || method === "HEAD" ? undefined : body,
    headers: {
      "content-type": options.contentType ?? "application/json",
      "x-shopify-topic": options.topic ?? TOPIC,
      "x-shopify-hmac-sha256": options.hmac ?? createHmac("sha256", secret).update(body).digest("base64"),
      "x-shopify-shop-domain": options.shopDomain ?? shop,
      "x-shopify-webhook-id": options.webhookId ?? randomUUID(),
      "x-shopify-triggered-at": new Date().toISOString(),
    },
  });
}

async function expectRefused(response: Response, status: number, webhookId?: string) {
  expect(response.status).toBe(status);
  expect(response.headers.get("content-type")).toContain("application/json");
  expect(typeof ((await response.json()) as { error?: unknown }).error).toBe("string");
  if (webhookId) expect(await db.webhookDelivery.count({ where: { webhookId } })).toBe(0);
}

describe("the built web server's webhook intake", () => {
  it("answers 405 with Allow: POST to any other method", async () => {
    for (const method of ["GET", "PUT", "DELETE"]) {
      const response = await deliver({ method });
      await expectRefused(response, 405);
      expect(response.headers.get("allow")).toBe("POST");
    }
  });

  it("answers 415 to a body that is not application/json", async () => {
    const webhookId = randomUUID();
    await expectRefused(await deliver({ contentType: "text/plain", webhookId }), 415, webhookId);
  });

  it("answers 401 to a wrong signature", async () => {
    const webhookId = randomUUID();
    const hmac = createHmac("sha256", "not-the-secret").update("{}").digest("base64");
    await expectRefused(await deliver({ hmac, webhookId }), 401, webhookId);
  });

  it("answers 400 when the topic header does not match the address, or the shop is not a shop", async () => {
    const webhookId = randomUUID();
    await expectRefused(await deliver({ topic: "shop/redact", webhookId }), 400, webhookId);
    await expectRefused(await deliver({ shopDomain: "example.com", webhookId }), 400, webhookId);
  });

  it("answers 400 to a signed body that is JSON but not an object, or not JSON", async () => {
    for (const body of ["null", "[]", '"x"', "42", "{not json"]) {
      const webhookId = randomUUID();
      await expectRefused(await deliver({ body, webhookId }), 400, webhookId);
    }
  });

  it("answers 413 to a body over 2 MB without reading it, announced or not", async () => {
    const webhookId = randomUUID();
    await expectRefused(await deliver({ body: " ".repeat(2 * 1024 * 1024 + 1), webhookId }), 413, webhookId);
    // Streamed without a length: refused once the cap is passed.
    const status = await new Promise<number>((resolve, reject) => {
      const request = http.request(`${app.url}/webhooks/${TOPIC}`, {
        method: "POST",
        headers: {
          "content-type": "application/json",
          "x-shopify-topic": TOPIC,
          "x-shopify-hmac-sha256": "AAAA",
          "x-shopify-shop-domain": shop,
          "x-shopify-webhook-id": webhookId,
        },
      });
      request.on("response", (response) => resolve(response.statusCode ?? 0));
      // The server answers 413 and closes while we are still sending: our next write may meet the closed
      // socket (EPIPE, ECONNRESET) before Node hands us the answer. Either way the body was refused.
      request.on("error", (error: NodeJS.ErrnoException) =>
        error.code === "EPIPE" || error.code === "ECONNRESET" ? resolve(-1) : reject(error),
      );
      const chunk = Buffer.alloc(256 * 1024, 0x20);
      const pump = (left: number) => {
        if (left === 0 || request.destroyed) return request.end();
        if (request.write(chunk)) setImmediate(() => pump(left - 1));
        else request.once("drain", () => pump(left - 1));
      };
      pump(16);
    });
    expect([413, -1]).toContain(status);
    expect(await db.webhookDelivery.count({ where: { webhookId } })).toBe(0);
  });

  it("records nothing from a delivery whose sender hangs up in the middle of its body, and goes on", async () => {
    const webhookId = randomUUID();
    await new Promise<void>((resolve) => {
      const request = http.request(`${app.url}/webhooks/${TOPIC}`, {
        method: "POST",
        headers: {
          "content-type": "application/json",
          "content-length": "1000",
          "x-shopify-topic": TOPIC,
          "x-shopify-hmac-sha256": "AAAA",
          "x-shopify-shop-domain": shop,
          "x-shopify-webhook-id": webhookId,
        },
      });
      request.on("error", () => resolve());
      request.on("response", () => resolve());
      request.write('{"shop_domain":');
      setTimeout(() => request.destroy(), 100);
    });
    expect((await deliver()).status).toBe(200);
    expect(await db.webhookDelivery.count({ where: { webhookId } })).toBe(0);
  });

  it("records an accepted delivery with one row, once for a duplicate, due again while unprocessed", async () => {
    const webhookId = randomUUID();
    const first = await deliver({ webhookId });
    expect(first.status).toBe(200);
    expect(first.headers.get("x-content-type-options")).toBe("nosniff");
    expect(first.headers.get("content-security-policy")).toBe("frame-ancestors 'none';");
    const row = await db.webhookDelivery.findUniqueOrThrow({ where: { webhookId } });
    expect(row).toMatchObject({ shop, topic: TOPIC, status: "received", attempts: 0 });
    expect(JSON.parse(row.payloadJson)).toMatchObject({ shop_domain: shop });

    // A failed attempt waiting for its retry: Shopify's redelivery makes it due now.
    const later = new Date(Date.now() + 3_600_000);
    await db.webhookDelivery.update({ where: { webhookId }, data: { status: "failed", attempts: 1, runAfter: later } });
    const again = await deliver({ webhookId });
    expect(again.status).toBe(200);
    expect(again.headers.get("x-passerelle-duplicate")).toBe("1");
    const requeued = await db.webhookDelivery.findUniqueOrThrow({ where: { webhookId } });
    expect(requeued.status).toBe("received");
    expect(requeued.runAfter.getTime()).toBeLessThan(later.getTime());

    // Processed: a redelivery changes nothing.
    await db.webhookDelivery.update({ where: { webhookId }, data: { status: "processed" } });
    expect((await deliver({ webhookId })).status).toBe(200);
    expect(await db.webhookDelivery.count({ where: { webhookId } })).toBe(1);
    expect((await db.webhookDelivery.findUniqueOrThrow({ where: { webhookId } })).status).toBe("processed");
  });

  it("records a burst of deliveries (duplicates included) once each", async () => {
    const ids = Array.from({ length: 60 }, () => randomUUID());
    const answers = await Promise.all([...ids, ...ids.slice(0, 10)].map((webhookId) => deliver({ webhookId })));
    expect(answers.map((a) => a.status)).toEqual(answers.map(() => 200));
    expect(await db.webhookDelivery.count({ where: { webhookId: { in: ids } } })).toBe(60);
  });

  it("leaves other addresses under /webhooks to Remix (404), and logs webhook answers without secrets", async () => {
    await expectRefused(await deliver({ path: "/webhooks/collections/update", topic: "collections/update" }), 404);
    await expect
      .poll(() => app.output().match(/POST \/webhooks\/customers\/data_request 200/g)?.length ?? 0)
      .toBeGreaterThan(0);
    expect(app.output()).toMatch(/POST \/webhooks\/collections\/update 404/);
  });
});
