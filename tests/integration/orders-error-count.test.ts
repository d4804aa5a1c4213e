// The Orders screen's Errors count, on the real database: orders that failed and orders whose
// cancellation or refund could not be reported, each counted once, only the shop's own — the same number
// as the Errors tab lists — counted by walking indexes (SQLite's plan searches, never scans a table),
// and not stopped at a thousand orders with failed reversals.
import { describe, expect, it } from "vitest";
import { db } from "~/db.server";
import { isPostgres } from "~/jobs/claim.server";
import { errorCountQuery, listOrders } from "~/sync/orders/views.server";
import { uniqueShop } from "../support/shops";

const gid = (n: number) => `gid://shopify/Order/${n}`;

async function order(shop: string, n: number, status: string) {
  await db.orderExport.create({
    data: { shop, shopifyOrderId: gid(n), shopifyOrderName: `#${n}`, status, payloadJson: "{}" },
  });
}

async function reversal(shop: string, n: number, key: string, status: string) {
  await db.orderReversal.create({
    data: {
      shop,
      shopifyOrderId: gid(n),
      key,
      kind: key === "cancel" ? "cancellation" : "refund",
      requestedJson: "[]",
      status,
    },
  });
}

describe("the Orders screen's Errors count", () => {
  it("counts failed orders and orders with a failed cancellation or refund, each once, as the Errors tab lists them", async () => {
    const shop = uniqueShop("order-errors");
    const other = uniqueShop("order-errors-other");
    await order(shop, 1, "failed");
    await order(shop, 2, "exported"); // its cancellation and a refund both failed: one order
    await reversal(shop, 2, "cancel", "failed");
    await reversal(shop, 2, "gid://shopify/Refund/20", "failed");
    await order(shop, 3, "failed"); // failed, and its refund too: still one
    await reversal(shop, 3, "gid://shopify/Refund/30", "failed");
    await order(shop, 4, "exported"); // reported: not an error
    await reversal(shop, 4, "cancel", "reported");
    await order(shop, 5, "pending");
    await reversal(shop, 6, "cancel", "failed"); // no order row (never listed)
    await order(other, 1, "failed");
    await order(other, 2, "exported");
    await reversal(other, 2, "cancel", "failed");

    const all = await listOrders(db, shop);
    expect(all.errorCount).toBe(3);
    const errors = await listOrders(db, shop, "errors");
    expect(errors.total).toBe(3);
    expect(errors.orders.map((o) => o.name).sort()).toEqual(["#1", "#2", "#3"]);
    expect((await listOrders(db, other)).errorCount).toBe(2);
    expect((await listOrders(db, uniqueShop("order-errors-none"))).errorCount).toBe(0);
  });

  it("counts every order with a failed reversal, past a thousand", async () => {
    const shop = uniqueShop("order-errors-many");
    const many = 1_050;
    await db.orderExport.createMany({
      data: Array.from({ length: many }, (_, i) => ({
        shop,
        shopifyOrderId: gid(i + 1),
        shopifyOrderName: `#${i + 1}`,
        status: "exported",
        payloadJson: "{}",
      })),
    });
    await db.orderReversal.createMany({
      data: Array.from({ length: many }, (_, i) => ({
        shop,
        shopifyOrderId: gid(i + 1),
        key: "cancel",
        kind: "cancellation",
        requestedJson: "[]",
        status: "failed",
      })),
    });
    await order(shop, 5_000, "failed");
    expect((await listOrders(db, shop)).errorCount).toBe(many + 1);
  });

  it("walks indexes to count: no table of orders or reversals is scanned", async () => {
    const shop = uniqueShop("order-errors-plan");
    await order(shop, 1, "failed");
    await reversal(shop, 2, "cancel", "failed");
    await order(shop, 2, "exported");
    if (isPostgres(db)) {
      // PostgreSQL's planner picks by table size (a sequential scan of a tiny table is right): the
      // query runs there and answers the same; the plan is asserted on SQLite, whose planner goes by indexes.
      expect((await listOrders(db, shop)).errorCount).toBe(2);
      return;
    }
    const plan = await db.$queryRaw<{ detail: string }[]>`EXPLAIN QUERY PLAN ${errorCountQuery(shop)}`;
    const steps = plan.map((row) => row.detail);
    // "SCAN CONSTANT ROW" is the outer SELECT's one row (no table): any other SCAN reads a whole table.
    expect(steps.filter((step) => /^SCAN /.test(step) && step !== "SCAN CONSTANT ROW")).toEqual([]);
    expect(steps).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^SEARCH o USING COVERING INDEX OrderExport_shop_status_id_idx/),
        expect.stringMatching(/^SEARCH r USING INDEX OrderReversal_shop_status_idx/),
        expect.stringMatching(/^SEARCH o USING INDEX OrderExport_shop_shopifyOrderId_key/),
      ]),
    );
  });
});
