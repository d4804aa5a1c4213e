// An install without the Shopify CLI: no shopify.app.toml subscriptions, so the app subscribes the shop
// to the event feed's topics through the Admin API at install (the Shopify emulator keeps them and
// delivers to them, as Shopify does). Opening the app again adds nothing.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "~/db.server";
import { createEndpoint } from "~/event-feed/endpoints.server";
import { subscribeAtInstall } from "~/event-feed/subscriptions.server";
import { installShopifyOriginOverride } from "~/shopify/api-origin.server";
import { webhookAction } from "~/webhooks/receive.server";
import type { WebhookTopic } from "~/webhooks/topics";
import { startShopifyEmulator, type ShopifyEmulator } from "../../emulators/shopify/index";
import { pollUntil, shopifyClient } from "../support/shopify-emulator-client";
import { uniqueShop } from "../support/shops";

const shop = uniqueShop("feedsubs");
let shopify: ShopifyEmulator;
let app: http.Server;
let appUrl: string;

beforeAll(async () => {
  app = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const topic = (req.url ?? "").replace(/^\/webhooks\//, "");
      const headers = Object.entries(req.headers).map(([k, v]) => [k, String(v)] as [string, string]);
      const request = new Request(`http://127.0.0.1${req.url}`, {
        method: "POST",
        headers,
        body: Buffer.concat(chunks),
      });
      webhookAction(topic as WebhookTopic)({ request, params: {}, context: {} })
        .catch((thrown: unknown) => (thrown instanceof Response ? thrown : new Response(null, { status: 500 })))
        .then((answer) => res.writeHead(answer.status).end())
        .catch(() => res.writeHead(500).end());
    });
  });
  await new Promise<void>((resolve) => app.listen(0, "127.0.0.1", resolve));
  appUrl = `http://127.0.0.1:${(app.address() as AddressInfo).port}`;
  // No tomlPath: the app's configuration is not deployed, Shopify knows no app-wide subscription.
  shopify = await startShopifyEmulator({
    app: { apiKey: process.env.SHOPIFY_API_KEY!, apiSecret: process.env.SHOPIFY_API_SECRET!, appUrl },
    shops: [{ domain: shop, locations: [{ name: "Athens" }] }],
    webhookRetryDelaysMs: [50],
  });
  installShopifyOriginOverride(shopify.url);
});
afterAll(async () => {
  await shopify?.close();
  await new Promise((resolve) => app?.close(resolve));
});

describe("event feed subscriptions at install", () => {
  it("subscribes the shop to the feed's topics once, and Shopify's events then reach the feed", async () => {
    const session = { shop, accessToken: shopify.issueAccessToken(shop) };
    const first = await subscribeAtInstall(session, `${appUrl}/`);
    expect(first).toEqual({
      created: ["orders/create", "fulfillments/create", "fulfillments/update", "products/create", "products/update"],
      alreadySubscribed: [],
    });
    const again = await subscribeAtInstall(session, appUrl);
    expect(again?.created).toEqual([]);
    expect(again?.alreadySubscribed).toHaveLength(5);

    const admin = shopifyClient(shopify, shop);
    const listed = await admin.gql(`{ webhookSubscriptions(first: 20) { nodes { topic uri } } }`);
    expect(listed.data.webhookSubscriptions.nodes).toEqual(
      expect.arrayContaining([{ topic: "PRODUCTS_CREATE", uri: `${appUrl}/webhooks/products/create` }]),
    );
    expect(listed.data.webhookSubscriptions.nodes).toHaveLength(5);

    await createEndpoint(db, shop, {
      name: "ERP products",
      url: "https://erp.example/products",
      topics: ["products/update"],
    });
    expect((await admin.control("products", { title: "Tee", variants: [{ sku: "tee-s", price: "9.00" }] })).ok).toBe(
      true,
    );
    const state = (await (await fetch(`${shopify.url}/_emulator/shops/${shop}`)).json()) as {
      products: { id: string }[];
    };
    const productId = state.products[0]!.id.split("/").pop();
    expect((await admin.control(`products/${productId}/changed`, { title: "Tee v2" })).ok).toBe(true);
    const queued = await pollUntil(
      () => db.feedDelivery.findMany({ where: { shop } }),
      (rows) => rows.length === 1,
    );
    expect(queued[0]!.topic).toBe("products/update");
  });

  it("never fails the install when Shopify refuses (a warning, tried again next time)", async () => {
    expect(await subscribeAtInstall({ shop, accessToken: "shpat_wrong" }, appUrl)).toBeNull();
  });
});
