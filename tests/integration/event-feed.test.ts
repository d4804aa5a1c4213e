// The ERP event feed end to end inside the app: Shopify's webhooks (through the real intake routes and
// processor) fanned out to the shop's endpoints and POSTed over HTTPS (a test CA the app is told to
// trust) to a test ERP. Time is a controlled clock for retries, dead-letter and auto-pause.
import { createHmac, randomUUID, timingSafeEqual } from "node:crypto";
import Database from "better-sqlite3";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import {
  makeTestCertificates,
  startErpReceiver,
  type ErpReceiver,
  type ReceivedEvent,
} from "../../emulators/erp-receiver/index";
import { manualClock } from "~/jobs/clock";
import { databaseTarget, sqliteFilePath } from "~/db/target.server";
import { spawnTsx } from "../support/jobs-processes";
import { respond } from "../support/webhooks";
import { uniqueShop } from "../support/shops";
import { adminRequest, installShop } from "../support/admin-request";

const caPath = vi.hoisted(() => {
  const file = `${process.env.TMPDIR ?? "/tmp"}/feed-ca-${process.pid}-${Date.now()}.pem`;
  process.env.EVENT_FEED_CA_FILE = file;
  return file;
});

const { db } = await import("~/db.server");
const { createEndpoint, rotateSecret, updateEndpoint, loadEndpoint } = await import("~/event-feed/endpoints.server");
const { deliverDueEvents } = await import("~/event-feed/deliverer.server");
const { replay, deliveryLog, endpointHealth, sendTestEvent, stoppedEndpoints } =
  await import("~/event-feed/feed.server");
const { endpointsWithHealth } = await import("~/event-feed/api.server");
const { processDueWebhooks } = await import("~/webhooks/processor.server");
const { loader: dashboard } = await import("~/routes/app._index");

let erp: ErpReceiver;
let products: ErpReceiver;

beforeAll(async () => {
  const certs = makeTestCertificates();
  const fs = await import("node:fs");
  fs.copyFileSync(certs.caFile, caPath);
  erp = await startErpReceiver({ tls: certs });
  products = await startErpReceiver({ tls: certs });
});
afterAll(async () => {
  await erp?.close();
  await products?.close();
});

/** Shopify's webhook through the app's intake route, then the processor (as the running app does). */
async function shopifySends(
  shop: string,
  topic: string,
  body: string,
  options: { webhookId?: string; at?: Date; process?: boolean } = {},
) {
  const route = await import(`~/routes/webhooks.${topic.replace("/", ".")}.tsx`);
  const secret = process.env.SHOPIFY_API_SECRET!;
  const request = new Request(`http://127.0.0.1:3999/webhooks/${topic}`, {
    method: "POST",
    body,
    headers: {
      "content-type": "application/json",
      "x-shopify-topic": topic,
      "x-shopify-hmac-sha256": createHmac("sha256", secret).update(body, "utf8").digest("base64"),
      "x-shopify-shop-domain": shop,
      "x-shopify-api-version": "2026-07",
      "x-shopify-webhook-id": options.webhookId ?? randomUUID(),
      "x-shopify-triggered-at": (options.at ?? new Date()).toISOString(),
    },
  });
  const response = await respond(() => route.action({ request, params: {}, context: {} }) as Promise<Response>);
  expect(response.status).toBe(200);
  if (options.process !== false) await processDueWebhooks({ db });
}

/** An independent Standard Webhooks verifier, as an ERP would write it (not the app's code). */
function verifies(secret: string, received: ReceivedEvent): boolean {
  const id = String(received.headers["webhook-id"]);
  const timestamp = String(received.headers["webhook-timestamp"]);
  const key = Buffer.from(secret.replace(/^whsec_/, ""), "base64");
  const expected = createHmac("sha256", key).update(`${id}.${timestamp}.`).update(received.body).digest();
  return String(received.headers["webhook-signature"])
    .split(" ")
    .map((part) => Buffer.from(part.split(",")[1] ?? "", "base64"))
    .some((given) => given.length === expected.length && timingSafeEqual(given, expected));
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Another connection takes the database's write lock, the way a second process in a burst does, and
 * holds it `holdMs`: on SQLite, BEGIN IMMEDIATE (the app's writes give up after about 0.6 s with
 * "database busy"); on PostgreSQL, the deliveries' table in EXCLUSIVE mode, and the app's connection
 * that waits for it is ended by the server, as a restarted or failed-over server ends it (a transient
 * connection error). Resolves once the lock is released.
 */
async function holdWriteLock(holdMs: number): Promise<() => Promise<void>> {
  const target = databaseTarget(process.env.DATABASE_URL);
  if (target.provider === "sqlite") {
    const other = new Database(sqliteFilePath(target.url), { timeout: 5_000 });
    other.exec("BEGIN IMMEDIATE");
    return async () => {
      await sleep(holdMs);
      other.exec("COMMIT");
      other.close();
    };
  }
  const other = new pg.Client({ connectionString: target.url });
  await other.connect();
  await other.query('BEGIN; LOCK TABLE "FeedDelivery" IN EXCLUSIVE MODE');
  return async () => {
    const until = Date.now() + holdMs;
    let ended = 0;
    while (Date.now() < until) {
      const waiting = await other.query(
        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock' AND pid <> pg_backend_pid()",
      );
      ended += waiting.rowCount ?? 0;
      await sleep(50);
    }
    await other.query("COMMIT");
    await other.end();
    expect(ended, "the app's write waited for the lock and was cut off").toBeGreaterThan(0);
  };
}

const sentTo = (receiver: ErpReceiver, shop: string) =>
  receiver.received.filter((r) => r.headers["x-event-shop"] === shop);

// Odd spacing and key order: only a byte-for-byte pass-through keeps them.
const orderBody = (id: number) => `{"id":${id},  "name":"#${id}","email":"jon@doe.ca","note":"Καλημέρα"}`;
const fulfillmentBody = (id: number, orderId: number, status: string) =>
  `{"id":${id},"order_id":${orderId},"status":"${status}","tracking_number":"1z827wk74630"}`;
const productBody = (id: number, title: string) =>
  `{"id":${id},"title":"${title}","updated_at":"2026-11-30T10:00:00Z"}`;

async function twoEndpoints(shop: string) {
  const orders = await createEndpoint(db, shop, {
    name: "ERP orders",
    url: `${erp.url}/orders`,
    topics: ["orders/create", "fulfillments/create", "fulfillments/update"],
    headers: { "X-Api-Key": "erp-key-1" },
  });
  const prods = await createEndpoint(db, shop, {
    name: "ERP products",
    url: `${products.url}/products`,
    topics: ["products/create", "products/update"],
  });
  return { orders, prods };
}

describe("the ERP event feed", () => {
  it("delivers each topic to the endpoints that take it, byte for byte, signed and with its headers", async () => {
    const shop = uniqueShop();
    const { orders, prods } = await twoEndpoints(shop);
    await shopifySends(shop, "orders/create", orderBody(1001), { webhookId: `wh-${shop}-1` });
    await shopifySends(shop, "fulfillments/create", fulfillmentBody(7, 1001, "pending"));
    await shopifySends(shop, "fulfillments/update", fulfillmentBody(7, 1001, "success"));
    await shopifySends(shop, "products/create", productBody(55, "Tee"));
    await shopifySends(shop, "products/update", productBody(55, "Tee v2"));
    await deliverDueEvents({ db });

    const toOrders = sentTo(erp, shop);
    expect(toOrders.map((r) => r.headers["x-event-topic"])).toEqual([
      "orders/create",
      "fulfillments/create",
      "fulfillments/update",
    ]);
    expect(toOrders[0]!.body.toString("utf8")).toBe(orderBody(1001));
    expect(toOrders[0]!.headers).toMatchObject({
      "webhook-id": `wh-${shop}-1`,
      "x-event-shop": shop,
      "x-event-api-version": "2026-07",
      "x-api-key": "erp-key-1",
      "content-type": "application/json",
    });
    expect(toOrders.every((r) => verifies(orders.secret, r))).toBe(true);
    expect(toOrders.some((r) => verifies(prods.secret, r))).toBe(false);

    const toProducts = sentTo(products, shop);
    expect(toProducts.map((r) => r.body.toString())).toEqual([productBody(55, "Tee"), productBody(55, "Tee v2")]);
    expect(toProducts.every((r) => verifies(prods.secret, r))).toBe(true);
    const log = await deliveryLog(db, shop);
    expect(log.every((d) => d.status === "delivered" && d.tries.length === 1 && d.tries[0]!.httpStatus === 200)).toBe(
      true,
    );
  });

  it("queues the deliveries in the transaction that records the webhook, before Shopify's 200", async () => {
    const shop = uniqueShop();
    const { orders, prods } = await twoEndpoints(shop);
    const webhookId = `ack-${randomUUID()}`;
    await shopifySends(shop, "fulfillments/create", fulfillmentBody(8, 3003, "pending"), {
      webhookId,
      process: false,
    });
    // Acknowledged, not processed yet: the event and its one delivery (orders' endpoint only) are there.
    expect((await db.webhookDelivery.findUniqueOrThrow({ where: { webhookId } })).status).toBe("received");
    const queued = await db.feedDelivery.findMany({ where: { shop }, include: { event: true } });
    expect(queued.map((d) => [d.endpointId, d.eventId, d.status, d.resourceKey])).toEqual([
      [orders.endpoint.id, webhookId, "pending", "order 3003"],
    ]);
    expect(queued[0]!.event.body).toBe(fulfillmentBody(8, 3003, "pending"));
    expect(queued.some((d) => d.endpointId === prods.endpoint.id)).toBe(false);
    // A topic no endpoint of the shop takes is recorded as a webhook only; the processor adds nothing.
    await shopifySends(shop, "orders/cancelled", orderBody(3003), { process: false });
    await processDueWebhooks({ db });
    expect(await db.feedDelivery.count({ where: { shop } })).toBe(1);
    await deliverDueEvents({ db });
    expect(sentTo(erp, shop).map((r) => r.body.toString())).toEqual([fulfillmentBody(8, 3003, "pending")]);
  });

  it("makes one event of a webhook Shopify delivers twice", async () => {
    const shop = uniqueShop();
    await twoEndpoints(shop);
    const webhookId = `dup-${randomUUID()}`;
    await shopifySends(shop, "products/update", productBody(9, "A"), { webhookId });
    await shopifySends(shop, "products/update", productBody(9, "A"), { webhookId });
    await deliverDueEvents({ db });
    expect(sentTo(products, shop)).toHaveLength(1);
    expect(await db.feedDelivery.count({ where: { shop } })).toBe(1);
  });

  it("retries with growing delays, then dead-letters after the window; replay sends it again", async () => {
    const shop = uniqueShop();
    const clock = manualClock(new Date(Date.now() + 1000));
    const endpoint = await createEndpoint(db, shop, {
      name: "Failing",
      url: `${erp.url}/fail-${shop}`,
      topics: ["orders/create"],
    });
    await shopifySends(shop, "orders/create", orderBody(2002));
    erp.setMode({ kind: "fail", status: 503 });
    try {
      const options = {
        db,
        now: clock.now,
        random: () => 1,
        baseDelayMs: 60_000,
        capDelayMs: 3_600_000,
        retryWindowMs: 6 * 3_600_000,
        autoPauseMs: 100 * 3_600_000,
      };
      const delays: number[] = [];
      for (let i = 0; i < 30; i++) {
        await deliverDueEvents(options);
        const row = await db.feedDelivery.findFirstOrThrow({ where: { shop } });
        if (row.status === "dead") break;
        delays.push(row.nextAttemptAt.getTime() - clock.now().getTime());
        // Nothing is attempted before its time.
        clock.advance(row.nextAttemptAt.getTime() - clock.now().getTime() - 1);
        expect(await deliverDueEvents(options)).toBe(0);
        clock.advance(1);
      }
      expect(delays.slice(0, 4)).toEqual([60_000, 120_000, 240_000, 480_000]);
      expect(Math.max(...delays)).toBe(3_600_000);
      const dead = await db.feedDelivery.findFirstOrThrow({ where: { shop } });
      expect(dead).toMatchObject({ status: "dead", lastStatus: 503 });
      expect(dead.finishedAt!.getTime() - dead.firstAttemptAt!.getTime()).toBeGreaterThanOrEqual(6 * 3_600_000);
      const health = await endpointHealth(db, shop, clock.now());
      expect(health[0]).toMatchObject({ deadLettered: 1, backlog: 0, successRate: 0 });
      expect(health[0]!.lastError).toContain("503");

      erp.setMode({ kind: "ok" });
      expect(await replay(db, shop, { endpointId: endpoint.endpoint.id, failed: true }, clock.now())).toBe(1);
      await deliverDueEvents(options);
      expect((await db.feedDelivery.findFirstOrThrow({ where: { shop } })).status).toBe("delivered");
    } finally {
      erp.setMode({ kind: "ok" });
    }
  });

  it("disables an endpoint that answers 410 and keeps its events until it is enabled again", async () => {
    const shop = uniqueShop();
    const { endpoint } = await createEndpoint(db, shop, {
      name: "Gone",
      url: `${erp.url}/gone`,
      topics: ["products/create"],
    });
    products.setMode({ kind: "ok" });
    erp.setMode({ kind: "gone" });
    try {
      // Two events of one product: the second waits for the first, so only one is in flight.
      await shopifySends(shop, "products/create", productBody(1, "A"));
      await shopifySends(shop, "products/create", productBody(1, "B"));
      await deliverDueEvents({ db });
      const row = await loadEndpoint(db, shop, endpoint.id);
      expect(row.status).toBe("disabled");
      expect(row.statusReason).toContain("410");
      expect(sentTo(erp, shop)).toHaveLength(1);

      // The Event feed screens and the Dashboard: a French admin reads why in French, an English one the
      // stored English; a row stored before its words were shows the English.
      const [fr] = await endpointsWithHealth(db, shop, "fr");
      expect(fr!.statusReason).toMatch(
        /^Le point de terminaison a répondu 410 Gone le \S+ : il ne veut plus recevoir d'événements\. L'envoi est arrêté/,
      );
      expect(fr!.health.lastError).toMatch(/^\S+: Le point de terminaison a répondu 410 Gone\.$/);
      const [en] = await endpointsWithHealth(db, shop, "en");
      expect(en!.statusReason).toBe(row.statusReason);
      expect(row.statusReason).toMatch(/^The endpoint answered 410 Gone on \S+: it said it no longer wants events\./);
      expect(en!.health.lastError).toMatch(/^\S+: The endpoint answered 410 Gone\.$/);
      const tried = (await deliveryLog(db, shop, {}, "fr")).find((d) => d.lastError !== null)!;
      expect(tried.lastError).toBe("Le point de terminaison a répondu 410 Gone.");
      expect(tried.tries.map((t) => t.error)).toEqual(["Le point de terminaison a répondu 410 Gone."]);
      expect((await deliveryLog(db, shop)).find((d) => d.id === tried.id)!.lastError).toBe(
        "The endpoint answered 410 Gone.",
      );
      expect((await stoppedEndpoints(db, shop, "fr"))[0]!.reason).toBe(fr!.statusReason);
      await db.feedEndpoint.update({ where: { id: endpoint.id }, data: { statusReasonWords: null } });
      expect((await endpointsWithHealth(db, shop, "fr"))[0]!.statusReason).toBe(row.statusReason);
      expect(await db.feedDelivery.count({ where: { shop, status: "pending" } })).toBe(2);
      erp.setMode({ kind: "ok" });
      await deliverDueEvents({ db });
      expect(sentTo(erp, shop)).toHaveLength(1);
      await updateEndpoint(db, shop, endpoint.id, { enabled: true });
      await deliverDueEvents({ db });
      expect(await db.feedDelivery.count({ where: { shop, status: "delivered" } })).toBe(2);
    } finally {
      erp.setMode({ kind: "ok" });
    }
  });

  it("pauses an endpoint failing for N hours; events that arrive while paused wait and go once resumed", async () => {
    const shop = uniqueShop();
    const clock = manualClock(new Date(Date.now() + 1000));
    const options = {
      db,
      now: clock.now,
      random: () => 1,
      baseDelayMs: 600_000,
      capDelayMs: 3_600_000,
      autoPauseMs: 2 * 3_600_000,
      retryWindowMs: 48 * 3_600_000,
    };
    const { endpoint } = await createEndpoint(db, shop, {
      name: "Down",
      url: `${erp.url}/down-${shop}`,
      topics: ["orders/create"],
    });
    erp.setMode({ kind: "fail", status: 500 });
    try {
      await shopifySends(shop, "orders/create", orderBody(3003));
      for (let hour = 0; hour < 6; hour++) {
        await deliverDueEvents(options);
        clock.advance(3_600_000);
      }
      const row = await loadEndpoint(db, shop, endpoint.id);
      expect(row.status).toBe("paused");
      expect(row.statusReason).toContain("Paused automatically");
      await shopifySends(shop, "orders/create", orderBody(3004));
      // The Dashboard says so, naming the endpoint; both events wait for it.
      await installShop(shop);
      const board = await dashboard({ request: adminRequest(shop, "/app"), params: {}, context: {} });
      expect(board.stoppedFeedEndpoints).toEqual([
        expect.objectContaining({ id: endpoint.id, name: "Down", why: "kept-failing", waiting: 2 }),
      ]);
      const attemptsBefore = sentTo(erp, shop).length;
      clock.advance(10 * 3_600_000);
      await deliverDueEvents(options);
      expect(sentTo(erp, shop)).toHaveLength(attemptsBefore);
      erp.setMode({ kind: "ok" });
      await updateEndpoint(db, shop, endpoint.id, { enabled: true });
      await deliverDueEvents(options);
      expect(await db.feedDelivery.count({ where: { shop, status: "delivered" } })).toBe(2);
      const after = await dashboard({ request: adminRequest(shop, "/app"), params: {}, context: {} });
      expect(after.stoppedFeedEndpoints).toEqual([]);
    } finally {
      erp.setMode({ kind: "ok" });
    }
  });

  it("keeps each resource's order at a failing endpoint while the other endpoint gets everything", async () => {
    const shop = uniqueShop();
    const failing = await createEndpoint(db, shop, {
      name: "Flaky",
      url: `${erp.url}/flaky`,
      topics: ["products/update"],
    });
    await createEndpoint(db, shop, { name: "Fine", url: `${products.url}/fine`, topics: ["products/update"] });
    const t0 = new Date(Date.now() - 60_000);
    await shopifySends(shop, "products/update", productBody(77, "v1"), { at: t0 });
    await shopifySends(shop, "products/update", productBody(77, "v2"), { at: new Date(t0.getTime() + 1000) });
    await shopifySends(shop, "products/update", productBody(88, "other"), { at: new Date(t0.getTime() + 2000) });
    const clock = manualClock(new Date(Date.now() + 1000));
    const options = { db, now: clock.now, random: () => 1, baseDelayMs: 60_000, autoPauseMs: 100 * 3_600_000 };
    erp.setMode({ kind: "fail", status: 500 });
    try {
      await deliverDueEvents(options);
      // v1 failed at the flaky endpoint: v2 waits; product 88 is not held up; the fine endpoint has all.
      expect(sentTo(erp, shop).map((r) => r.body.toString())).toEqual([
        productBody(77, "v1"),
        productBody(88, "other"),
      ]);
      expect(sentTo(products, shop)).toHaveLength(3);
      erp.setMode({ kind: "ok" });
      clock.advance(10 * 60_000);
      await deliverDueEvents(options);
      // Product 77 reached the flaky endpoint as v1 (refused), v1 again, then v2: never v2 before v1.
      expect(
        sentTo(erp, shop)
          .map((r) => r.body.toString())
          .filter((body) => body.includes('"id":77')),
      ).toEqual([productBody(77, "v1"), productBody(77, "v1"), productBody(77, "v2")]);
      expect(await db.feedDelivery.count({ where: { endpointId: failing.endpoint.id, status: "delivered" } })).toBe(3);
    } finally {
      erp.setMode({ kind: "ok" });
    }
  });

  it("counts an endpoint that does not answer within the deadline as a failure to retry", async () => {
    const shop = uniqueShop();
    await createEndpoint(db, shop, { name: "Slow", url: `${erp.url}/slow-${shop}`, topics: ["orders/create"] });
    await shopifySends(shop, "orders/create", orderBody(5005));
    erp.setMode({ kind: "timeout" });
    try {
      await deliverDueEvents({ db, timeoutMs: 300 });
    } finally {
      erp.setMode({ kind: "ok" });
    }
    const row = await db.feedDelivery.findFirstOrThrow({ where: { shop }, include: { tries: true } });
    expect(row).toMatchObject({ status: "pending", lastStatus: null });
    expect(row.tries[0]).toMatchObject({ outcome: "retry", httpStatus: null });
    expect(row.tries[0]!.error).toContain("no answer within 0.3 s");
  });

  it("signs with both secrets during a rotation's overlap, then with the new one only", async () => {
    const shop = uniqueShop();
    const created = await createEndpoint(db, shop, { name: "R", url: `${erp.url}/r`, topics: ["products/update"] });
    const now = new Date();
    const rotated = await rotateSecret(db, shop, created.endpoint.id, { overlapHours: 1, now });
    await shopifySends(shop, "products/update", productBody(5, "x"));
    await deliverDueEvents({ db });
    const [during] = sentTo(erp, shop);
    expect(verifies(created.secret, during!) && verifies(rotated.secret, during!)).toBe(true);
    await shopifySends(shop, "products/update", productBody(5, "y"));
    await deliverDueEvents({ db, now: () => new Date(now.getTime() + 2 * 3_600_000) });
    const after = sentTo(erp, shop)[1]!;
    expect(verifies(rotated.secret, after)).toBe(true);
    expect(verifies(created.secret, after)).toBe(false);
  });

  it("refuses plain http except to this machine, bad headers, and never shows header values", async () => {
    const shop = uniqueShop();
    await expect(
      createEndpoint(db, shop, { name: "x", url: "http://erp.example.com/in", topics: ["orders/create"] }),
    ).rejects.toMatchObject({
      fieldErrors: { url: expect.stringContaining("https://") },
    });
    await expect(
      createEndpoint(db, shop, { name: "x", url: "http://10.0.0.5/in", topics: ["orders/create"] }),
    ).rejects.toMatchObject({
      fieldErrors: { url: expect.stringContaining("https://") },
    });
    await expect(
      createEndpoint(db, shop, {
        name: "x",
        url: `${erp.url}/in`,
        topics: ["orders/create"],
        headers: { "webhook-id": "x" },
      }),
    ).rejects.toMatchObject({ message: expect.stringContaining("fixing") });
    await expect(
      createEndpoint(db, shop, { name: "x", url: `${erp.url}/in`, topics: ["orders/paid"] }),
    ).rejects.toMatchObject({
      message: expect.stringContaining("fixing"),
    });
    const ok = await createEndpoint(db, shop, {
      name: "x",
      url: "http://127.0.0.1:9/in",
      topics: ["orders/create"],
      headers: { Authorization: "Bearer s3cret" },
    });
    expect(JSON.stringify(ok.endpoint)).not.toContain("s3cret");
    expect(ok.endpoint.headerNames).toEqual(["Authorization"]);
  });

  it("sends a test event and shows the endpoint's answer", async () => {
    const shop = uniqueShop();
    const { endpoint, secret } = await createEndpoint(db, shop, {
      name: "T",
      url: `${erp.url}/test-${shop}`,
      topics: ["fulfillments/update"],
    });
    const answer = await sendTestEvent(db, shop, endpoint.id);
    expect(answer).toMatchObject({ outcome: "delivered", status: 200, topic: "fulfillments/update" });
    expect(answer.answer).toContain("received");
    const got = erp.received.find((r) => r.path === `/test-${shop}`)!;
    expect(got.headers["x-event-source"]).toBe("test");
    expect(verifies(secret, got)).toBe(true);
    expect(await db.feedDelivery.count({ where: { shop } })).toBe(0);
  });

  it("records an acknowledged delivery once the database is free again: a busy database sends no duplicate", async () => {
    const shop = uniqueShop();
    const clock = manualClock(new Date(Date.now() + 1000));
    const leaseMs = 60_000;
    await createEndpoint(db, shop, { name: "Busy", url: `${erp.url}/busy-${shop}`, topics: ["orders/create"] });
    await shopifySends(shop, "orders/create", orderBody(5005));
    // The ERP has the event and is about to answer 200 when another connection takes the write lock:
    // the app records the outcome while the lock is held, longer than it waits for a lock.
    let released: Promise<void> | null = null;
    erp.beforeAnswer(async (event) => {
      if (event.path !== `/busy-${shop}` || released) return;
      const release = await holdWriteLock(2_000);
      released = release();
    });
    try {
      await deliverDueEvents({ db, now: clock.now, leaseMs });
      expect(released).not.toBeNull();
      await released;
    } finally {
      erp.beforeAnswer(null);
    }
    // Later (the lease has long run out), the deliverer finds nothing left to send.
    clock.advance(leaseMs + 60_000);
    await deliverDueEvents({ db, now: clock.now, leaseMs });
    expect(erp.received.filter((r) => r.path === `/busy-${shop}`).map((r) => r.answered)).toEqual([200]);
    const row = await db.feedDelivery.findFirstOrThrow({ where: { shop }, include: { tries: true } });
    expect(row).toMatchObject({ status: "delivered", lastStatus: 200, leaseOwner: null });
    expect(row.tries.map((a) => a.outcome)).toEqual(["delivered"]);
    expect(row.attempts).toBe(1);
  });

  it("delivers, after a restart, an event whose delivering process was SIGKILLed after the ack", async () => {
    const shop = uniqueShop();
    await createEndpoint(db, shop, { name: "K", url: `${erp.url}/kill-${shop}`, topics: ["orders/create"] });
    await shopifySends(shop, "orders/create", orderBody(4004));
    erp.setMode({ kind: "timeout" });
    const child = await spawnTsx("tests/support/feed-deliverer-process.ts", {
      DATABASE_URL: process.env.DATABASE_URL!,
      EVENT_FEED_CA_FILE: caPath,
      FEED_LEASE_MS: "60000",
    });
    try {
      await vi.waitFor(() => expect(erp.received.some((r) => r.path === `/kill-${shop}`)).toBe(true), {
        timeout: 20_000,
      });
      child.child.kill("SIGKILL");
      await child.exited;
    } finally {
      erp.setMode({ kind: "ok" });
    }
    expect((await db.feedDelivery.findFirstOrThrow({ where: { shop } })).status).toBe("delivering");
    // The restarted app takes the claim back once the dead process's lease has run out.
    await deliverDueEvents({ db, now: () => new Date(Date.now() + 61_000) });
    expect((await db.feedDelivery.findFirstOrThrow({ where: { shop } })).status).toBe("delivered");
    expect(erp.received.filter((r) => r.path === `/kill-${shop}` && r.answered === 200)).toHaveLength(1);
  });
});
