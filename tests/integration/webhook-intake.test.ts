// What the webhook routes accept and refuse. Every refusal is a 4xx with a JSON { error } body and
// records nothing; an accepted delivery is recorded and answered without running its use-case.
import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { db } from "~/db.server";
import { action as redactAction, loader as redactLoader } from "~/routes/webhooks.shop.redact";
import { action as customerRedactAction } from "~/routes/webhooks.customers.redact";
import { action as dataRequestAction } from "~/routes/webhooks.customers.data_request";
import { loader as unknownTopicLoader } from "~/routes/webhooks.$";
import { processDueWebhooks } from "~/webhooks/processor.server";
import { DeliveryRecorder } from "~/webhooks/record.server";
import { respond, webhookRequest } from "../support/webhooks";
import { uniqueShop } from "../support/shops";

type Action = typeof redactAction;
const call = (action: Action, request: Request) =>
  respond(() => action({ request, params: {}, context: {} }) as Promise<Response>);

async function expectRefused(response: Response, status: number, shop: string) {
  expect(response.status).toBe(status);
  expect(response.headers.get("content-type")).toContain("application/json");
  const body = (await response.json()) as { error?: unknown };
  expect(typeof body.error).toBe("string");
  expect(await db.webhookDelivery.count({ where: { shop } })).toBe(0);
}

/** A request body that produces `total` bytes lazily and counts how many were pulled. */
function countingBody(total: number) {
  const chunk = new Uint8Array(64 * 1024).fill(0x20);
  const state = { pulled: 0 };
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (state.pulled >= total) return controller.close();
      state.pulled += chunk.byteLength;
      controller.enqueue(chunk);
    },
  });
  return { stream, state };
}

describe("webhook intake", () => {
  it("answers 400 to a signed body that is JSON but not an object (null, [], a string, a number)", async () => {
    const shop = uniqueShop();
    for (const rawBody of ["null", "[]", '"x"', "42"]) {
      const response = await call(
        dataRequestAction,
        webhookRequest({ topic: "customers/data_request", shop, payload: null, rawBody }),
      );
      await expectRefused(response, 400, shop);
    }
  });

  it("answers 400 when the topic header does not match the address, and records nothing", async () => {
    const shop = uniqueShop();
    const response = await call(
      redactAction,
      webhookRequest({
        topic: "customers/redact",
        shop,
        path: "/webhooks/shop/redact",
        payload: { shop_domain: shop, customer: { id: 1 } },
      }),
    );
    await expectRefused(response, 400, shop);
    expect(await db.complianceRequest.count({ where: { shop } })).toBe(0);
  });

  it("answers 415 to a body that is not application/json", async () => {
    const shop = uniqueShop();
    const response = await call(
      redactAction,
      webhookRequest({ topic: "shop/redact", shop, payload: null, rawBody: "<shop/>", contentType: "text/xml" }),
    );
    await expectRefused(response, 415, shop);
  });

  it("answers 413 to an oversized body without reading it all", async () => {
    const shop = uniqueShop();
    const { stream, state } = countingBody(20 * 1024 * 1024);
    const request = new Request("http://127.0.0.1:3999/webhooks/shop/redact", {
      method: "POST",
      body: stream,
      duplex: "half", // Node's fetch needs it for a streamed body
      headers: {
        "content-type": "application/json",
        "x-shopify-topic": "shop/redact",
        "x-shopify-hmac-sha256": createHmac("sha256", "whatever").update("").digest("base64"),
        "x-shopify-shop-domain": shop,
        "x-shopify-webhook-id": `big-${shop}`,
      },
    });
    await expectRefused(await call(redactAction, request), 413, shop);
    expect(state.pulled).toBeLessThan(4 * 1024 * 1024);
  });

  it("answers 405 with JSON to GET and PUT; 404 with JSON under /webhooks for an unknown topic", async () => {
    const shop = uniqueShop();
    const get = redactLoader();
    await expectRefused(get, 405, shop);
    expect(get.headers.get("allow")).toBe("POST");
    const put = await call(redactAction, webhookRequest({ topic: "shop/redact", shop, payload: {}, method: "PUT" }));
    await expectRefused(put, 405, shop);
    const unknown = unknownTopicLoader();
    await expectRefused(unknown, 404, shop);
  });

  it("answers 401 with JSON to a bad signature", async () => {
    const shop = uniqueShop();
    const response = await call(
      redactAction,
      webhookRequest({ topic: "shop/redact", shop, payload: { shop_domain: shop }, secret: "not-the-secret" }),
    );
    await expectRefused(response, 401, shop);
  });

  it("acknowledges by recording the delivery only; the processor then runs the use-case once", async () => {
    const shop = uniqueShop();
    const webhookId = `ack-${shop}`;
    const payload = { shop_domain: shop, customer: { id: 42, email: "ack@example.com" }, orders_to_redact: [] };
    const response = await call(
      customerRedactAction,
      webhookRequest({ topic: "customers/redact", shop, webhookId, payload }),
    );
    expect(response.status).toBe(200);
    const recorded = await db.webhookDelivery.findUniqueOrThrow({ where: { webhookId } });
    expect(recorded).toMatchObject({ status: "received", topic: "customers/redact", attempts: 0 });
    expect(JSON.parse(recorded.payloadJson)).toEqual(payload);
    expect(await db.complianceRequest.count({ where: { shop } })).toBe(0);

    await processDueWebhooks({ db });
    expect(await db.webhookDelivery.findUniqueOrThrow({ where: { webhookId } })).toMatchObject({
      status: "processed",
      attempts: 1,
      leaseOwner: null,
    });
    expect(await db.complianceRequest.count({ where: { shop, topic: "customers/redact" } })).toBe(1);
  });

  it("records a burst whose repeats arrive in the opposite order while the first are being written: each once, none refused", async () => {
    // Several statements are in flight at once on PostgreSQL; ids shared by two of them in opposite
    // orders would deadlock one (and refuse its deliveries) unless each statement writes in id order.
    const shop = uniqueShop();
    const recorder = new DeliveryRecorder(db);
    const at = new Date();
    const ids = Array.from({ length: 150 }, (_, n) => `${shop}-${String(n).padStart(3, "0")}`);
    // Large rows keep each statement busy long enough for the two to run side by side.
    const payloadJson = JSON.stringify({ note: "x".repeat(50_000) });
    const row = (webhookId: string) => ({ webhookId, shop, topic: "orders/create", payloadJson });
    const inserted = await Promise.all([...ids, ...ids.toReversed()].map((id) => recorder.record(row(id), at)));
    expect(inserted.filter(Boolean)).toHaveLength(ids.length);
    expect(await db.webhookDelivery.count({ where: { shop } })).toBe(ids.length);
  });
});
