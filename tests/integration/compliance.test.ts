import { describe, expect, it } from "vitest";
import { db } from "~/db.server";
import { action as dataRequest } from "~/routes/webhooks.customers.data_request";
import { action as customerRedact } from "~/routes/webhooks.customers.redact";
import { action as shopRedact } from "~/routes/webhooks.shop.redact";
import { deliverAndProcess, webhookRequest } from "../support/webhooks";
import { uniqueShop } from "../support/shops";

type Action = typeof dataRequest;
const call = (action: Action, request: Request) =>
  deliverAndProcess(() => action({ request, params: {}, context: {} }) as Promise<Response>);

const alice = { id: 7001, email: "alice@example.com", phone: "+33600000001" };
const bob = { id: 7002, email: "bob@example.com", phone: null };

function orderPayload(id: number, customer: typeof alice | typeof bob) {
  return {
    id,
    name: `#${id}`,
    email: customer.email,
    customer: { id: customer.id, email: customer.email },
    line_items: [{ id: 1, sku: "A|B|C" }],
  };
}

async function shopWithOrders() {
  const shop = uniqueShop();
  await db.shop.create({ data: { domain: shop } });
  for (const [id, customer] of [
    [9001, alice],
    [9002, bob],
    [9003, alice],
  ] as const) {
    await db.webhookDelivery.create({
      data: {
        webhookId: `orders-${shop}-${id}`,
        shop,
        topic: "orders/create",
        status: "processed",
        payloadJson: JSON.stringify(orderPayload(id, customer)),
      },
    });
  }
  return shop;
}

describe("compliance webhooks", () => {
  it("customers/data_request gathers exactly the customer's records", async () => {
    const shop = await shopWithOrders();
    const payload = {
      shop_id: 1,
      shop_domain: shop,
      customer: alice,
      orders_requested: [9001, 9003],
      data_request: { id: 55 },
    };
    expect((await call(dataRequest, webhookRequest({ topic: "customers/data_request", shop, payload }))).status).toBe(
      200,
    );

    const request = await db.complianceRequest.findFirstOrThrow({ where: { shop, topic: "customers/data_request" } });
    const result = JSON.parse(request.resultJson) as {
      dataRequestId: number;
      found: { webhookDeliveries: { payload: { id: number } }[] };
    };
    expect(result.dataRequestId).toBe(55);
    expect(result.found.webhookDeliveries.map((d) => d.payload.id).sort()).toEqual([9001, 9003]);
    expect(request.email).toBe(alice.email);
  });

  it("customers/redact erases the customer's data and keeps everyone else's", async () => {
    const shop = await shopWithOrders();
    const payload = { shop_id: 1, shop_domain: shop, customer: alice, orders_to_redact: [9001, 9003] };
    expect((await call(customerRedact, webhookRequest({ topic: "customers/redact", shop, payload }))).status).toBe(200);

    const orders = await db.webhookDelivery.findMany({
      where: { shop, topic: "orders/create" },
      orderBy: { webhookId: "asc" },
    });
    const texts = orders.map((o) => o.payloadJson);
    expect(texts.filter((t) => t.includes(alice.email))).toHaveLength(0);
    expect(texts.filter((t) => t.includes(bob.email))).toHaveLength(1);
    expect(texts.filter((t) => t === JSON.stringify({ redacted: true }))).toHaveLength(2);
    const record = await db.complianceRequest.findFirstOrThrow({ where: { shop, topic: "customers/redact" } });
    expect(record.email).toBeNull();
  });

  it("customers/redact also empties an earlier data-request export about that customer", async () => {
    const shop = await shopWithOrders();
    await call(
      dataRequest,
      webhookRequest({
        topic: "customers/data_request",
        shop,
        payload: { shop_domain: shop, customer: alice, orders_requested: [] },
      }),
    );
    await call(
      customerRedact,
      webhookRequest({
        topic: "customers/redact",
        shop,
        payload: { shop_domain: shop, customer: alice, orders_to_redact: [] },
      }),
    );
    const exports = await db.complianceRequest.findMany({ where: { shop, topic: "customers/data_request" } });
    expect(exports.every((e) => !e.resultJson.includes(alice.email))).toBe(true);
  });

  it("shop/redact erases everything held for the shop, and only that shop", async () => {
    const shop = await shopWithOrders();
    const other = await shopWithOrders();
    await db.connectorSetting.create({ data: { shop, connector: "fastmag", configJson: "{}" } });
    await db.session.create({ data: { id: `offline_${shop}`, shop, state: "", accessToken: "t" } });

    expect(
      (
        await call(
          shopRedact,
          webhookRequest({ topic: "shop/redact", shop, payload: { shop_id: 1, shop_domain: shop } }),
        )
      ).status,
    ).toBe(200);

    expect(await db.shop.count({ where: { domain: shop } })).toBe(0);
    expect(await db.webhookDelivery.count({ where: { shop } })).toBe(0);
    expect(await db.connectorSetting.count({ where: { shop } })).toBe(0);
    expect(await db.session.count({ where: { shop } })).toBe(0);
    expect(await db.webhookDelivery.count({ where: { shop: other } })).toBe(3);
  });

  it("erases the event feed's copies: a customer's order events on customers/redact, everything on shop/redact", async () => {
    const shop = await shopWithOrders();
    const endpoint = await db.feedEndpoint.create({
      data: { shop, name: "ERP", url: "https://erp.example/hook", topicsJson: "[]", secretCiphertext: "x" },
    });
    for (const [id, customer] of [
      [9001, alice],
      [9002, bob],
    ] as const) {
      const event = await db.feedEvent.create({
        data: {
          id: `feed-${shop}-${id}`,
          shop,
          topic: "orders/create",
          resourceKey: `order ${id}`,
          apiVersion: "2026-07",
          occurredAt: new Date(),
          body: JSON.stringify(orderPayload(id, customer)),
        },
      });
      const delivery = await db.feedDelivery.create({
        data: {
          shop,
          endpointId: endpoint.id,
          eventId: event.id,
          topic: event.topic,
          resourceKey: event.resourceKey,
          occurredAt: event.occurredAt,
        },
      });
      await db.feedAttempt.create({ data: { deliveryId: delivery.id, at: new Date(), ms: 5, outcome: "retry" } });
    }

    const found = await call(
      dataRequest,
      webhookRequest({
        topic: "customers/data_request",
        shop,
        payload: { shop_domain: shop, customer: alice, orders_requested: [9001], data_request: { id: 1 } },
      }),
    );
    expect(found.status).toBe(200);
    const request = await db.complianceRequest.findFirstOrThrow({ where: { shop, topic: "customers/data_request" } });
    const events = (JSON.parse(request.resultJson) as { found: { eventFeed: { body: { id: number } }[] } }).found
      .eventFeed;
    expect(events.map((e) => e.body.id)).toEqual([9001]);

    await call(
      customerRedact,
      webhookRequest({
        topic: "customers/redact",
        shop,
        payload: { shop_domain: shop, customer: alice, orders_to_redact: [9001] },
      }),
    );
    expect((await db.feedEvent.findMany({ where: { shop } })).map((e) => e.resourceKey)).toEqual(["order 9002"]);
    expect(await db.feedDelivery.count({ where: { shop } })).toBe(1);
    expect(await db.feedAttempt.count({ where: { delivery: { shop } } })).toBe(1);

    await call(shopRedact, webhookRequest({ topic: "shop/redact", shop, payload: { shop_id: 1, shop_domain: shop } }));
    expect(await db.feedEvent.count({ where: { shop } })).toBe(0);
    expect(await db.feedDelivery.count({ where: { shop } })).toBe(0);
    expect(await db.feedEndpoint.count({ where: { shop } })).toBe(0);
  });

  it("compliance topics answer 401 to a bad signature", async () => {
    const shop = await shopWithOrders();
    for (const [action, topic] of [
      [dataRequest, "customers/data_request"],
      [customerRedact, "customers/redact"],
      [shopRedact, "shop/redact"],
    ] as const) {
      const response = await call(
        action,
        webhookRequest({ topic, shop, payload: { shop_domain: shop, customer: alice }, secret: "wrong" }),
      );
      expect(response.status).toBe(401);
    }
    expect(await db.webhookDelivery.count({ where: { shop } })).toBe(3);
    expect(await db.complianceRequest.count({ where: { shop } })).toBe(0);
  });
});
