// The status and deliveries syncs follow every Shopify order, not only those the app exported: an
// order placed outside the app and entered in Fastmag by someone else is shipped with its tracking, its
// parcel is followed to delivery, orders Fastmag does not know are listed, a rerun with nothing new
// writes nothing, and past the threshold one bulk query replaces the pages.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "~/db.server";
import { FOLLOWED_ORDERS_COUNT } from "~/shopify/operations/followed-orders";
import { ACCEPT_FULFILLMENT_REQUEST, CREATE_FULFILLMENT, ORDER_FULFILLMENT_STATE } from "~/shopify/operations/orders";
import { syncOrderDeliveries } from "~/sync/orders/deliveries.server";
import { UNSHIPPED_ORDERS } from "~/sync/orders/followed-orders.server";
import { fulfillWithTracking } from "~/sync/orders/fulfillment.server";
import { carrierTrackers, loadOrderSettings, orderPorts, trackerFor } from "~/sync/orders/providers.server";
import { shopifyClientForShop } from "~/sync/orders/shopify-client.server";
import { syncOrderStatuses } from "~/sync/orders/statuses.server";
import { ordersOf } from "../../emulators/shopify/orders";
import { startOrdersWorld, type OrdersWorld } from "./orders-harness";

let world: OrdersWorld;
const HOUR = 3600_000;
/** What the syncs may send when nothing changed: reads only. */
const READS = ["FollowedOrdersCount", "FollowedOrdersPage"];

beforeAll(async () => {
  world = await startOrdersWorld("follow");
});

afterAll(async () => {
  await world?.close();
});

/** An order someone entered in Fastmag directly (never exported by the app), through the emulator's control API. */
async function enterInFastmag(order: { id: string; name: string }, fields: Record<string, unknown>) {
  const response = await fetch(`${world.fastmag.url}_emulator/orders`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ shopifyOrderId: order.id, shopifyOrderName: order.name, total: 64.7, ...fields }),
  });
  expect(response.status).toBe(200);
}

async function runJob(type: "orders.statuses" | "orders.deliveries") {
  const job = await db.job.create({
    data: { shop: world.shop, type, trigger: "manual", paramsJson: "{}", runAfter: new Date(), maxAttempts: 1 },
  });
  await world.runJobs([type]);
  const done = await db.job.findUniqueOrThrow({ where: { id: job.id } });
  expect(done.status, done.errorMessage ?? "").toBe("succeeded");
  return JSON.parse(done.resultJson ?? "{}") as Record<string, unknown>;
}

/** The Admin operations sent while `run` runs. */
async function operationsDuring(run: () => Promise<unknown>) {
  const before = world.shopify.callLog({ shop: world.shop }).length;
  await run();
  return world.shopify
    .callLog({ shop: world.shop })
    .slice(before)
    .map((c) => c.operationName);
}

describe("orders the app never exported", () => {
  let shipped: { id: string; name: string };
  let waiting: { id: string; name: string };
  let unknown: { id: string; name: string };

  it("ships an order entered in Fastmag by someone else, tags a known one, lists an unknown one; the run succeeds", async () => {
    shipped = await world.createOrder();
    waiting = await world.createOrder();
    unknown = await world.createOrder();
    await enterInFastmag(shipped, { status: 300, carrier: "CHRONOPOST", trackingNumber: "XF700800900FR" });
    await enterInFastmag(waiting, { status: 100 });

    const result = await runJob("orders.statuses");

    const ship = await world.orderSnapshot(shipped.id);
    expect(ship.fulfillmentStatus).toBe("FULFILLED");
    expect(ship.fulfillments).toEqual([
      expect.objectContaining({
        tracking: [{ company: "Chronopost", number: "XF700800900FR", url: expect.stringContaining("XF700800900FR") }],
      }),
    ]);
    expect(ship.tags).toContain("fastmag-300");
    expect(ship.metafields["passerelle.fastmag_status"]).toMatch(/^300 /);
    const wait = await world.orderSnapshot(waiting.id);
    expect(wait.tags).toContain("fastmag-100");
    expect(wait.fulfillments).toHaveLength(0);
    // The app keeps no record of orders it did not export.
    expect(await db.orderExport.count({ where: { shop: world.shop } })).toBe(0);

    expect(result).toMatchObject({ mode: "paged", failed: 0, fulfilled: 1 });
    expect(result.unknownOrders).toContain(unknown.name);
    expect(result.unknownOrders).not.toContain(shipped.name);
    expect(result.unknown).toBe((result.unknownOrders as string[]).length);
  });

  it("a rerun with nothing changed in Fastmag writes nothing to Shopify", async () => {
    const sent = await operationsDuring(() => runJob("orders.statuses"));
    expect(sent.length).toBeGreaterThan(0);
    expect(sent.filter((name) => !READS.includes(name ?? ""))).toEqual([]);
    expect((await world.orderSnapshot(shipped.id)).fulfillments).toHaveLength(1);
  });

  it("follows the parcel at Chronopost to delivery, whoever shipped it, and writes nothing while it has not moved", async () => {
    world.chronopost.parcels.add("XF700800900FR");
    await runJob("orders.deliveries");
    expect((await world.orderSnapshot(shipped.id)).fulfillments[0]!.events).toEqual(["IN_TRANSIT"]);

    const sent = await operationsDuring(() => runJob("orders.deliveries"));
    expect(sent.filter((name) => !READS.includes(name ?? ""))).toEqual([]);

    world.chronopost.parcels.advance(25 * HOUR);
    const result = await runJob("orders.deliveries");
    expect(result).toMatchObject({ delivered: 1, failed: 0 });
    expect((await world.orderSnapshot(shipped.id)).fulfillments[0]!.events).toEqual(["IN_TRANSIT", "DELIVERED"]);

    // Delivered: no longer asked about, nothing written.
    const after = await operationsDuring(() => runJob("orders.deliveries"));
    expect(after.filter((name) => !READS.includes(name ?? ""))).toEqual([]);
  });

  it("a cancelled order is not followed", async () => {
    const cancelled = await world.createOrder();
    await enterInFastmag(cancelled, { status: 300, carrier: "CHRONOPOST", trackingNumber: "XF000CANCEL" });
    const record = world.shopify.store.shop(world.shop);
    ordersOf(record).orders.get(cancelled.legacyId)!.cancelledAt = new Date().toISOString();
    await runJob("orders.statuses");
    expect((await world.orderSnapshot(cancelled.id)).fulfillments).toHaveLength(0);
  });
});

describe("past the threshold", () => {
  it("reads Shopify's orders with one bulk query instead of pages, with the same outcome", async () => {
    const order = await world.createOrder();
    await enterInFastmag(order, { status: 300, carrier: "TNT", trackingNumber: "GE900100200" });
    const [{ statuses, statusSourceName, locationId }, shopify, settings] = await Promise.all([
      orderPorts(world.shop),
      shopifyClientForShop(world.shop),
      loadOrderSettings(world.shop),
    ]);
    const deps = {
      db,
      statuses,
      statusSourceName,
      shopify,
      now: () => new Date(),
      notifyCustomer: settings.notifyCustomer,
      locationId,
      bulk: { pollMs: 20 },
    };
    let result: Awaited<ReturnType<typeof syncOrderStatuses>> | undefined;
    const sent = await operationsDuring(async () => {
      result = await syncOrderStatuses({ ...deps, bulkAbove: 1 }, world.shop);
    });
    expect(result).toMatchObject({ mode: "bulk", fulfilled: 1, failed: 0 });
    expect(sent).toContain("BulkQueryRun");
    expect(sent).not.toContain("FollowedOrdersPage");
    expect((await world.orderSnapshot(order.id)).fulfillments[0]!.tracking[0]).toMatchObject({
      company: "TNT",
      number: "GE900100200",
    });

    // Under the threshold the same run pages.
    expect(await syncOrderStatuses({ ...deps, bulkAbove: 1000 }, world.shop)).toMatchObject({
      mode: "paged",
      fulfilled: 0,
      changed: 0,
    });

    world.tnt.parcels.add("GE900100200");
    const trackers = await carrierTrackers(world.shop);
    const deliveries = await syncOrderDeliveries(
      { db, shopify, now: () => new Date(), bulkAbove: 0, bulk: { pollMs: 20 } },
      world.shop,
      (carrier) => trackerFor(carrier, trackers),
    );
    expect(deliveries).toMatchObject({ mode: "bulk", failed: 0 });
    expect((await world.orderSnapshot(order.id)).fulfillments[0]!.events).toEqual(["IN_TRANSIT"]);
  });
});

describe("the Shopify emulator's order search, as the syncs use it", () => {
  it("unfulfilled = not shipped or shipped in part, shipped = all of it, open leaves cancelled out; ordersCount says AT_LEAST past its limit", async () => {
    const shopify = await shopifyClientForShop(world.shop);
    const none = await world.createOrder();
    const part = await world.createOrder(); // 2 of one line
    const all = await world.createOrder();
    const cancelled = await world.createOrder();
    ordersOf(world.shopify.store.shop(world.shop)).orders.get(cancelled.legacyId)!.cancelledAt =
      new Date().toISOString();
    const { data: state } = await shopify.request(ORDER_FULFILLMENT_STATE, { id: part.id });
    const fo = state.order!.fulfillmentOrders.nodes[0]!;
    await shopify.request(ACCEPT_FULFILLMENT_REQUEST, { id: fo.id });
    const { data: created } = await shopify.request(CREATE_FULFILLMENT, {
      fulfillment: {
        lineItemsByFulfillmentOrder: [
          { fulfillmentOrderId: fo.id, fulfillmentOrderLineItems: [{ id: fo.lineItems.nodes[0]!.id, quantity: 1 }] },
        ],
        trackingInfo: { company: "TNT", number: "PART1" },
        notifyCustomer: false,
      },
    });
    expect(created.fulfillmentCreate?.userErrors).toEqual([]);
    await fulfillWithTracking(shopify, {
      shopifyOrderId: all.id,
      trackingNumber: "ALL1",
      notifyCustomer: false,
      warehouseName: "Fastmag",
    });

    const matching = async (search: string) => {
      const found: string[] = [];
      for (const [label, order] of Object.entries({ none, part, all, cancelled })) {
        const { data } = await shopify.request(FOLLOWED_ORDERS_COUNT, {
          query: `id:${order.legacyId} AND ${search}`,
          limit: 10,
        });
        if (data.ordersCount!.count === 1) found.push(label);
      }
      return found;
    };
    expect(await matching(UNSHIPPED_ORDERS)).toEqual(["none", "part"]);
    expect(await matching("status:open AND fulfillment_status:shipped")).toEqual(["all"]);
    expect(await matching("fulfillment_status:partial")).toEqual(["part"]);
    expect(await matching("fulfillment_status:unshipped")).toEqual(["none", "cancelled"]);
    expect(await matching("status:cancelled")).toEqual(["cancelled"]);
    expect(await matching("-status:cancelled AND fulfillment_status:any")).toEqual(["none", "part", "all"]);

    // A parcel of an order shipped in part is followed too.
    world.tnt.parcels.add("PART1");
    await runJob("orders.deliveries");
    const partEvents = (await world.orderSnapshot(part.id)).fulfillments.map((f) => f.events);
    expect(partEvents).toEqual([["IN_TRANSIT"]]);

    const { data: limited } = await shopify.request(FOLLOWED_ORDERS_COUNT, { query: "status:any", limit: 2 });
    expect(limited.ordersCount).toEqual({ count: 2, precision: "AT_LEAST" });
    const { data: exact } = await shopify.request(FOLLOWED_ORDERS_COUNT, { query: `id:${none.legacyId}`, limit: 2 });
    expect(exact.ordersCount).toEqual({ count: 1, precision: "EXACT" });
  });
});
