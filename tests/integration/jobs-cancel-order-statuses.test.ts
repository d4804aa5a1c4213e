// Cancel stops the order status sync where it stands: it used to ignore a cancel and write every order.
// Cancelled while it tags orders in Shopify (each call slowed), it writes nothing after the order in
// flight, ends Cancelled, and its Changes list names exactly the orders Shopify now shows tagged.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cancelWhileWriting, expectStoppedAfterWritesInFlight } from "../support/cancel-in-flight";
import { startOrdersWorld, type OrdersWorld } from "./orders-harness";

const ORDERS = 8;

describe("cancelling a running order status sync", { timeout: 90_000 }, () => {
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
});
