// The order export honours the Unmatched screen's decisions (ADR 0022), against the Shopify and Fastmag
// emulators: a line whose Shopify SKU the merchant linked to a Fastmag SKU reaches Fastmag with the Fastmag
// SKU; a line whose Shopify SKU the merchant ignored is named in the order's comment instead of holding the
// whole order; an order made only of ignored lines is held with a reason.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "~/db.server";
import { decideUnmatched } from "~/sync/unmatched/screen.server";
import { SKU, startOrdersWorld, type OrdersWorld } from "./orders-harness";

let world: OrdersWorld;
const SHOPIFY_LINKED = "SHOP-BOXER-S";
const SHOPIFY_IGNORED = "GIFT-WRAP";

beforeAll(async () => {
  world = await startOrdersWorld("unmatched-orders");
  world.fastmag.db.prepare("UPDATE stocks SET stock_web = 100 WHERE reference = 'BOXE20BEWARE'").run();
  // What a full stock run left on the Unmatched screen: two Shopify SKUs Fastmag does not know.
  await db.unmatchedSku.createMany({
    data: [SHOPIFY_LINKED, SHOPIFY_IGNORED].map((sku) => ({ shop: world.shop, side: "shopify", sku })),
  });
});

afterAll(async () => {
  await world?.close();
});

async function exportThroughWebhook(lineItems: { sku: string; title: string; quantity: number; price: number }[]) {
  const order = await world.createOrder({ lineItems });
  expect((await world.deliverOrderCreated(order.legacyId)).status).toBe(200);
  await world.runJobs(["orders.export"]);
  return order;
}

describe("order export and the Unmatched decisions", () => {
  it("sends a linked line with the Fastmag SKU and names an ignored line in the comment", async () => {
    await decideUnmatched(world.shop, { intent: "link", sku: SKU, shopifySku: SHOPIFY_LINKED });
    await decideUnmatched(world.shop, { intent: "ignore", side: "shopify", sku: SHOPIFY_IGNORED });

    const order = await exportThroughWebhook([
      { sku: SHOPIFY_LINKED, title: "Boxer Beware S", quantity: 2, price: 29.9 },
      { sku: SHOPIFY_IGNORED, title: "Paquet cadeau", quantity: 1, price: 3 },
    ]);

    const row = await world.exportRow(order.id);
    expect(row).toMatchObject({ status: "exported", lastError: null });
    const [inFastmag] = world.fastmagOrdersFor(order.id);
    const lines = world.fastmag.db
      .prepare("SELECT reference, color, size, quantity FROM order_lines WHERE order_id = ?")
      .all(inFastmag!.order_id);
    expect(lines).toEqual([{ reference: "BOXE20BEWARE", color: "MARINE/GRIS CHINE", size: "S", quantity: 2 }]);
    const { comment } = world.fastmag.db
      .prepare("SELECT comment FROM orders WHERE order_id = ?")
      .get(inFastmag!.order_id) as { comment: string };
    expect(comment).toContain(`1 × Paquet cadeau (${SHOPIFY_IGNORED})`);
  });

  it("holds an order whose every line is ignored, saying why", async () => {
    const order = await exportThroughWebhook([{ sku: SHOPIFY_IGNORED, title: "Paquet cadeau", quantity: 1, price: 3 }]);
    const row = await world.exportRow(order.id);
    expect(row.status).toBe("failed");
    expect(row.lastError).toContain("every line's SKU is ignored on the Unmatched screen");
    expect(world.fastmagOrdersFor(order.id)).toEqual([]);
  });

  it("without the decisions, the same Shopify SKUs hold the order", async () => {
    await decideUnmatched(world.shop, { intent: "undo", side: "source", sku: SKU });
    await decideUnmatched(world.shop, { intent: "undo", side: "shopify", sku: SHOPIFY_IGNORED });
    const order = await exportThroughWebhook([
      { sku: SHOPIFY_LINKED, title: "Boxer Beware S", quantity: 1, price: 29.9 },
    ]);
    expect((await world.exportRow(order.id)).status).toBe("failed");
    expect(world.fastmagOrdersFor(order.id)).toEqual([]);
  });
});
