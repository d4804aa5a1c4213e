// Orders in the emulator: records kept beside the shop (a WeakMap, so resetting a shop resets them),
// created through the control API with their fulfillment orders, and the REST `orders/create` payload
// Shopify would deliver for them (the shape of seed 001's sample).
import type { EmulatorStore, ShopRecord, VariantRecord } from "./store";

export interface OrderLineRecord {
  id: number;
  sku: string | null;
  title: string;
  quantity: number;
  price: string;
  discount: string;
  giftCard: boolean;
  variantId: number | null;
  productId: number | null;
}

export interface OrderAddress {
  firstName: string | null;
  lastName: string | null;
  company: string | null;
  address1: string | null;
  address2: string | null;
  zip: string | null;
  city: string | null;
  countryCode: string | null;
  phone: string | null;
}

export interface FulfillmentOrderRecord {
  id: number;
  orderId: number;
  locationId: number | null;
  status: "OPEN" | "IN_PROGRESS" | "CLOSED";
  requestStatus: "UNSUBMITTED" | "SUBMITTED" | "ACCEPTED";
  lines: { id: number; lineItemId: number; totalQuantity: number; remainingQuantity: number }[];
}

export interface FulfillmentRecord {
  id: number;
  orderId: number;
  status: "SUCCESS" | "CANCELLED";
  displayStatus: string;
  tracking: { company: string | null; number: string | null; url: string | null }[];
  notifyCustomer: boolean;
  lines: { fulfillmentOrderId: number; fulfillmentOrderLineItemId: number; quantity: number }[];
  events: { id: number; status: string; happenedAt: string; message: string | null }[];
  createdAt: string;
  updatedAt: string;
}

export interface OrderRecord {
  id: number;
  number: number;
  name: string;
  email: string | null;
  financialStatus: "PAID" | "PENDING" | "AUTHORIZED" | "REFUNDED" | "VOIDED";
  paymentGateways: string[];
  note: string | null;
  tags: string[];
  currency: string;
  shippingPrice: string;
  shippingAddress: OrderAddress | null;
  customer: {
    id: number;
    email: string | null;
    firstName: string | null;
    lastName: string | null;
    phone: string | null;
  } | null;
  lines: OrderLineRecord[];
  metafields: Map<
    string,
    { id: number; namespace: string; key: string; type: string; value: string; updatedAt: string }
  >;
  createdAt: string;
  updatedAt: string;
  cancelledAt: string | null;
  cancelReason: string | null;
  refunds: RefundRecord[];
}

/** A refund made in the admin: which lines, how many, and whether they went back to stock. */
export interface RefundRecord {
  id: number;
  orderId: number;
  note: string | null;
  createdAt: string;
  lines: { id: number; lineItemId: number; quantity: number; restockType: "no_restock" | "cancel" | "return" }[];
}

export interface OrdersState {
  orders: Map<number, OrderRecord>;
  fulfillmentOrders: Map<number, FulfillmentOrderRecord>;
  fulfillments: Map<number, FulfillmentRecord>;
  nextNumber: number;
}

const states = new WeakMap<ShopRecord, OrdersState>();

export function ordersOf(shop: ShopRecord): OrdersState {
  let state = states.get(shop);
  if (!state) {
    state = { orders: new Map(), fulfillmentOrders: new Map(), fulfillments: new Map(), nextNumber: 1001 };
    states.set(shop, state);
  }
  return state;
}

export interface OrderInput {
  email?: string | null;
  financialStatus?: OrderRecord["financialStatus"];
  paymentGateways?: string[];
  shippingPrice?: number | string;
  note?: string;
  shippingAddress?: Partial<OrderAddress> | null;
  customer?: { firstName?: string; lastName?: string; phone?: string };
  tags?: string[];
  lineItems: {
    /** The variant sold (orderCreate names lines by variant); its SKU and title come with it. */
    variantId?: number;
    sku?: string | null;
    title?: string;
    quantity: number;
    price: number | string;
    discount?: number | string;
    giftCard?: boolean;
    /** Location name or gid this line is fulfilled from (default: the order's `location`); Shopify splits
     *  an order into one fulfillment order per location. */
    location?: string;
  }[];
  /** Location name or gid the fulfillment order is assigned to (default: the first active location). */
  location?: string;
  /** A fulfillment service's order starts with a submitted request, as Shopify sends it to the service. */
  fulfillmentRequest?: boolean;
}

export class OrderInputError extends Error {}

const money = (value: number | string | undefined) => Number(value ?? 0).toFixed(2);

export function createOrder(store: EmulatorStore, shop: ShopRecord, input: OrderInput): OrderRecord {
  if (!Array.isArray(input.lineItems) || input.lineItems.length === 0)
    throw new OrderInputError("an order needs lineItems");
  const state = ordersOf(shop);
  const now = store.timestamp();
  const number = state.nextNumber++;
  const order: OrderRecord = {
    id: store.nextId(),
    number,
    name: `#${number}`,
    email: input.email === undefined ? "client@example.fr" : input.email,
    financialStatus: input.financialStatus ?? "PAID",
    paymentGateways: input.paymentGateways ?? ["shopify_payments"],
    note: input.note ?? null,
    tags: [...(input.tags ?? [])],
    currency: shop.currencyCode,
    shippingPrice: money(input.shippingPrice),
    shippingAddress:
      input.shippingAddress === null
        ? null
        : {
            firstName: "Camille",
            lastName: "Martin",
            company: null,
            address1: "12 rue des Lilas",
            address2: null,
            zip: "69003",
            city: "Lyon",
            countryCode: "FR",
            phone: null,
            ...input.shippingAddress,
          },
    customer: {
      id: store.nextId(),
      email: input.email ?? null,
      firstName: input.customer?.firstName ?? "Camille",
      lastName: input.customer?.lastName ?? "Martin",
      phone: input.customer?.phone ?? null,
    },
    lines: input.lineItems.map((line) => {
      const variant =
        line.variantId !== undefined
          ? shop.variants.get(line.variantId)
          : line.sku
            ? variantWithSku(shop, line.sku)
            : undefined;
      if (!(Number.isInteger(line.quantity) && line.quantity > 0))
        throw new OrderInputError(`line quantity must be a positive integer`);
      return {
        id: store.nextId(),
        sku: line.sku ?? variant?.sku ?? null,
        title: line.title ?? line.sku ?? variant?.sku ?? "Article",
        quantity: line.quantity,
        price: money(line.price),
        discount: money(line.discount),
        giftCard: line.giftCard ?? false,
        variantId: variant?.id ?? null,
        productId: variant?.productId ?? null,
      };
    }),
    metafields: new Map(),
    createdAt: now,
    updatedAt: now,
    cancelledAt: null,
    cancelReason: null,
    refunds: [],
  };
  state.orders.set(order.id, order);

  const orderLocation = resolveLocation(shop, input.location);
  // One fulfillment order per location, in the order of the lines' first appearance.
  const byLocation = new Map<number | null, OrderRecord["lines"]>();
  order.lines.forEach((line, i) => {
    // Gift cards are not shipped: Shopify leaves them out of fulfillment orders.
    if (line.giftCard) return;
    const wanted = input.lineItems[i]!.location;
    const locationId = wanted === undefined ? orderLocation : resolveLocation(shop, wanted);
    byLocation.set(locationId, [...(byLocation.get(locationId) ?? []), line]);
  });
  for (const [locationId, lines] of byLocation) {
    const fulfillmentOrder: FulfillmentOrderRecord = {
      id: store.nextId(),
      orderId: order.id,
      locationId,
      status: "OPEN",
      requestStatus: input.fulfillmentRequest ? "SUBMITTED" : "UNSUBMITTED",
      lines: lines.map((l) => ({
        id: store.nextId(),
        lineItemId: l.id,
        totalQuantity: l.quantity,
        remainingQuantity: l.quantity,
      })),
    };
    state.fulfillmentOrders.set(fulfillmentOrder.id, fulfillmentOrder);
  }
  return order;
}

// SKU → variant, kept per shop: rebuilding it for every order made a burst of orders on a 100k-variant
// shop crawl. Rebuilt when the catalog's size changes or a cached entry no longer matches.
const skuIndexes = new WeakMap<ShopRecord, { size: number; bySku: Map<string, VariantRecord> }>();

function variantWithSku(shop: ShopRecord, sku: string): VariantRecord | undefined {
  const cached = skuIndexes.get(shop);
  const hit = cached?.size === shop.variants.size ? cached.bySku.get(sku) : undefined;
  if (hit && hit.sku === sku && shop.variants.get(hit.id) === hit) return hit;
  const bySku = new Map<string, VariantRecord>();
  for (const v of shop.variants.values()) if (v.sku) bySku.set(v.sku, v);
  skuIndexes.set(shop, { size: shop.variants.size, bySku });
  return bySku.get(sku);
}

function resolveLocation(shop: ShopRecord, wanted: string | undefined): number | null {
  const locations = [...shop.locations.values()];
  if (wanted) {
    const found = locations.find((l) => l.name === wanted || `gid://shopify/Location/${l.id}` === wanted);
    if (!found) throw new OrderInputError(`no location "${wanted}"`);
    return found.id;
  }
  return locations.find((l) => l.isActive)?.id ?? null;
}

export const orderTotal = (order: OrderRecord) =>
  order.lines.reduce((sum, l) => sum + Number(l.price) * l.quantity - Number(l.discount), 0) +
  Number(order.shippingPrice);

/** The fulfillment status Shopify shows for the order, from its fulfillment orders. */
export function displayFulfillmentStatus(
  state: OrdersState,
  order: OrderRecord,
): "UNFULFILLED" | "PARTIALLY_FULFILLED" | "FULFILLED" | "IN_PROGRESS" {
  const fos = [...state.fulfillmentOrders.values()].filter((fo) => fo.orderId === order.id);
  const total = fos.flatMap((fo) => fo.lines).reduce((s, l) => s + l.totalQuantity, 0);
  const remaining = fos.flatMap((fo) => fo.lines).reduce((s, l) => s + l.remainingQuantity, 0);
  if (total > 0 && remaining === 0) return "FULFILLED";
  if (remaining < total) return "PARTIALLY_FULFILLED";
  return fos.some((fo) => fo.status === "IN_PROGRESS") ? "IN_PROGRESS" : "UNFULFILLED";
}

/** The REST body of `orders/create` (seed 001's shape), for the parts the app reads and a few more. */
export function orderCreatePayload(shop: ShopRecord, order: OrderRecord): Record<string, unknown> {
  const address = order.shippingAddress && {
    first_name: order.shippingAddress.firstName,
    last_name: order.shippingAddress.lastName,
    company: order.shippingAddress.company,
    address1: order.shippingAddress.address1,
    address2: order.shippingAddress.address2,
    zip: order.shippingAddress.zip,
    city: order.shippingAddress.city,
    country_code: order.shippingAddress.countryCode,
    phone: order.shippingAddress.phone,
    name: [order.shippingAddress.firstName, order.shippingAddress.lastName].filter(Boolean).join(" "),
  };
  const total = orderTotal(order);
  return {
    id: order.id,
    admin_graphql_api_id: `gid://shopify/Order/${order.id}`,
    email: order.email,
    contact_email: order.email,
    created_at: order.createdAt,
    updated_at: order.updatedAt,
    number: order.number - 1000,
    order_number: order.number,
    name: order.name,
    note: order.note,
    currency: order.currency,
    financial_status: order.financialStatus.toLowerCase(),
    fulfillment_status: null,
    total_price: total.toFixed(2),
    total_discounts: order.lines.reduce((s, l) => s + Number(l.discount), 0).toFixed(2),
    payment_gateway_names: order.paymentGateways,
    tags: order.tags.join(", "),
    line_items: order.lines.map((l) => ({
      id: l.id,
      admin_graphql_api_id: `gid://shopify/LineItem/${l.id}`,
      variant_id: l.variantId,
      product_id: l.productId,
      title: l.title,
      name: l.title,
      quantity: l.quantity,
      price: l.price,
      sku: l.sku,
      gift_card: l.giftCard,
      requires_shipping: !l.giftCard,
      total_discount: l.discount,
      fulfillment_status: null,
      fulfillable_quantity: l.quantity,
    })),
    shipping_lines: [{ title: "Standard", price: order.shippingPrice, code: "STANDARD" }],
    shipping_address: address,
    billing_address: address,
    customer: order.customer && {
      id: order.customer.id,
      email: order.customer.email,
      first_name: order.customer.firstName,
      last_name: order.customer.lastName,
      phone: order.customer.phone,
    },
    fulfillments: [],
    refunds: order.refunds.map((r) => refundPayload(order, r)),
    cancelled_at: order.cancelledAt,
    cancel_reason: order.cancelReason,
    shop_domain: shop.domain,
  };
}

/** How many of a line can still be refunded. */
export const refundableQuantity = (order: OrderRecord, lineId: number) =>
  (order.lines.find((l) => l.id === lineId)?.quantity ?? 0) -
  order.refunds.flatMap((r) => r.lines).reduce((sum, l) => sum + (l.lineItemId === lineId ? l.quantity : 0), 0);

/**
 * Refunds lines of the order as the admin does ("Refund" with "Restock items"): by line id or SKU; a
 * quantity beyond what is left to refund is refused. The financial status follows.
 */
export function refundOrder(
  store: EmulatorStore,
  order: OrderRecord,
  input: { lines: { lineItemId?: number; sku?: string; quantity: number; restock?: boolean }[]; note?: string },
  restockType: "cancel" | "return" = "return",
): RefundRecord {
  if (!Array.isArray(input.lines) || input.lines.length === 0) throw new OrderInputError("a refund needs lines");
  const lines = input.lines.map((wanted) => {
    const line = order.lines.find(
      (l) => l.id === wanted.lineItemId || (wanted.sku !== undefined && l.sku === wanted.sku),
    );
    if (!line) throw new OrderInputError(`no line ${wanted.lineItemId ?? wanted.sku} in order ${order.name}`);
    if (!(Number.isInteger(wanted.quantity) && wanted.quantity > 0))
      throw new OrderInputError("refund quantities must be positive integers");
    if (wanted.quantity > refundableQuantity(order, line.id))
      throw new OrderInputError(
        `only ${refundableQuantity(order, line.id)} of ${line.sku ?? line.title} left to refund`,
      );
    return {
      id: store.nextId(),
      lineItemId: line.id,
      quantity: wanted.quantity,
      restockType: wanted.restock === false ? ("no_restock" as const) : restockType,
    };
  });
  const refund: RefundRecord = {
    id: store.nextId(),
    orderId: order.id,
    note: input.note ?? null,
    createdAt: store.timestamp(),
    lines,
  };
  order.refunds.push(refund);
  const left = order.lines.reduce((sum, l) => sum + refundableQuantity(order, l.id), 0);
  order.financialStatus = left === 0 ? "REFUNDED" : order.financialStatus;
  order.updatedAt = refund.createdAt;
  return refund;
}

/** Cancels the order as the admin does; with `refund`, every line left is refunded (restocked unless `restock: false`). */
export function cancelOrder(
  store: EmulatorStore,
  shop: ShopRecord,
  order: OrderRecord,
  input: { reason?: string; refund?: boolean; restock?: boolean } = {},
): RefundRecord | null {
  if (order.cancelledAt) throw new OrderInputError(`order ${order.name} is already cancelled`);
  order.cancelledAt = store.timestamp();
  order.cancelReason = input.reason ?? "customer";
  order.updatedAt = order.cancelledAt;
  // Shopify closes what was left to fulfill.
  for (const fo of ordersOf(shop).fulfillmentOrders.values())
    if (fo.orderId === order.id && fo.status !== "CLOSED") fo.status = "CLOSED";
  const left = order.lines
    .map((l) => ({ lineItemId: l.id, quantity: refundableQuantity(order, l.id), restock: input.restock !== false }))
    .filter((l) => l.quantity > 0);
  if (!input.refund || left.length === 0) {
    if (order.financialStatus !== "REFUNDED") order.financialStatus = "VOIDED";
    return null;
  }
  return refundOrder(store, order, { lines: left }, "cancel");
}

/** The REST body of `refunds/create` (Shopify's refund resource). */
export function refundPayload(order: OrderRecord, refund: RefundRecord): Record<string, unknown> {
  return {
    id: refund.id,
    admin_graphql_api_id: `gid://shopify/Refund/${refund.id}`,
    order_id: order.id,
    created_at: refund.createdAt,
    processed_at: refund.createdAt,
    note: refund.note,
    restock: refund.lines.some((l) => l.restockType !== "no_restock"),
    user_id: null,
    refund_line_items: refund.lines.map((l) => {
      const line = order.lines.find((x) => x.id === l.lineItemId)!;
      const subtotal = (Number(line.price) * l.quantity).toFixed(2);
      return {
        id: l.id,
        line_item_id: line.id,
        quantity: l.quantity,
        restock_type: l.restockType,
        location_id: null,
        subtotal,
        total_tax: "0.00",
        line_item: {
          id: line.id,
          admin_graphql_api_id: `gid://shopify/LineItem/${line.id}`,
          variant_id: line.variantId,
          product_id: line.productId,
          title: line.title,
          name: line.title,
          quantity: line.quantity,
          price: line.price,
          sku: line.sku,
          gift_card: line.giftCard,
        },
      };
    }),
    transactions: [],
    order_adjustments: [],
  };
}
