// A Tuyo sale recorded in Shopify (issue 18): POST /api/tuyo/orders and the Tuyo → Orders screen create
// a Shopify order tagged `tuyo` and `tuyo-<code>` with orderCreate (stock taken), which Shopify
// announces with orders/create like any order, so it goes on to the ERP. The emulator's webhooks reach
// the app's real intake (a server on the app's URL) and the processor runs their use-cases.
import http from "node:http";
import type net from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApiToken } from "~/api/tokens.server";
import { db } from "~/db.server";
import { sayIn } from "~/i18n/stored-words";
import { merchantMessageOf } from "~/lib/errors";
import { reportProgressOfWebhook } from "~/sync/listings/order-progress.server";
import { action as ordersApi } from "~/routes/api.tuyo.orders";
import { action as ordersScreen } from "~/routes/app.tuyo.orders";
import { installShopifyOriginOverride } from "~/shopify/api-origin.server";
import { handleWebhookRequest } from "~/webhooks/intake-http.server";
import { processDueWebhooks } from "~/webhooks/processor.server";
import { startShopifyEmulator, type ShopifyEmulator } from "../../emulators/shopify/index";
import { orderCreatePayload, ordersOf } from "../../emulators/shopify/orders";
import type { TuyoEmulator } from "../../emulators/tuyo/index";
import { stockLine, uniqueProduct, variantProduct } from "../../emulators/tuyo/test-kit";
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
  // Tuyo's side: the two products and the sales its buyers made.
  const gorra = uniqueProduct();
  (gorra.variants as { stock: unknown }[])[0]!.stock = [stockLine(10)];
  tuyo.seed({ products: [gorra, variantProduct()] });
  for (const [code, items] of [
    ["TY-1001", [{ sku: "ZAP-01-N", quantity: 2 }]],
    ["TY-1002", [{ sku: "32G4HJ32G4" }]],
    ["TY-1003", [{ sku: "ZAP-01-B" }]],
    ["TY-1004", [{ sku: "ZAP-01-N" }, { sku: "32G4HJ32G4" }]],
    ["TY-2001", [{ sku: "ZAP-01-N" }]],
  ] as const)
    tuyo.createOrder({ code, items: [...items] });
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
    // Found by its order (other tests' orders of this shop were queued within the same millisecond).
    const jobs = await db.job.findMany({ where: { shop, type: "orders.export" } });
    const params = jobs.map((j) => JSON.parse(j.paramsJson) as { shopifyOrderId?: string });
    expect(params.filter((p) => p.shopifyOrderId === sale.shopifyOrderId)).toHaveLength(1);

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

  it("refuses a sale Shopify cannot record in the French admin's words", async () => {
    const refused = (await ordersScreen({
      request: adminRequest(shop, "/app/tuyo/orders?locale=fr", {
        form: { intent: "record", code: "TY-1006", items: "ZAP-01-B 5" },
      }),
      params: {},
      context: {},
    })) as { ok: boolean; message: string; fieldErrors: Record<string, string> };
    // Shopify's own reason stays its words.
    expect(refused).toEqual({
      ok: false,
      message: "Shopify a refusé cette commande Tuyo.",
      fieldErrors: { items: expect.stringMatching(/not enough available/) },
    });
  });
});

describe("Tuyo hears how its orders progress in Shopify", () => {
  const orderCalls = () => tuyo.calls().filter((c) => /^\/api\/(update|change)_order\//.test(c.path));
  const tuyoStatus = (code: string) => tuyo.orders().find((o) => o.code === code)!.status;
  const history = (code: string) =>
    tuyo
      .orders()
      .find((o) => o.code === code)!
      .history.map((h) => [h.status, h.via]);
  const recorded = async (code: string, items: unknown[]) => {
    const before = received.length;
    const answer = (await (await record({ code, items })).json()) as { shopifyOrderId: string };
    await pollUntil(
      async () => received.length,
      (n) => n === before + 1,
    );
    const order = shopifyOrders().find((o) => `gid://shopify/Order/${o.id}` === answer.shopifyOrderId)!;
    return { order, payload: orderCreatePayload(shopify.store.shop(shop), order) };
  };

  it("an order with variants: Empaque when recorded, Ruta when fulfilled, each once despite repeats (change_order)", async () => {
    const start = orderCalls().length;
    const { order, payload } = await recorded("TY-2001", [{ sku: "ZAP-01-N", quantity: 1 }]);
    expect(tuyoStatus("TY-2001")).toBe("Empaque");
    // Shopify's orders/create, then orders/updated delivered three times: nothing new for Tuyo.
    await shopify.deliverWebhook({ shop, topic: "orders/updated", payload, duplicates: 2 });
    await processDueWebhooks({ db });
    expect(
      orderCalls()
        .slice(start)
        .map((c) => c.path),
    ).toEqual(["/api/change_order/TY-2001"]);

    // The merchant fulfills it: orders/fulfilled, fulfillments/create and orders/updated (twice) tell
    // the same change; Tuyo hears "Ruta" once.
    const fulfilled = await fetch(`${shopify.url}/_emulator/shops/${shop}/orders/${order.id}/fulfill`, {
      method: "POST",
    });
    expect(fulfilled.status).toBe(200);
    await shopify.deliverWebhook({
      shop,
      topic: "orders/updated",
      payload: { ...payload, fulfillment_status: "fulfilled" },
      duplicates: 1,
    });
    await processDueWebhooks({ db, concurrency: 4 });
    expect(
      orderCalls()
        .slice(start)
        .map((c) => c.path),
    ).toEqual(["/api/change_order/TY-2001", "/api/change_order/TY-2001"]);
    expect(history("TY-2001")).toEqual([
      ["Empaque", "change_order"],
      ["Ruta", "change_order"],
    ]);
    expect(tuyoStatus("TY-2001")).toBe("Ruta");
    expect(await db.tuyoOrder.findUnique({ where: { shop_code: { shop, code: "TY-2001" } } })).toMatchObject({
      reportedStatus: "Ruta",
    });
    const deliveries = await db.webhookDelivery.findMany({ where: { shop, status: { not: "processed" } } });
    expect(deliveries).toEqual([]);
  });

  it("a unique product's order cancelled in Shopify: Cancelada once (update_order/{sku}), even when Tuyo failed the first time", async () => {
    // update_order names the product, and Tuyo moves its latest order: this sale is the latest.
    tuyo.createOrder({ code: "TY-2002", items: [{ sku: "32G4HJ32G4" }] });
    const start = orderCalls().length;
    const { order, payload } = await recorded("TY-2002", [{ sku: "32G4HJ32G4" }]);
    await processDueWebhooks({ db });
    expect(tuyoStatus("TY-2002")).toBe("Empaque");

    // Tuyo is down when the cancellation arrives: the delivery fails and nothing is marked reported.
    tuyo.faults.add({ route: "/api/update_order/*", kind: "status", status: 500, count: 1 });
    const cancelled = await fetch(`${shopify.url}/_emulator/shops/${shop}/orders/${order.id}/cancel`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ duplicates: 2 }),
    });
    expect(cancelled.status).toBe(200);
    await processDueWebhooks({ db });
    expect(tuyoStatus("TY-2002")).toBe("Empaque");
    const failed = await db.webhookDelivery.findFirst({ where: { shop, topic: "orders/cancelled" } });
    expect(failed).toMatchObject({ status: "received", attempts: 1 });
    expect(failed!.error).toMatch(/Tuyo/);

    // Its retry, and orders/updated saying the same, send it once.
    await db.webhookDelivery.updateMany({ where: { shop, status: "received" }, data: { runAfter: new Date() } });
    await shopify.deliverWebhook({
      shop,
      topic: "orders/updated",
      payload: { ...payload, cancelled_at: new Date().toISOString() },
    });
    await processDueWebhooks({ db });
    expect(tuyoStatus("TY-2002")).toBe("Cancelada");
    expect(
      orderCalls()
        .slice(start)
        .map((c) => [c.path, c.status]),
    ).toEqual([
      ["/api/update_order/32G4HJ32G4", 200],
      ["/api/update_order/32G4HJ32G4", 500],
      ["/api/update_order/32G4HJ32G4", 200],
    ]);
    expect(history("TY-2002")).toEqual([
      ["Empaque", "update_order"],
      ["Cancelada", "update_order"],
    ]);
  });
  it("a process killed while telling Tuyo: its claim is taken over once stale and the change sent once", async () => {
    tuyo.createOrder({ code: "TY-2003", items: [{ sku: "ZAP-01-N", quantity: 1 }] });
    const { payload } = await recorded("TY-2003", [{ sku: "ZAP-01-N", quantity: 1 }]);
    expect(tuyoStatus("TY-2003")).toBe("Empaque");
    const start = orderCalls().length;
    const row = { shop_code: { shop, code: "TY-2003" } };

    // What a process SIGKILLed between its claim and Tuyo's answer leaves: "Ruta" claimed, never reported.
    await db.tuyoOrder.update({ where: row, data: { sendingStatus: "Ruta", sendingSince: new Date() } });
    const fulfilledPayload = { ...payload, fulfillment_status: "fulfilled" };
    await shopify.deliverWebhook({ shop, topic: "orders/updated", payload: fulfilledPayload });
    await processDueWebhooks({ db });
    // A live claim: another process is telling Tuyo, so nothing is sent twice.
    expect(orderCalls().slice(start)).toEqual([]);

    // The claim grows stale (the process died): the retry of the webhook sends "Ruta", once.
    await db.tuyoOrder.update({ where: row, data: { sendingSince: new Date(Date.now() - 6 * 60_000) } });
    await shopify.deliverWebhook({ shop, topic: "orders/updated", payload: fulfilledPayload, duplicates: 1 });
    await processDueWebhooks({ db, concurrency: 4 });
    expect(
      orderCalls()
        .slice(start)
        .map((c) => c.path),
    ).toEqual(["/api/change_order/TY-2003"]);
    expect(tuyoStatus("TY-2003")).toBe("Ruta");
    expect(await db.tuyoOrder.findUnique({ where: row })).toMatchObject({
      reportedStatus: "Ruta",
      sendingStatus: null,
      sendingSince: null,
    });
  });

  it("a change waiting for an earlier one on its way is said in the reader's language", async () => {
    const { payload } = await recorded("TY-2004", [{ sku: "32G4HJ32G4", quantity: 1 }]);
    const row = { shop_code: { shop, code: "TY-2004" } };
    // Another process is telling Tuyo "Empaque" right now; "Ruta" must follow it.
    await db.tuyoOrder.update({
      where: row,
      data: { reportedStatus: null, sendingStatus: "Empaque", sendingSince: new Date() },
    });
    const error = await reportProgressOfWebhook({ shop, db }, "orders/updated", {
      ...payload,
      fulfillment_status: "fulfilled",
    }).catch((e: unknown) => e);
    const message = merchantMessageOf(error)!;
    expect(sayIn(message, "en")).toBe(
      `Order progress not reported to Tuyo (Tuyo is being told the order's earlier progress; "Ruta" follows.)`,
    );
    expect(sayIn(message, "fr")).toBe(
      "Avancement de la commande non signalé à Tuyo (Tuyo reçoit l'avancement précédent de la commande ; « Ruta » suivra.)",
    );
    await db.tuyoOrder.update({ where: row, data: { sendingStatus: null, sendingSince: null } });
  });
});
