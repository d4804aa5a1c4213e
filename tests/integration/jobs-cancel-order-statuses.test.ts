// Cancel stops the order status and deliveries syncs where they stand: both used to ignore a cancel and
// write every order. Cancelled while they write to Shopify orders (each call slowed), they write nothing
// after the order in flight, end Cancelled, and their Changes list names exactly the orders written.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "~/db.server";
import { enqueueJob } from "~/jobs/api.server";
import { cancelWhileWriting, expectStoppedAfterWritesInFlight } from "../support/cancel-in-flight";
import { startOrdersWorld, type OrdersWorld } from "./orders-harness";

const ORDERS = 8;

describe("cancelling a running order status or deliveries sync", { timeout: 90_000 }, () => {
  let world: OrdersWorld;
  const orders: { id: string; name: string }[] = [];
  beforeAll(async () => {
    world = await startOrdersWorld("status-cancel");
    for (let i = 0; i < ORDERS; i++) {
      const order = await world.createOrder();
      await world.deliverOrderCreated(order.legacyId);
      orders.push(order);
    }
    await world.runJobs(["orders.export"]);
    for (const order of orders) {
      expect((await world.exportRow(order.id)).status).toBe("exported");
      world.fastmag.db.prepare("UPDATE orders SET status = 200 WHERE shopify_order_id = ?").run(order.id);
    }
  });
  afterAll(() => world?.close());

  const tagWrites = () =>
    world.shopify.callLog({ shop: world.shop }).filter((c) => c.operationName === "AddOrderTags").length;

  it("tags no order after the one in flight, ends Cancelled and lists the orders it tagged", async () => {
    world.shopify.faults.add({ kind: "latency", ms: 150 });
    try {
      const run = await cancelWhileWriting({
        shop: world.shop,
        type: "orders.statuses",
        writes: tagWrites,
        cancelAfterWrites: 2,
      });
      expectStoppedAfterWritesInFlight(run, 1);
      const tagged: string[] = [];
      for (const order of orders)
        if ((await world.orderSnapshot(order.id)).tags.includes("fastmag-200")) tagged.push(order.name);
      expect(tagged.length).toBeGreaterThan(0);
      expect(tagged.length).toBeLessThan(ORDERS);
      expect(run.changes.map((c) => [c.externalId, c.field]).sort()).toEqual(
        tagged.map((name) => [name, "status"]).sort(),
      );
      expect(run.job.counters.changed).toBe(tagged.length);
    } finally {
      world.shopify.faults.clear();
    }
  });

  it("deliveries: marks no order after the one in flight, ends Cancelled and lists the orders it marked", async () => {
    // Every order shipped with a Chronopost parcel delivered by now, its fulfillment made by the status sync.
    orders.forEach((order, i) => {
      world.shipInFastmag(order.id, 300, "CHRONOPOST", `XD${String(i).padStart(9, "0")}FR`);
      world.chronopost.parcels.add(`XD${String(i).padStart(9, "0")}FR`);
    });
    world.chronopost.parcels.advance(25 * 3600_000);
    await enqueueJob({ db }, { shop: world.shop, type: "orders.statuses", trigger: "manual" });
    await world.runJobs(["orders.statuses"]);
    const events = () =>
      world.shopify.callLog({ shop: world.shop }).filter((c) => c.operationName === "CreateFulfillmentEvent").length;
    world.shopify.faults.add({ kind: "latency", ms: 150 });
    try {
      const run = await cancelWhileWriting({
        shop: world.shop,
        type: "orders.deliveries",
        writes: events,
        cancelAfterWrites: events() + 2,
      });
      expectStoppedAfterWritesInFlight(run, 1);
      const delivered: string[] = [];
      for (const order of orders)
        if ((await world.orderSnapshot(order.id)).fulfillments[0]?.events.includes("DELIVERED"))
          delivered.push(order.name);
      expect(delivered.length).toBeGreaterThan(0);
      expect(delivered.length).toBeLessThan(ORDERS);
      expect(run.changes.map((c) => [c.externalId, c.after]).sort()).toEqual(
        delivered.map((name) => [name, "delivered"]).sort(),
      );
      expect(run.job.counters.changed).toBe(delivered.length);
    } finally {
      world.shopify.faults.clear();
    }
  });
});
