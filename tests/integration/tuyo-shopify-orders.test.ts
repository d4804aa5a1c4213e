// A Tuyo sale recorded in Shopify (issue 18): POST /api/tuyo/orders and the Tuyo → Orders screen create
// a Shopify order tagged `tuyo` and `tuyo-<code>` with orderCreate (stock taken), which Shopify
// announces with orders/create like any order, so it goes on to the ERP. The emulator's webhooks reach
// the app's real intake (a server on the app's URL) and the processor runs their use-cases.
import http from "node:http";
import type net from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApiToken } from "~/api/tokens.server";
import { db } from "~/db.server";
import { action as ordersApi } from "~/routes/api.tuyo.orders";
import { action as ordersScreen } from "~/routes/app.tuyo.orders";
import { installShopifyOriginOverride } from "~/shopify/api-origin.server";
import { handleWebhookRequest } from "~/webhooks/intake-http.server";
import { processDueWebhooks } from "~/webhooks/processor.server";
import { startShopifyEmulator, type ShopifyEmulator } from "../../emulators/shopify/index";
import { ordersOf } from "../../emulators/shopify/orders";
import type { TuyoEmulator } from "../../emulators/tuyo/index";
import { adminRequest, installShop } from "../support/admin-request";
import { pollUntil, shopifyClient } from "../support/shopify-emulator-client";
import { uniqueShop } from "../support/shops";
import { setUpTuyo, startTuyo } from "./tuyo-harness";

const shop = uniqueShop("tuyosale");
let shopify: ShopifyEmulator;
let tuyo: TuyoEmulator;
let app: http.Server;
let token: string;
const received: { topic: string; webhookId: string }[] = [];

beforeAll(async () => {
  // The app's URL: its webhook intake, as the web process runs it.
  app = http.createServer((req, res) => {
    if (handleWebhookRequest(req, res))
      received.push({
        topic: req.url!.slice("/webhooks/".length),
        webhookId: String(req.headers["x-shopify-webhook-id"]),
      });
    else res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => app.listen(0, "127.0.0.1", resolve));
  shopify = await startShopifyEmulator({
    app: {
      apiKey: process.env.SHOPIFY_API_KEY!,
      apiSecret: process.env.SHOPIFY_API_SECRET!,
      appUrl: `http://127.0.0.1:${(app.address() as net.AddressInfo).port}`,
      tomlPath: "shopify.app.toml",
    },
    webhookRetryDelaysMs: [],
    shops: [
      {
        domain: shop,
        locations: [{ name: "Bodega" }],
        products: [
          {
            title: "Nike AIR",
            options: [
              { name: "Talla", values: ["8"] },
              { name: "Color", values: ["Negro", "Blanco"] },
            ],
            variants: [
              { sku: "ZAP-01-N", price: "85.99", options: { Talla: "8", Color: "Negro" }, inventory: { Bodega: 5 } },
              { sku: "ZAP-01-B", price: "85.99", options: { Talla: "8", Color: "Blanco" }, inventory: { Bodega: 1 } },
            ],
          },
          { title: "Gorra", variants: [{ sku: "32G4HJ32G4", price: "10", inventory: { Bodega: 4 } }] },
        ],
      },
    ],
  });
  installShopifyOriginOverride(shopify.url);
  tuyo = await startTuyo();
  await installShop(shop);
  await db.session.update({ where: { id: `offline_${shop}` }, data: { accessToken: shopify.issueAccessToken(shop) } });
  await setUpTuyo(shop, tuyo);
  token = (await createApiToken(shop, "ERP")).token;
  // What publishing remembered of the two products.
  await db.tuyoListing.createMany({
    data: [
      {
        shop,
        shopifyProductId: "gid://shopify/Product/1",
        tuyoSku: "32G4HJ32G4",
        state: "listed",
        variantsJson: JSON.stringify([{ sku: "32G4HJ32G4", values: "Unico", stock: 4 }]),
      },
      {
        shop,
        shopifyProductId: "gid://shopify/Product/2",
        tuyoSku: "ZAP-01",
        state: "listed",
        variantsJson: JSON.stringify([
          { sku: "ZAP-01-N", values: "8,Negro", stock: 5 },
          { sku: "ZAP-01-B", values: "8,Blanco", stock: 1 },
        ]),
      },
    ],
  });
});

afterAll(async () => {
  await Promise.all([tuyo?.close(), shopify?.close(), new Promise((resolve) => app?.close(resolve))]);
});

const record = (json: unknown) =>
  ordersApi({
    request: new Request(`${process.env.SHOPIFY_APP_URL}/api/tuyo/orders`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
      body: JSON.stringify(json),
    }),
    params: {},
    context: {},
  }) as Promise<Response>;
const shopifyOrders = () => [...ordersOf(shopify.store.shop(shop)).orders.values()];
const stock = (sku: string) => {
  const s = shopify.store.shop(shop);
  const variant = [...s.variants.values()].find((v) => v.sku === sku)!;
  const level = [...s.inventoryLevels.values()].find((l) => l.inventoryItemId === variant.inventoryItemId)!;
  return { available: level.quantities.available ?? 0, committed: level.quantities.committed ?? 0 };
};

describe("orderCreate in the Shopify emulator", () => {
  it("leaves stock alone by default (BYPASS) and refuses what is not available when told to obey the policy", async () => {
    const client = shopifyClient(shopify, shop);
    const variantId = `gid://shopify/ProductVariant/${[...shopify.store.shop(shop).variants.values()].find((v) => v.sku === "ZAP-01-B")!.id}`;
    const create = `mutation C($order: OrderCreateOrderInput!, $options: OrderCreateOptionsInput) {
      orderCreate(order: $order, options: $options) { order { id tags displayFulfillmentStatus } userErrors { field message code } } }`;
    const before = shopifyOrders().length;
    const bypass = await client.gql(create, { order: { lineItems: [{ variantId, quantity: 3 }], tags: ["pos"] } });
    expect(bypass.data.orderCreate).toMatchObject({
      order: { tags: ["pos"], displayFulfillmentStatus: "UNFULFILLED" },
    });
    expect(stock("ZAP-01-B")).toEqual({ available: 1, committed: 0 });

    const tooMany = await client.gql(create, {
      order: { lineItems: [{ variantId, quantity: 2 }] },
      options: { inventoryBehaviour: "DECREMENT_OBEYING_POLICY" },
    });
    expect(tooMany.data.orderCreate.order).toBeNull();
    expect(tooMany.data.orderCreate.userErrors[0]).toMatchObject({ code: "INVENTORY_CLAIM_FAILED" });
    const unknown = await client.gql(create, {
      order: { lineItems: [{ variantId: "gid://shopify/ProductVariant/1", quantity: 1 }] },
    });
    expect(unknown.data.orderCreate.userErrors[0]).toMatchObject({
      code: "INVALID",
      field: ["order", "lineItems", "0", "variantId"],
    });
    expect(shopifyOrders().length).toBe(before + 1);
    // The BYPASS order was announced like any order.
    await pollUntil(
      async () => received.filter((r) => r.topic === "orders/create").length,
      (n) => n === 1,
    );
  });
});

describe("recording a Tuyo sale in Shopify", () => {
  it("creates an order tagged tuyo with the code, takes the stock, and sends it on like any order", async () => {
    const sent = received.length;
    const response = await record({ code: "TY-1001", items: [{ sku: "ZAP-01-N", quantity: 2 }] });
    expect(response.status).toBe(201);
    const sale = (await response.json()) as { shopifyOrderId: string; shopifyOrderName: string; kind: string };
    expect(sale).toMatchObject({
      kind: "variants",
      shopifyOrderId: expect.stringMatching(/^gid:\/\/shopify\/Order\/\d+$/),
    });

    const order = shopifyOrders().find((o) => `gid://shopify/Order/${o.id}` === sale.shopifyOrderId)!;
    expect(order.tags).toEqual(["tuyo", "tuyo-TY-1001"]);
    expect(order.lines.map((l) => [l.sku, l.quantity])).toEqual([["ZAP-01-N", 2]]);
    expect(stock("ZAP-01-N")).toEqual({ available: 3, committed: 2 });

    // Shopify's orders/create reached the app's intake; processing it queues the order's export.
    await pollUntil(
      async () => received.length,
      (n) => n === sent + 1,
    );
    expect(received.at(-1)!.topic).toBe("orders/create");
    await processDueWebhooks({ db });
    const exported = await db.orderExport.findFirst({ where: { shop, shopifyOrderId: sale.shopifyOrderId } });
    expect(exported).toMatchObject({ shopifyOrderName: order.name });
    const job = await db.job.findFirst({ where: { shop, type: "orders.export" }, orderBy: { createdAt: "desc" } });
    expect(JSON.parse(job!.paramsJson)).toMatchObject({ shopifyOrderId: sale.shopifyOrderId });

    // The same code again: refused, nothing more in Shopify.
    const again = await record({ code: "TY-1001", items: [{ sku: "ZAP-01-N", quantity: 2 }] });
    expect(again.status).toBe(422);
    expect(shopifyOrders().filter((o) => o.tags.includes("tuyo-TY-1001"))).toHaveLength(1);
  });

  it("adopts the order when a recording stopped after Shopify created it, instead of creating it twice", async () => {
    const first = (await (await record({ code: "TY-1002", items: [{ sku: "32G4HJ32G4" }] })).json()) as {
      shopifyOrderId: string;
    };
    // As if the process died between Shopify's answer and keeping the order's id.
    await db.tuyoOrder.update({ where: { shop_code: { shop, code: "TY-1002" } }, data: { shopifyOrderId: null } });
    const again = await record({ code: "TY-1002", items: [{ sku: "32G4HJ32G4" }] });
    expect(again.status).toBe(201);
    expect(await again.json()).toMatchObject({ shopifyOrderId: first.shopifyOrderId, kind: "unique" });
    expect(shopifyOrders().filter((o) => o.tags.includes("tuyo-TY-1002"))).toHaveLength(1);
    expect(stock("32G4HJ32G4")).toEqual({ available: 3, committed: 1 });
  });

  it("refuses a sale Shopify has no stock for, with the reason, and takes it once stock is there", async () => {
    const response = await record({ code: "TY-1003", items: [{ sku: "ZAP-01-B", quantity: 5 }] });
    expect(response.status).toBe(422);
    const body = (await response.json()) as { error: string; fieldErrors: Record<string, string> };
    expect(body.fieldErrors.items).toMatch(/not enough available/);
    expect(shopifyOrders().filter((o) => o.tags.includes("tuyo-TY-1003"))).toHaveLength(0);
    // The merchant corrects the quantity and sends the same code again.
    expect((await record({ code: "TY-1003", items: [{ sku: "ZAP-01-B", quantity: 1 }] })).status).toBe(201);
    expect(stock("ZAP-01-B")).toEqual({ available: 0, committed: 1 });
  });

  it("records a sale from the Tuyo → Orders screen (one item per line)", async () => {
    const answer = (await ordersScreen({
      request: adminRequest(shop, "/app/tuyo/orders", {
        form: { intent: "record", code: "TY-1004", items: "ZAP-01-N 1\n32G4HJ32G4" },
      }),
      params: {},
      context: {},
    })) as { ok: boolean; message: string };
    expect(answer).toMatchObject({
      ok: true,
      message: expect.stringMatching(/^Tuyo order TY-1004 recorded as Shopify order #\d+\.$/),
    });
    const order = shopifyOrders().find((o) => o.tags.includes("tuyo-TY-1004"))!;
    expect(order.lines.map((l) => [l.sku, l.quantity])).toEqual([
      ["ZAP-01-N", 1],
      ["32G4HJ32G4", 1],
    ]);
    const refused = (await ordersScreen({
      request: adminRequest(shop, "/app/tuyo/orders", { form: { intent: "record", code: "TY-1005", items: "NOPE 1" } }),
      params: {},
      context: {},
    })) as { ok: boolean; fieldErrors: Record<string, string> };
    expect(refused).toMatchObject({ ok: false, fieldErrors: { "items[0].sku": expect.stringContaining("NOPE") } });
  });
});
