// Cancelling and refunding an emulated order as the admin does, and the refunds/create body Shopify
// sends for it (its refund resource: refund_line_items with restock_type and the line item).
import { describe, expect, it } from "vitest";
import {
  cancelOrder,
  createOrder,
  OrderInputError,
  orderCreatePayload,
  ordersOf,
  refundOrder,
  refundPayload,
} from "./orders";
import { EmulatorStore } from "./store";

function world() {
  const store = new EmulatorStore(() => Date.parse("2026-12-01T08:00:00Z"));
  const shop = store.upsertShop({ domain: "annulations.myshopify.com" });
  const order = createOrder(store, shop, {
    lineItems: [
      { sku: "A|B|C", quantity: 2, price: 10 },
      { sku: "D|E|F", quantity: 1, price: 5 },
    ],
  });
  return { store, shop, order };
}

describe("emulated cancellations and refunds", () => {
  it("refunds one line with restock, refuses more than is left, and says REFUNDED once everything is", () => {
    const { store, order } = world();
    const refund = refundOrder(store, order, { lines: [{ sku: "A|B|C", quantity: 1 }] });
    expect(refundPayload(order, refund)).toMatchObject({
      id: refund.id,
      admin_graphql_api_id: `gid://shopify/Refund/${refund.id}`,
      order_id: order.id,
      restock: true,
      refund_line_items: [
        {
          quantity: 1,
          restock_type: "return",
          line_item_id: order.lines[0]!.id,
          subtotal: "10.00",
          line_item: { id: order.lines[0]!.id, sku: "A|B|C", quantity: 2 },
        },
      ],
    });
    expect(order.financialStatus).toBe("PAID");
    expect(() => refundOrder(store, order, { lines: [{ sku: "A|B|C", quantity: 2 }] })).toThrow(OrderInputError);
    const rest = refundOrder(store, order, {
      lines: [
        { sku: "A|B|C", quantity: 1, restock: false },
        { sku: "D|E|F", quantity: 1 },
      ],
    });
    expect(refundPayload(order, rest).refund_line_items).toMatchObject([
      { restock_type: "no_restock" },
      { restock_type: "return" },
    ]);
    expect(order.financialStatus).toBe("REFUNDED");
  });

  it("cancels with a refund of what is left (restock_type cancel); the order payload carries cancelled_at", () => {
    const { store, shop, order } = world();
    refundOrder(store, order, { lines: [{ sku: "D|E|F", quantity: 1 }] });
    const refund = cancelOrder(store, shop, order, { refund: true });
    expect(refund!.lines.map((l) => [l.quantity, l.restockType])).toEqual([[2, "cancel"]]);
    expect(orderCreatePayload(shop, order)).toMatchObject({
      cancelled_at: "2026-12-01T08:00:00Z",
      cancel_reason: "customer",
      financial_status: "refunded",
    });
    expect(() => cancelOrder(store, shop, order)).toThrow("already cancelled");
  });
});

describe("emulated fulfillment orders", () => {
  it("splits an order into one fulfillment order per location its lines are fulfilled from", () => {
    const store = new EmulatorStore(() => Date.parse("2026-12-01T08:00:00Z"));
    const shop = store.upsertShop({ domain: "repartition.myshopify.com" });
    const [paris, marseille] = [
      store.addLocation(shop, { name: "Paris" }),
      store.addLocation(shop, { name: "Marseille" }),
    ];
    const order = createOrder(store, shop, {
      lineItems: [
        { sku: "A|B|C", quantity: 2, price: 10, location: "Paris" },
        { sku: "D|E|F", quantity: 1, price: 5, location: "Marseille" },
        { sku: "G|H|I", quantity: 3, price: 5 },
      ],
      location: "Paris",
    });
    const fulfillmentOrders = [...ordersOf(shop).fulfillmentOrders.values()].filter((fo) => fo.orderId === order.id);
    expect(
      fulfillmentOrders.map((fo) => [fo.locationId, fo.lines.map((l) => [l.lineItemId, l.totalQuantity])]),
    ).toEqual([
      [
        paris.id,
        [
          [order.lines[0]!.id, 2],
          [order.lines[2]!.id, 3],
        ],
      ],
      [marseille.id, [[order.lines[1]!.id, 1]]],
    ]);
    expect(() =>
      createOrder(store, shop, { lineItems: [{ sku: "X", quantity: 1, price: 1, location: "Lyon" }] }),
    ).toThrow(OrderInputError);
  });
});
