// Control routes for orders (tests and demo): create an order — which delivers `orders/create` as
// Shopify would —, cancel or refund it (delivering `orders/cancelled`, `refunds/create`), and read back what the app did to it (metafields, tags, fulfillments, events).
import type { IncomingMessage, ServerResponse } from "node:http";
import {
  cancelOrder,
  createOrder,
  refundOrder,
  refundPayload,
  displayFulfillmentStatus,
  OrderInputError,
  orderCreatePayload,
  ordersOf,
  type FulfillmentRecord,
  type OrderInput,
  type OrderRecord,
} from "../orders";
import { UnknownShopError, type EmulatorStore, type ShopRecord } from "../store";
import type { WebhookDispatcher } from "../webhooks/deliver";
import { fulfillmentPayload } from "../webhooks/feed-payloads";
import { readFields, sendJson } from "./io";

export interface OrderControlDeps {
  store: EmulatorStore;
  webhooks: WebhookDispatcher;
}

/** `parts` starts after /_emulator: ["shops", <shop>, "orders", …]. */
export async function handleOrderControl(
  req: IncomingMessage,
  res: ServerResponse,
  parts: string[],
  deps: OrderControlDeps,
): Promise<void> {
  try {
    const shop = deps.store.shop(parts[1]!);
    const method = req.method ?? "GET";
    if (method === "GET" && parts.length === 3)
      return sendJson(res, 200, { orders: [...ordersOf(shop).orders.values()].map((o) => orderSnapshot(shop, o)) });
    if (method === "POST" && parts.length === 3) {
      const input = ((await readFields(req)) ?? {}) as unknown as OrderInput & {
        deliver?: boolean;
        duplicates?: number;
        /** false: answer at once and deliver (with retries) in the background; GET webhooks/attempts shows them. */
        wait?: boolean;
        webhookId?: string;
      };
      const order = createOrder(deps.store, shop, input);
      const delivery =
        input.deliver === false
          ? Promise.resolve([])
          : deps.webhooks.deliver({
              shop: shop.domain,
              topic: "orders/create",
              payload: orderCreatePayload(shop, order),
              duplicates: input.duplicates,
              webhookId: input.webhookId,
            });
      if (input.wait === false) {
        delivery.catch(() => undefined);
        return sendJson(res, 201, { order: orderSnapshot(shop, order), attempts: [] });
      }
      return sendJson(res, 201, { order: orderSnapshot(shop, order), attempts: await delivery });
    }
    if (method === "POST" && parts.length === 5 && parts[4] === "webhook") {
      const order = ordersOf(shop).orders.get(Number(parts[3]));
      if (!order) return sendJson(res, 404, { error: `no order ${parts[3]}` });
      const input = ((await readFields(req)) ?? {}) as { duplicates?: number };
      const attempts = await deps.webhooks.deliver({
        shop: shop.domain,
        topic: "orders/create",
        payload: orderCreatePayload(shop, order),
        duplicates: input.duplicates,
      });
      return sendJson(res, 200, { attempts });
    }
    if (method === "POST" && parts.length === 5 && parts[4] === "fulfill") {
      // The merchant marks the order fulfilled in the admin: every open line fulfilled at once, then
      // Shopify sends orders/fulfilled (the REST order payload, with its fulfillments).
      const order = ordersOf(shop).orders.get(Number(parts[3]));
      if (!order) return sendJson(res, 404, { error: `no order ${parts[3]}` });
      const fulfillment = fulfillEverything(deps.store, shop, order);
      if (!fulfillment) return sendJson(res, 409, { error: `order ${parts[3]} has nothing left to fulfill` });
      const attempts = await deps.webhooks.deliver({
        shop: shop.domain,
        topic: "orders/fulfilled",
        payload: orderFulfilledPayload(shop, order),
      });
      // …and fulfillments/create with the fulfillment itself (seed 001's shape), when subscribed.
      const fulfillmentAttempts =
        deps.webhooks.targets(shop.domain, "fulfillments/create").length > 0
          ? await deps.webhooks.deliver({
              shop: shop.domain,
              topic: "fulfillments/create",
              payload: fulfillmentPayload(shop, order, fulfillment),
            })
          : [];
      return sendJson(res, 200, { order: orderSnapshot(shop, order), attempts, fulfillmentAttempts });
    }
    if (method === "POST" && parts.length === 7 && parts[4] === "fulfillments" && parts[6] === "tracking") {
      // The merchant edits a fulfillment's tracking in the admin: Shopify sends fulfillments/update
      // with the fulfillment (seed 001's shape), when subscribed. Body { company?, number?, url? }.
      const order = ordersOf(shop).orders.get(Number(parts[3]));
      const fulfillment = ordersOf(shop).fulfillments.get(Number(parts[5]));
      if (!order || !fulfillment || fulfillment.orderId !== order.id)
        return sendJson(res, 404, { error: `no fulfillment ${parts[5]} on order ${parts[3]}` });
      const input = ((await readFields(req)) ?? {}) as { company?: string; number?: string; url?: string };
      fulfillment.tracking = [
        {
          company: input.company ?? fulfillment.tracking[0]?.company ?? null,
          number: input.number ?? null,
          url: input.url ?? null,
        },
      ];
      // A later second than its creation: updated_at is whole seconds on Shopify.
      const now = deps.store.timestamp();
      fulfillment.updatedAt =
        Date.parse(now) > Date.parse(fulfillment.updatedAt)
          ? now
          : new Date(Date.parse(fulfillment.updatedAt) + 1000).toISOString().replace(/\.\d{3}Z$/, "Z");
      order.updatedAt = fulfillment.updatedAt;
      const attempts =
        deps.webhooks.targets(shop.domain, "fulfillments/update").length > 0
          ? await deps.webhooks.deliver({
              shop: shop.domain,
              topic: "fulfillments/update",
              payload: fulfillmentPayload(shop, order, fulfillment),
            })
          : [];
      return sendJson(res, 200, { order: orderSnapshot(shop, order), attempts });
    }
    if (method === "POST" && parts.length === 5 && parts[4] === "cancel") {
      // The merchant cancels the order in the admin: Shopify sends orders/cancelled, then refunds/create
      // when the cancellation refunds it (`refund: true`, items restocked unless `restock: false`).
      const order = ordersOf(shop).orders.get(Number(parts[3]));
      if (!order) return sendJson(res, 404, { error: `no order ${parts[3]}` });
      const input = ((await readFields(req)) ?? {}) as {
        reason?: string;
        refund?: boolean;
        restock?: boolean;
        duplicates?: number;
        deliver?: boolean;
      };
      if (order.cancelledAt) return sendJson(res, 409, { error: `order ${parts[3]} is already cancelled` });
      const refund = cancelOrder(deps.store, shop, order, input);
      const attempts =
        input.deliver === false
          ? []
          : [
              ...(await deps.webhooks.deliver({
                shop: shop.domain,
                topic: "orders/cancelled",
                payload: orderCreatePayload(shop, order),
                duplicates: input.duplicates,
              })),
              ...(refund
                ? await deps.webhooks.deliver({
                    shop: shop.domain,
                    topic: "refunds/create",
                    payload: refundPayload(order, refund),
                    duplicates: input.duplicates,
                  })
                : []),
            ];
      return sendJson(res, 200, { order: orderSnapshot(shop, order), attempts });
    }
    if (method === "POST" && parts.length === 5 && parts[4] === "refunds") {
      // The merchant refunds lines in the admin (restocked unless a line says `restock: false`):
      // Shopify sends refunds/create.
      const order = ordersOf(shop).orders.get(Number(parts[3]));
      if (!order) return sendJson(res, 404, { error: `no order ${parts[3]}` });
      const input = ((await readFields(req)) ?? {}) as Parameters<typeof refundOrder>[2] & {
        duplicates?: number;
        deliver?: boolean;
      };
      const refund = refundOrder(deps.store, order, input);
      const attempts =
        input.deliver === false
          ? []
          : await deps.webhooks.deliver({
              shop: shop.domain,
              topic: "refunds/create",
              payload: refundPayload(order, refund),
              duplicates: input.duplicates,
            });
      return sendJson(res, 201, {
        refund: { id: `gid://shopify/Refund/${refund.id}`, legacyId: refund.id, lines: refund.lines },
        order: orderSnapshot(shop, order),
        attempts,
      });
    }
    if (method === "PATCH" && parts.length === 4) {
      // Fix an order the way a merchant would in the admin (e.g. add the missing address).
      const order = ordersOf(shop).orders.get(Number(parts[3]));
      if (!order) return sendJson(res, 404, { error: `no order ${parts[3]}` });
      const input = ((await readFields(req)) ?? {}) as Partial<OrderInput>;
      if (input.shippingAddress !== undefined) {
        order.shippingAddress = input.shippingAddress && {
          firstName: null,
          lastName: null,
          company: null,
          address1: null,
          address2: null,
          zip: null,
          city: null,
          countryCode: "FR",
          phone: null,
          ...input.shippingAddress,
        };
      }
      if (input.email !== undefined) order.email = input.email;
      order.updatedAt = deps.store.timestamp();
      return sendJson(res, 200, { order: orderSnapshot(shop, order) });
    }
    return sendJson(res, 404, { error: `no control route ${method} /_emulator/${parts.join("/")}` });
  } catch (error) {
    if (error instanceof UnknownShopError) return sendJson(res, 404, { error: error.message });
    if (error instanceof OrderInputError) return sendJson(res, 400, { error: error.message });
    throw error;
  }
}

export function orderSnapshot(shop: ShopRecord, order: OrderRecord) {
  const state = ordersOf(shop);
  return {
    id: `gid://shopify/Order/${order.id}`,
    legacyId: order.id,
    name: order.name,
    email: order.email,
    financialStatus: order.financialStatus,
    cancelledAt: order.cancelledAt,
    refunds: order.refunds.map((r) => ({ id: `gid://shopify/Refund/${r.id}`, lines: r.lines })),
    fulfillmentStatus: displayFulfillmentStatus(state, order),
    tags: order.tags,
    metafields: Object.fromEntries([...order.metafields.entries()].map(([k, m]) => [k, m.value])),
    lines: order.lines.map((l) => ({ sku: l.sku, quantity: l.quantity, price: l.price, giftCard: l.giftCard })),
    fulfillmentOrders: [...state.fulfillmentOrders.values()]
      .filter((fo) => fo.orderId === order.id)
      .map((fo) => ({
        id: `gid://shopify/FulfillmentOrder/${fo.id}`,
        status: fo.status,
        requestStatus: fo.requestStatus,
        locationId: fo.locationId,
        lines: fo.lines,
      })),
    fulfillments: [...state.fulfillments.values()]
      .filter((f) => f.orderId === order.id)
      .map((f) => ({
        id: `gid://shopify/Fulfillment/${f.id}`,
        status: f.status,
        displayStatus: f.displayStatus,
        tracking: f.tracking,
        notifyCustomer: f.notifyCustomer,
        events: f.events.map((e) => e.status),
      })),
  };
}

/** Fulfills every remaining line of the order in one fulfillment (as "Mark as fulfilled" does); null when none is left. */
function fulfillEverything(store: EmulatorStore, shop: ShopRecord, order: OrderRecord): FulfillmentRecord | null {
  const state = ordersOf(shop);
  const lines: FulfillmentRecord["lines"] = [];
  for (const fo of state.fulfillmentOrders.values()) {
    if (fo.orderId !== order.id || fo.status === "CLOSED") continue;
    for (const line of fo.lines)
      if (line.remainingQuantity > 0) {
        lines.push({
          fulfillmentOrderId: fo.id,
          fulfillmentOrderLineItemId: line.id,
          quantity: line.remainingQuantity,
        });
        line.remainingQuantity = 0;
      }
    fo.status = "CLOSED";
  }
  if (!lines.length) return null;
  const now = store.timestamp();
  const fulfillment: FulfillmentRecord = {
    id: store.nextId(),
    orderId: order.id,
    status: "SUCCESS",
    displayStatus: "FULFILLED",
    tracking: [],
    notifyCustomer: false,
    lines,
    events: [],
    createdAt: now,
    updatedAt: now,
  };
  state.fulfillments.set(fulfillment.id, fulfillment);
  order.updatedAt = now;
  return fulfillment;
}

/** orders/fulfilled: the order payload with fulfillment_status "fulfilled" and its fulfillments. */
function orderFulfilledPayload(shop: ShopRecord, order: OrderRecord): Record<string, unknown> {
  const fulfillments = [...ordersOf(shop).fulfillments.values()].filter((f) => f.orderId === order.id);
  return {
    ...orderCreatePayload(shop, order),
    fulfillment_status: "fulfilled",
    fulfillments: fulfillments.map((f) => ({
      id: f.id,
      admin_graphql_api_id: `gid://shopify/Fulfillment/${f.id}`,
      order_id: order.id,
      status: f.status.toLowerCase(),
      created_at: f.createdAt,
      updated_at: f.updatedAt,
      tracking_company: f.tracking[0]?.company ?? null,
      tracking_number: f.tracking[0]?.number ?? null,
    })),
  };
}
