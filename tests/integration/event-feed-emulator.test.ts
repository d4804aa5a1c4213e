// From the Shopify emulator to the ERP: the emulator (subscribed by the app's real shopify.app.toml)
// sends orders/create, fulfillments/create and /update, products/create and /update as Shopify would when an order is placed
// and fulfilled and a product is edited; the app's intake takes them over HTTP, the processor fans
// them out, and the test ERP receives Shopify's bodies in seed 001's shapes.
import http from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "~/db.server";
import { deliverDueEvents } from "~/event-feed/deliverer.server";
import { createEndpoint } from "~/event-feed/endpoints.server";
import { webhookAction } from "~/webhooks/receive.server";
import type { WebhookTopic } from "~/webhooks/topics";
import { processDueWebhooks } from "~/webhooks/processor.server";
import { startErpReceiver, type ErpReceiver } from "../../emulators/erp-receiver/index";
import { startShopifyEmulator, type ShopifyEmulator } from "../../emulators/shopify/index";
import { uniqueShop } from "../support/shops";

const shop = uniqueShop("feedemu");
let shopify: ShopifyEmulator;
let erp: ErpReceiver;
let app: http.Server;

beforeAll(async () => {
  // The app's webhook intake, served over HTTP the way the web server hands /webhooks/<topic> to it.
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
  shopify = await startShopifyEmulator({
    app: {
      apiKey: process.env.SHOPIFY_API_KEY!,
      apiSecret: process.env.SHOPIFY_API_SECRET!,
      appUrl: `http://127.0.0.1:${(app.address() as AddressInfo).port}`,
      tomlPath: path.resolve(import.meta.dirname, "../../shopify.app.toml"),
    },
    shops: [{ domain: shop, locations: [{ name: "Athens" }] }],
    webhookRetryDelaysMs: [50],
  });
  erp = await startErpReceiver();
});
afterAll(async () => {
  await shopify?.close();
  await erp?.close();
  await new Promise((resolve) => app?.close(resolve));
});

const control = async (route: string, body: unknown) => {
  const response = await fetch(`${shopify.url}/_emulator/shops/${shop}/${route}`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  expect(response.ok).toBe(true);
  return (await response.json()) as Record<string, unknown>;
};

describe("the emulator feeding the ERP", () => {
  it("sends orders/create, fulfillments/create and /update, products/create and /update with the seed's shapes to the ERP", async () => {
    await createEndpoint(db, shop, {
      name: "ERP orders",
      url: `${erp.url}/orders`,
      topics: ["orders/create", "fulfillments/create", "fulfillments/update"],
    });
    await createEndpoint(db, shop, {
      name: "ERP products",
      url: `${erp.url}/products`,
      topics: ["products/create", "products/update"],
    });

    const placed = await control("orders", {
      email: "jon@doe.ca",
      shippingAddress: { firstName: "Steve", lastName: "Shipper", city: "Athens", countryCode: "GR" },
      lineItems: [{ sku: "IPOD2008PINK", title: "IPod Nano - 8GB", quantity: 1, price: "199.00" }],
    });
    const orderId = Number(
      String((placed.order as { id: string }).id)
        .split("/")
        .pop(),
    );
    const fulfilled = await control(`orders/${orderId}/fulfill`, {});
    expect((fulfilled.fulfillmentAttempts as { status: number }[]).map((a) => a.status)).toEqual([200]);
    const fulfillmentId = Number(
      (fulfilled.order as { fulfillments: { id: string }[] }).fulfillments[0]!.id.split("/").pop(),
    );
    const tracked = await control(`orders/${orderId}/fulfillments/${fulfillmentId}/tracking`, {
      company: "ACS Courier",
      number: "7010456789",
    });
    expect((tracked.attempts as { status: number }[]).map((a) => a.status)).toEqual([200]);

    await control("products", { title: "Example T-Shirt", variants: [{ sku: "example-shirt-s", price: "19.99" }] });
    const state = (await (await fetch(`${shopify.url}/_emulator/shops/${shop}`)).json()) as {
      products: { id: string }[];
    };
    const productId = state.products[0]!.id.split("/").pop();
    await control(`products/${productId}/changed`, { title: "Example T-Shirt v2" });

    await processDueWebhooks({ db });
    await deliverDueEvents({ db });

    const got = erp.received.filter((r) => r.headers["x-event-shop"] === shop);
    // Different resources go side by side; an order's creation comes before its fulfillment.
    expect(got.map((r) => `${r.path} ${String(r.headers["x-event-topic"])}`).sort()).toEqual([
      "/orders fulfillments/create",
      "/orders fulfillments/update",
      "/orders orders/create",
      "/products products/create",
      "/products products/update",
    ]);
    const byTopic = (topic: string) => got.find((r) => r.headers["x-event-topic"] === topic)!;
    expect(got.indexOf(byTopic("orders/create"))).toBeLessThan(got.indexOf(byTopic("fulfillments/create")));
    expect(got.indexOf(byTopic("fulfillments/create"))).toBeLessThan(got.indexOf(byTopic("fulfillments/update")));
    expect(got.indexOf(byTopic("products/create"))).toBeLessThan(got.indexOf(byTopic("products/update")));
    const update = JSON.parse(byTopic("fulfillments/update").body.toString()) as Record<string, unknown>;
    expect(update).toMatchObject({
      id: fulfillmentId,
      order_id: orderId,
      tracking_company: "ACS Courier",
      tracking_number: "7010456789",
    });
    const created = JSON.parse(byTopic("products/create").body.toString()) as { title: string; variants: unknown[] };
    expect(created.title).toBe("Example T-Shirt");
    expect(Object.keys(created)).toEqual(
      expect.arrayContaining(["id", "title", "handle", "variants", "options", "created_at", "updated_at"]),
    );
    const fulfillment = JSON.parse(byTopic("fulfillments/create").body.toString()) as Record<string, unknown>;
    expect(fulfillment).toMatchObject({ order_id: orderId, status: "success", destination: { first_name: "Steve" } });
    expect(Object.keys(fulfillment)).toEqual(
      expect.arrayContaining(["tracking_number", "tracking_numbers", "line_items", "name", "email", "receipt"]),
    );
    const product = JSON.parse(byTopic("products/update").body.toString()) as {
      title: string;
      variants: { sku: string }[];
    };
    expect(product.title).toBe("Example T-Shirt v2");
    expect(product.variants[0]!.sku).toBe("example-shirt-s");
  });
});
