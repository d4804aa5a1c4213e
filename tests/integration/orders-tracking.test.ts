// After the export: Fastmag statuses back to Shopify (tags, metafield, fulfillment with tracking on
// our fulfillment orders), fetch_tracking_numbers, update-tracking at TNT, and the deliveries sync at
// Chronopost — against the emulators, over HTTP.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "~/db.server";
import { createChronopostTracker } from "~/connectors/chronopost/client.server";
import { createTntExpressConnectTracker, createTntFranceTracker } from "~/connectors/tnt/client.server";
import { CarrierRefusedError } from "~/lib/soap.server";
import { loader as fetchTrackingNumbers } from "~/routes/fulfillment.fetch_tracking_numbers";
import { action as updateTrackingAction } from "~/routes/api.orders.$orderId.update-tracking";
import { signCallbackQuery } from "~/shopify/callback-signature.server";
import { adminRequest } from "../support/admin-request";
import { startOrdersWorld, type OrdersWorld } from "./orders-harness";

let world: OrdersWorld;
const HOUR = 3600_000;

beforeAll(async () => {
  world = await startOrdersWorld("track");
});

afterAll(async () => {
  await world?.close();
});

async function exportedOrder(input: Parameters<OrdersWorld["createOrder"]>[0] = {}) {
  const order = await world.createOrder(input);
  await world.deliverOrderCreated(order.legacyId);
  await world.runJobs(["orders.export"]);
  expect((await world.exportRow(order.id)).status).toBe("exported");
  return order;
}

const enqueue = (type: string) =>
  db.job.create({
    data: { shop: world.shop, type, trigger: "manual", paramsJson: "{}", runAfter: new Date(), maxAttempts: 1 },
  });

describe("order statuses", () => {
  it("tags a status change, then ships the order with carrier, number and tracking URL at status 300, once", async () => {
    const order = await exportedOrder();
    world.fastmag.db.prepare("UPDATE orders SET status = 200 WHERE shopify_order_id = ?").run(order.id);
    await enqueue("orders.statuses");
    await world.runJobs(["orders.statuses"]);
    let snapshot = await world.orderSnapshot(order.id);
    expect(snapshot.tags).toContain("fastmag-200");
    expect(snapshot.fulfillments).toHaveLength(0);
    expect(await world.exportRow(order.id)).toMatchObject({ erpStatus: 200, fulfilledAt: null });

    world.shipInFastmag(order.id, 300, "CHRONOPOST", "XY123456789FR");
    await enqueue("orders.statuses");
    await world.runJobs(["orders.statuses"]);
    snapshot = await world.orderSnapshot(order.id);
    expect(snapshot.tags).toEqual(expect.arrayContaining(["fastmag-200", "fastmag-300"]));
    expect(snapshot.metafields["passerelle.fastmag_status"]).toMatch(/^300 /);
    expect(snapshot.fulfillmentStatus).toBe("FULFILLED");
    expect(snapshot.fulfillments).toEqual([
      expect.objectContaining({
        notifyCustomer: true,
        tracking: [{ company: "Chronopost", number: "XY123456789FR", url: expect.stringContaining("XY123456789FR") }],
      }),
    ]);
    const row = await world.exportRow(order.id);
    expect(row).toMatchObject({ erpStatus: 300, carrier: "Chronopost", trackingNumber: "XY123456789FR" });
    expect(row.fulfilledAt).not.toBeNull();

    // The next run leaves a shipped order alone.
    await enqueue("orders.statuses");
    await world.runJobs(["orders.statuses"]);
    expect((await world.orderSnapshot(order.id)).fulfillments).toHaveLength(1);
  });

  it("a partly shipped order (305) gets its fulfillment, stays followed, and a rerun does not ship it twice", async () => {
    const order = await exportedOrder();
    world.shipInFastmag(order.id, 305, "TNT", "TNT000111");
    await enqueue("orders.statuses");
    await world.runJobs(["orders.statuses"]);
    expect(await world.exportRow(order.id)).toMatchObject({
      erpStatus: 305,
      trackingNumber: "TNT000111",
      fulfilledAt: null,
    });
    await enqueue("orders.statuses");
    await world.runJobs(["orders.statuses"]);
    expect((await world.orderSnapshot(order.id)).fulfillments).toHaveLength(1);
  });

  it("answers fetch_tracking_numbers from our records, signed requests only", async () => {
    const order = await exportedOrder();
    world.shipInFastmag(order.id, 300, "CHRONOPOST", "XY999000111FR");
    await enqueue("orders.statuses");
    await world.runJobs(["orders.statuses"]);
    const url = new URL(`${process.env.SHOPIFY_APP_URL}/fulfillment/fetch_tracking_numbers.json`);
    url.searchParams.append("order_names[]", order.name);
    url.searchParams.append("order_names[]", "#404");
    url.searchParams.set("shop", world.shop);
    url.searchParams.set("timestamp", String(Math.floor(Date.now() / 1000)));
    const signed = signCallbackQuery(url, process.env.SHOPIFY_API_SECRET!);
    const ok = await fetchTrackingNumbers({ request: new Request(signed), params: {}, context: {} });
    expect(ok.status).toBe(200);
    expect(await ok.json()).toEqual({
      tracking_numbers: { [order.name]: "XY999000111FR" },
      message: expect.any(String),
      success: true,
    });
    signed.searchParams.set("shop", "other.myshopify.com");
    expect((await fetchTrackingNumbers({ request: new Request(signed), params: {}, context: {} })).status).toBe(401);
  });
});

describe("carriers", () => {
  it("update-tracking asks TNT and posts a Shopify fulfillment event only when the parcel moved", async () => {
    const order = await exportedOrder();
    world.shipInFastmag(order.id, 300, "TNT", "TNT555");
    world.tnt.parcels.add("TNT555");
    await enqueue("orders.statuses");
    await world.runJobs(["orders.statuses"]);

    const call = async () => {
      const response = await updateTrackingAction({
        request: adminRequest(world.shop, `/api/orders/${order.legacyId}/update-tracking`, { method: "POST" }),
        params: { orderId: String(order.legacyId) },
        context: {},
      });
      return {
        status: response.status,
        body: (await response.json()) as { state: string; moved: boolean; carrier: string },
      };
    };
    expect(await call()).toEqual({
      status: 200,
      body: expect.objectContaining({ carrier: "TNT", state: "in_transit", moved: true }),
    });
    expect(await call()).toEqual({ status: 200, body: expect.objectContaining({ state: "in_transit", moved: false }) });
    world.tnt.parcels.advance(27 * HOUR);
    expect(await call()).toEqual({ status: 200, body: expect.objectContaining({ state: "delivered", moved: true }) });
    expect((await world.orderSnapshot(order.id)).fulfillments[0]!.events).toEqual(["IN_TRANSIT", "DELIVERED"]);
    expect((await world.exportRow(order.id)).deliveredAt).not.toBeNull();
  });

  it("the deliveries sync marks an order delivered when Chronopost says D, not before", async () => {
    const order = await exportedOrder();
    world.shipInFastmag(order.id, 300, "CHRONOPOST", "XC100200300FR");
    world.chronopost.parcels.add("XC100200300FR");
    await enqueue("orders.statuses");
    await world.runJobs(["orders.statuses"]);

    await enqueue("orders.deliveries");
    await world.runJobs(["orders.deliveries"]);
    expect((await world.exportRow(order.id)).deliveredAt).toBeNull();
    expect((await world.orderSnapshot(order.id)).fulfillments[0]!.events).toEqual(["IN_TRANSIT"]);

    world.chronopost.parcels.advance(25 * HOUR);
    await enqueue("orders.deliveries");
    await world.runJobs(["orders.deliveries"]);
    expect((await world.exportRow(order.id)).deliveredAt).not.toBeNull();
    expect((await world.orderSnapshot(order.id)).fulfillments[0]!.events).toEqual(["IN_TRANSIT", "DELIVERED"]);
  });

  it("the carrier clients speak each protocol: Chronopost SOAP, TNT France SOAP with WS-Security, TNT ExpressConnect XML", async () => {
    world.chronopost.parcels.add("XC1", [
      { afterMs: 0, code: "PC", label: "Pris en charge" },
      { afterMs: HOUR, code: "D", label: "Livré <chez le voisin> & signé" },
    ]);
    const chrono = createChronopostTracker({ url: world.chronopost.trackingUrl });
    expect(await chrono.track("XC1")).toMatchObject({ state: "in_transit", label: "Pris en charge" });
    world.chronopost.parcels.advance(HOUR);
    expect(await chrono.track("XC1")).toMatchObject({
      state: "delivered",
      label: "Livré <chez le voisin> & signé",
      deliveredAt: expect.any(Date),
    });
    expect(await chrono.track("UNKNOWN")).toMatchObject({ state: "not_found" });

    world.tnt.parcels.add("GE123");
    const credentials = { username: "passerelle", password: "tnt-secret" };
    expect(
      await createTntExpressConnectTracker({ url: world.tnt.expressConnectUrl, credentials }).track("GE123"),
    ).toMatchObject({ state: "in_transit" });
    expect(
      await createTntExpressConnectTracker({ url: world.tnt.expressConnectUrl, credentials }).track("NOPE"),
    ).toMatchObject({ state: "not_found" });
    await expect(
      createTntExpressConnectTracker({
        url: world.tnt.expressConnectUrl,
        credentials: { ...credentials, password: "x" },
      }).track("GE123"),
    ).rejects.toBeInstanceOf(CarrierRefusedError);
    await expect(
      createTntFranceTracker({ url: world.tnt.franceUrl, credentials: { ...credentials, password: "x" } }).track(
        "GE123",
      ),
    ).rejects.toThrow("could not be authenticated");
    world.tnt.parcels.advance(30 * HOUR);
    expect(await createTntFranceTracker({ url: world.tnt.franceUrl, credentials }).track("GE123")).toMatchObject({
      state: "delivered",
      deliveredAt: expect.any(Date),
    });
  });
});
