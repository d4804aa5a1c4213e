// Webhook deliveries from the Shopify emulator to a real HTTP receiver: subscriptions from the app's
// shopify.app.toml, Shopify's headers and HMAC, retries on failure, duplicates, the HTTP trigger.
import { createHmac } from "node:crypto";
import fs from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  appUninstalledPayload,
  customersRedactPayload,
  startShopifyEmulator,
  type ShopifyEmulator,
} from "../../emulators/shopify/index";
import { uniqueShop } from "../support/shops";

const SECRET = "test-api-secret";
const shop = uniqueShop("hooks");

interface Received {
  path: string;
  headers: http.IncomingHttpHeaders;
  body: string;
}

let emulator: ShopifyEmulator;
let receiver: http.Server;
const received: Received[] = [];
/** Status the receiver answers per path; defaults to 200. A list is consumed one answer per request. */
const answers = new Map<string, number[]>();

beforeAll(async () => {
  receiver = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c) => chunks.push(c));
    req.on("end", () => {
      received.push({ path: req.url ?? "", headers: req.headers, body: Buffer.concat(chunks).toString("utf8") });
      res.writeHead(answers.get(req.url ?? "")?.shift() ?? 200).end();
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
  const appUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`;

  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "emulator-toml-"));
  const tomlPath = path.join(dir, "shopify.app.toml");
  fs.writeFileSync(
    tomlPath,
    `client_id = "test-api-key"
[access_scopes]
scopes = "read_products,write_inventory"
[webhooks]
api_version = "2026-07"
[[webhooks.subscriptions]]
topics = ["app/uninstalled"]
uri = "/webhooks/app/uninstalled"
[[webhooks.subscriptions]]
compliance_topics = ["customers/data_request", "customers/redact", "shop/redact"]
uri = "/webhooks/compliance"
`,
  );
  emulator = await startShopifyEmulator({
    app: { apiKey: "test-api-key", apiSecret: SECRET, appUrl, tomlPath },
    shops: [{ domain: shop, name: "Boutique Hooks" }],
    webhookRetryDelaysMs: [20, 40, 80],
  });
});

afterAll(async () => {
  await emulator?.close();
  await new Promise((resolve) => receiver?.close(resolve));
});

const since = (from: number) => received.slice(from);

describe("webhook deliveries", () => {
  it("POSTs to the toml's uri with Shopify's headers and a valid HMAC of the raw body", async () => {
    const from = received.length;
    const payload = appUninstalledPayload(emulator.store.shop(shop));
    const attempts = await emulator.deliverWebhook({
      shop,
      topic: "app/uninstalled",
      payload,
      eventId: "evt-1",
      triggeredAt: "2026-01-05T09:00:00.000Z",
    });
    expect(attempts).toHaveLength(1);
    expect(attempts[0]).toMatchObject({ attempt: 1, status: 200, ok: true });

    const [delivery] = since(from);
    expect(delivery.path).toBe("/webhooks/app/uninstalled");
    expect(delivery.headers).toMatchObject({
      "content-type": "application/json",
      "x-shopify-topic": "app/uninstalled",
      "x-shopify-shop-domain": shop,
      "x-shopify-api-version": "2026-07",
      "x-shopify-event-id": "evt-1",
      "x-shopify-triggered-at": "2026-01-05T09:00:00.000Z",
      "x-shopify-webhook-id": attempts[0].webhookId,
    });
    expect(delivery.headers["x-shopify-hmac-sha256"]).toBe(
      createHmac("sha256", SECRET).update(delivery.body).digest("base64"),
    );
    expect(JSON.parse(delivery.body)).toMatchObject({ myshopify_domain: shop, name: "Boutique Hooks", domain: shop });
  });

  it("retries a failing receiver on the configured schedule until it answers 2xx", async () => {
    answers.set("/webhooks/compliance", [500, 503]);
    const from = received.length;
    const attempts = await emulator.deliverWebhook({
      shop,
      topic: "customers/redact",
      payload: customersRedactPayload(emulator.store.shop(shop)),
    });
    expect(attempts.map((a) => [a.attempt, a.status, a.ok])).toEqual([
      [1, 500, false],
      [2, 503, false],
      [3, 200, true],
    ]);
    const deliveries = since(from);
    expect(new Set(deliveries.map((d) => d.headers["x-shopify-webhook-id"])).size).toBe(1);
    expect(new Set(deliveries.map((d) => d.body)).size).toBe(1);
  });

  it("gives up after the last retry, every attempt recorded", async () => {
    answers.set("/webhooks/compliance", [500, 500, 500, 500]);
    const attempts = await emulator.deliverWebhook({
      shop,
      topic: "shop/redact",
      payload: { shop_id: 1, shop_domain: shop },
    });
    expect(attempts.map((a) => a.ok)).toEqual([false, false, false, false]);
    expect(attempts.at(-1)?.error).toBe("HTTP 500");
  });

  it("sends duplicates with the same webhook id when asked", async () => {
    const from = received.length;
    const attempts = await emulator.deliverWebhook({
      shop,
      topic: "app/uninstalled",
      payload: {},
      duplicates: 2,
      webhookId: "wh-dup",
    });
    expect(attempts.map((a) => a.copy)).toEqual([0, 1, 2]);
    expect(since(from).map((d) => d.headers["x-shopify-webhook-id"])).toEqual(["wh-dup", "wh-dup", "wh-dup"]);
  });

  it("delivers to subscriptions created through the API too", async () => {
    const token = emulator.issueAccessToken(shop);
    const uri = `${emulator.app.appUrl}/webhooks/products`;
    await fetch(`${emulator.url}/admin/api/2026-07/graphql.json`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-shopify-access-token": token, "x-shopify-shop-domain": shop },
      body: JSON.stringify({
        query: `mutation { webhookSubscriptionCreate(topic: PRODUCTS_UPDATE, webhookSubscription: { uri: "${uri}" }) { userErrors { message } } }`,
      }),
    });
    const from = received.length;
    await emulator.deliverWebhook({ shop, topic: "products/update", payload: { id: 1 } });
    expect(since(from).map((d) => d.path)).toEqual(["/webhooks/products"]);
  });

  it("can be triggered over HTTP, and refuses a topic nobody subscribed to", async () => {
    const response = await fetch(`${emulator.url}/_emulator/webhooks`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ shop, topic: "customers/data_request", payload: { shop_domain: shop } }),
    });
    expect(response.status).toBe(200);
    const { attempts } = (await response.json()) as { attempts: { url: string; ok: boolean }[] };
    expect(attempts).toEqual([
      expect.objectContaining({ url: `${emulator.app.appUrl}/webhooks/compliance`, ok: true }),
    ]);

    const unknown = await fetch(`${emulator.url}/_emulator/webhooks`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ shop, topic: "orders/create", payload: {} }),
    });
    expect(unknown.status).toBe(400);
  });
});

describe("the embedded admin page", () => {
  it("frames the app with the embedded parameters and a valid session token", async () => {
    const response = await fetch(emulator.adminUrl(shop));
    expect(response.status).toBe(200);
    const html = await response.text();
    const src = /<iframe[^>]*id="app-frame"[^>]*src="([^"]+)"/.exec(html)?.[1].replace(/&amp;/g, "&");
    expect(src).toBeDefined();
    const url = new URL(src!);
    expect(`${url.origin}${url.pathname}`).toBe(`${emulator.app.appUrl}/app`);
    const handle = shop.replace(".myshopify.com", "");
    expect(Object.fromEntries(url.searchParams)).toMatchObject({
      embedded: "1",
      shop,
      host: Buffer.from(`admin.shopify.com/store/${handle}`).toString("base64url"),
      locale: "en",
    });
    const [, payload, signature] = url.searchParams.get("id_token")!.split(".");
    const [header] = url.searchParams.get("id_token")!.split(".");
    expect(createHmac("sha256", SECRET).update(`${header}.${payload}`).digest("base64url")).toBe(signature);
    expect(JSON.parse(Buffer.from(payload, "base64url").toString())).toMatchObject({
      dest: `https://${shop}`,
      aud: "test-api-key",
    });
  });

  it("hands out fresh session tokens and serves the App Bridge stand-in", async () => {
    const { token } = (await fetch(`${emulator.adminUrl(shop)}/session-token`).then((r) => r.json())) as {
      token: string;
    };
    expect(token.split(".")).toHaveLength(3);
    const script = await fetch(`${emulator.url}/app-bridge.js`);
    expect(script.headers.get("content-type")).toContain("javascript");
    const source = await script.text();
    for (const api of ["idToken", "toast", "loading", "ui-nav-menu", "shopify-reload"]) expect(source).toContain(api);
  });
});
