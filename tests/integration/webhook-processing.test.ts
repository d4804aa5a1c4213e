// Recorded webhooks are processed even when the first attempt was interrupted: Shopify's next
// delivery of an unprocessed one makes it due, an expired claim (its process died) is swept up,
// failures retry with backoff and show why, and a SIGKILLed processor loses and doubles nothing.
import { describe, expect, it } from "vitest";
import { db } from "~/db.server";
import { action as dataRequestAction } from "~/routes/webhooks.customers.data_request";
import { action as ordersCreateAction } from "~/routes/webhooks.orders.create";
import { processDueWebhooks } from "~/webhooks/processor.server";
import { spawnTsx, stopGracefully, type SpawnedProcess } from "../support/jobs-processes";
import { respond, webhookRequest } from "../support/webhooks";
import { uniqueShop } from "../support/shops";

const deliver = (action: typeof dataRequestAction, request: Request) =>
  respond(() => action({ request, params: {}, context: {} }) as Promise<Response>);

const dataRequest = (shop: string, customerId: number) => ({
  shop_domain: shop,
  customer: { id: customerId, email: `customer-${customerId}@example.com` },
  orders_requested: [],
  data_request: { id: customerId },
});

/** A delivery as an interrupted attempt leaves it, written the way the route records one. */
async function leftBehind(shop: string, data: { status: string; [field: string]: unknown }) {
  const webhookId = `left-${shop}-${data.status}`;
  await db.webhookDelivery.create({
    data: {
      webhookId,
      shop,
      topic: "customers/data_request",
      payloadJson: JSON.stringify(dataRequest(shop, 7)),
      ...data,
    },
  });
  return webhookId;
}

const deliverAgain = (shop: string, webhookId: string) =>
  deliver(
    dataRequestAction,
    webhookRequest({ topic: "customers/data_request", shop, webhookId, payload: dataRequest(shop, 7) }),
  );

describe("webhook processing", () => {
  it("processes a delivery left unprocessed when Shopify delivers it again", async () => {
    const shop = uniqueShop();
    // Recorded, then the process died before the use-case ran.
    const webhookId = await leftBehind(shop, { status: "received" });
    expect((await deliverAgain(shop, webhookId)).status).toBe(200);
    await processDueWebhooks({ db });
    expect((await db.webhookDelivery.findUniqueOrThrow({ where: { webhookId } })).status).toBe("processed");
    expect(await db.complianceRequest.count({ where: { shop, topic: "customers/data_request" } })).toBe(1);
  });

  it("gives a delivery that ended failed another attempt when Shopify delivers it again", async () => {
    const shop = uniqueShop();
    const webhookId = await leftBehind(shop, { status: "failed", attempts: 8, error: "database busy" });
    await processDueWebhooks({ db });
    expect((await db.webhookDelivery.findUniqueOrThrow({ where: { webhookId } })).status).toBe("failed");

    const again = await deliverAgain(shop, webhookId);
    expect(again.status).toBe(200);
    await processDueWebhooks({ db });
    expect(await db.webhookDelivery.findUniqueOrThrow({ where: { webhookId } })).toMatchObject({
      status: "processed",
      error: null,
    });
    expect(await db.complianceRequest.count({ where: { shop } })).toBe(1);
  });

  it("sweeps up a delivery whose processor died (expired claim), not one still being worked on", async () => {
    const shop = uniqueShop();
    const past = new Date(Date.now() - 60_000);
    const webhookId = await leftBehind(shop, {
      status: "processing",
      attempts: 1,
      leaseOwner: "dead-process",
      leaseExpiresAt: past,
    });
    const other = uniqueShop();
    const busy = await leftBehind(other, {
      status: "processing",
      attempts: 1,
      leaseOwner: "live-process",
      leaseExpiresAt: new Date(Date.now() + 60_000),
    });
    await processDueWebhooks({ db });
    expect(await db.webhookDelivery.findUniqueOrThrow({ where: { webhookId } })).toMatchObject({
      status: "processed",
      attempts: 2,
    });
    expect(await db.webhookDelivery.findUniqueOrThrow({ where: { webhookId: busy } })).toMatchObject({
      status: "processing",
      leaseOwner: "live-process",
    });
    await db.webhookDelivery.delete({ where: { webhookId: busy } });
  });

  it("retries a failing delivery with backoff, shows why, and ends failed after the last attempt", async () => {
    const shop = uniqueShop();
    const webhookId = `broken-${shop}`;
    // A payload our use-case cannot read (orders_requested is not a list).
    const payload = { ...dataRequest(shop, 9), orders_requested: "all of them" };
    expect(
      (await deliver(dataRequestAction, webhookRequest({ topic: "customers/data_request", shop, webhookId, payload })))
        .status,
    ).toBe(200);

    let now = new Date();
    const options = { db, now: () => now, maxAttempts: 2, baseDelayMs: 60_000, capDelayMs: 60_000 };
    await processDueWebhooks(options);
    const first = await db.webhookDelivery.findUniqueOrThrow({ where: { webhookId } });
    expect(first).toMatchObject({ status: "received", attempts: 1 });
    expect(first.error).toMatch(/could not process it.*Trying again/);
    expect(first.error).not.toMatch(/TypeError|map/);
    expect(first.runAfter.getTime()).toBeGreaterThanOrEqual(now.getTime());

    // Not due before its backoff ends.
    await processDueWebhooks(options);
    expect((await db.webhookDelivery.findUniqueOrThrow({ where: { webhookId } })).attempts).toBe(1);

    now = new Date(now.getTime() + 61_000);
    await processDueWebhooks(options);
    expect(await db.webhookDelivery.findUniqueOrThrow({ where: { webhookId } })).toMatchObject({
      status: "failed",
      attempts: 2,
      error: "The app could not process it (unexpected error).",
    });
  });

  it("fails at once, with the reason, a delivery that cannot succeed", async () => {
    const shop = uniqueShop();
    const webhookId = `no-id-${shop}`;
    await deliver(
      ordersCreateAction,
      webhookRequest({ topic: "orders/create", shop, webhookId, payload: { name: "#1" } }),
    );
    await processDueWebhooks({ db });
    expect(await db.webhookDelivery.findUniqueOrThrow({ where: { webhookId } })).toMatchObject({
      status: "failed",
      attempts: 1,
      error: "orders/create without an order id",
    });
  });

  it("SIGKILLed processors lose nothing and process nothing twice: every delivery processed exactly once", async () => {
    const shop = uniqueShop();
    const count = 120;
    for (let i = 0; i < count; i++) {
      const request = webhookRequest({
        topic: "customers/data_request",
        shop,
        webhookId: `kill-${shop}-${i}`,
        payload: dataRequest(shop, 1000 + i),
      });
      expect((await deliver(dataRequestAction, request)).status).toBe(200);
    }
    const processed = () => db.webhookDelivery.count({ where: { shop, status: "processed" } });
    const env = { WEBHOOK_LEASE_MS: "1000" };
    let interruptedMidBatch = 0;
    for (let round = 1; round <= 3; round++) {
      const before = await processed();
      const processor: SpawnedProcess = await spawnTsx("tests/support/webhook-processor-process.ts", env);
      while ((await processed()) < Math.min(count, before + 15)) await new Promise((r) => setTimeout(r, 10));
      processor.child.kill("SIGKILL");
      await processor.exited;
      if ((await db.webhookDelivery.count({ where: { shop, status: "processing" } })) > 0) interruptedMidBatch++;
    }
    expect(interruptedMidBatch).toBeGreaterThan(0);
    expect(await processed()).toBeLessThan(count);

    const last = await spawnTsx("tests/support/webhook-processor-process.ts", env);
    const deadline = Date.now() + 30_000;
    while ((await processed()) < count && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    await stopGracefully([last]);

    const rows = await db.webhookDelivery.findMany({ where: { shop } });
    expect(rows.filter((r) => r.status !== "processed")).toEqual([]);
    const requests = await db.complianceRequest.findMany({ where: { shop }, select: { webhookId: true } });
    expect(requests).toHaveLength(count);
    expect(new Set(requests.map((r) => r.webhookId)).size).toBe(count);
    // The ones swept up after a crash ran more than once; the use-case kept one record for each.
    expect(rows.some((r) => r.attempts > 1)).toBe(true);
  });
});
