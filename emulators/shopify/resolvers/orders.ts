// Orders, their fulfillment orders and fulfillments (Query.order / orders, Order.fulfillmentOrders,
// Order.fulfillments, Order.metafield). Records live in ../orders.ts.
import { connection, type ConnectionArgs } from "../graphql/connection";
import { gid, idOf, notImplemented, type DomainModule, type ResolverContext, type View } from "../graphql/context";
import { dateTerms, matcher } from "../graphql/search";
import {
  displayFulfillmentStatus,
  ordersOf,
  orderTotal,
  type FulfillmentOrderRecord,
  type FulfillmentRecord,
  type OrderRecord,
} from "../orders";

const moneyBag = (ctx: ResolverContext, amount: number | string): View => {
  const money = { __typename: "MoneyV2", amount: Number(amount).toFixed(2), currencyCode: ctx.shop.currencyCode };
  return { __typename: "MoneyBag", shopMoney: money, presentmentMoney: money };
};

function metafieldView(
  order: OrderRecord,
  m: { id: number; namespace: string; key: string; type: string; value: string; updatedAt: string },
): View {
  return {
    __typename: "Metafield",
    id: gid("Metafield", m.id),
    namespace: m.namespace,
    key: m.key,
    type: m.type,
    value: m.value,
    ownerType: "ORDER",
    updatedAt: m.updatedAt,
    createdAt: order.createdAt,
  };
}

export function orderView(ctx: ResolverContext, order: OrderRecord): View {
  const state = ordersOf(ctx.shop);
  const a = order.shippingAddress;
  return {
    __typename: "Order",
    id: gid("Order", order.id),
    legacyResourceId: String(order.id),
    name: order.name,
    email: order.email,
    note: order.note,
    tags: order.tags,
    createdAt: order.createdAt,
    updatedAt: order.updatedAt,
    processedAt: order.createdAt,
    cancelledAt: order.cancelledAt,
    closed: false,
    currencyCode: order.currency,
    displayFinancialStatus: order.financialStatus,
    displayFulfillmentStatus: displayFulfillmentStatus(state, order),
    paymentGatewayNames: order.paymentGateways,
    totalPriceSet: moneyBag(ctx, orderTotal(order)),
    totalShippingPriceSet: moneyBag(ctx, order.shippingPrice),
    shippingAddress: a && {
      __typename: "MailingAddress",
      firstName: a.firstName,
      lastName: a.lastName,
      company: a.company,
      address1: a.address1,
      address2: a.address2,
      zip: a.zip,
      city: a.city,
      countryCodeV2: a.countryCode,
      phone: a.phone,
      name: [a.firstName, a.lastName].filter(Boolean).join(" "),
    },
    customer: order.customer && {
      __typename: "Customer",
      id: gid("Customer", order.customer.id),
      firstName: order.customer.firstName,
      lastName: order.customer.lastName,
      phone: order.customer.phone,
    },
    lineItems: (args: ConnectionArgs) =>
      connection(
        "LineItemConnection",
        order.lines,
        args,
        (l) => l.id,
        (l) => ({
          __typename: "LineItem",
          id: gid("LineItem", l.id),
          sku: l.sku,
          name: l.title,
          title: l.title,
          quantity: l.quantity,
          isGiftCard: l.giftCard,
          requiresShipping: !l.giftCard,
          originalUnitPriceSet: moneyBag(ctx, l.price),
          totalDiscountSet: moneyBag(ctx, l.discount),
        }),
      ),
    metafield: (args: { namespace?: string | null; key: string }) => {
      const m = order.metafields.get(`${args.namespace ?? "$app"}.${args.key}`);
      return m ? metafieldView(order, m) : null;
    },
    fulfillmentOrders: (args: ConnectionArgs & { query?: string | null }) => {
      if (args.query) throw notImplemented("Order.fulfillmentOrders(query:)");
      const list = [...state.fulfillmentOrders.values()].filter((fo) => fo.orderId === order.id);
      return connection(
        "FulfillmentOrderConnection",
        list,
        args,
        (fo) => fo.id,
        (fo) => fulfillmentOrderView(ctx, fo),
      );
    },
    fulfillments: (args: { first?: number | null }) =>
      [...state.fulfillments.values()]
        .filter((f) => f.orderId === order.id)
        .slice(0, args.first ?? undefined)
        .map((f) => fulfillmentView(ctx, f)),
  };
}

export function fulfillmentOrderView(ctx: ResolverContext, fo: FulfillmentOrderRecord): View {
  const order = ordersOf(ctx.shop).orders.get(fo.orderId)!;
  const location = fo.locationId == null ? undefined : ctx.shop.locations.get(fo.locationId);
  return {
    __typename: "FulfillmentOrder",
    id: gid("FulfillmentOrder", fo.id),
    status: fo.status,
    requestStatus: fo.requestStatus,
    orderId: gid("Order", fo.orderId),
    orderName: order.name,
    assignedLocation: {
      __typename: "FulfillmentOrderAssignedLocation",
      name: location?.name ?? null,
      location: location ? { __typename: "Location", id: gid("Location", location.id), name: location.name } : null,
    },
    lineItems: (args: ConnectionArgs) =>
      connection(
        "FulfillmentOrderLineItemConnection",
        fo.lines,
        args,
        (l) => l.id,
        (l) => {
          const line = order.lines.find((x) => x.id === l.lineItemId)!;
          return {
            __typename: "FulfillmentOrderLineItem",
            id: gid("FulfillmentOrderLineItem", l.id),
            totalQuantity: l.totalQuantity,
            remainingQuantity: l.remainingQuantity,
            sku: line.sku,
            lineItem: {
              __typename: "LineItem",
              id: gid("LineItem", line.id),
              sku: line.sku,
              name: line.title,
              quantity: line.quantity,
            },
          };
        },
      ),
  };
}

export function fulfillmentView(_ctx: ResolverContext, f: FulfillmentRecord): View {
  return {
    __typename: "Fulfillment",
    id: gid("Fulfillment", f.id),
    status: f.status,
    displayStatus: f.displayStatus,
    createdAt: f.createdAt,
    updatedAt: f.updatedAt,
    deliveredAt: f.events.find((e) => e.status === "DELIVERED")?.happenedAt ?? null,
    trackingInfo: (args: { first?: number | null }) =>
      f.tracking
        .slice(0, args.first ?? undefined)
        .map((t) => ({ __typename: "FulfillmentTrackingInfo", company: t.company, number: t.number, url: t.url })),
  };
}

/**
 * Shopify's order search, as far as the emulator goes. `fulfillment_status`: shipped (= fulfilled),
 * partial, unshipped, unfulfilled (unshipped or partial), any. `status`: open (not closed, not
 * cancelled), closed, cancelled, not_closed, any.
 */
function ordersMatching(ctx: ResolverContext, query: string | undefined): OrderRecord[] {
  const state = ordersOf(ctx.shop);
  const { rest, test } = dateTerms(query, ["created_at", "updated_at"]);
  const matches = matcher(rest, "orders", [
    "financial_status",
    "fulfillment_status",
    "status",
    "name",
    "id",
    "email",
    "tag",
  ]);
  return [...state.orders.values()].filter((o) => {
    const display = displayFulfillmentStatus(state, o);
    const fulfillment =
      display === "FULFILLED"
        ? ["shipped", "fulfilled"]
        : display === "PARTIALLY_FULFILLED"
          ? ["partial", "unfulfilled"]
          : ["unshipped", "unfulfilled"];
    // Orders are never closed in the emulator; a cancelled one is neither open nor not_closed.
    const status = o.cancelledAt ? ["cancelled", "any"] : ["open", "not_closed", "any"];
    return (
      test({ created_at: o.createdAt, updated_at: o.updatedAt }) &&
      matches({
        default: o.name,
        name: o.name,
        id: o.id,
        email: o.email ?? "",
        tag: o.tags,
        financial_status: o.financialStatus.toLowerCase(),
        fulfillment_status: [...fulfillment, "any"],
        status,
      })
    );
  });
}

export const ordersModule: DomainModule = {
  query: {
    order: (args: { id: string }, ctx) => {
      const order = ordersOf(ctx.shop).orders.get(idOf(args.id, "Order") ?? -1);
      return order ? orderView(ctx, order) : null;
    },
    orders: (args: ConnectionArgs & { query?: string; sortKey?: string }, ctx) => {
      if (args.sortKey && !["CREATED_AT", "ID", "PROCESSED_AT"].includes(args.sortKey))
        throw notImplemented(`orders(sortKey: ${args.sortKey})`);
      return connection(
        "OrderConnection",
        ordersMatching(ctx, args.query),
        args,
        (o) => o.id,
        (o) => orderView(ctx, o),
      );
    },
    /** Shopify counts up to `limit` (10,000 by default) and says AT_LEAST past it. */
    ordersCount: (args: { query?: string | null; limit?: number | null; savedSearchId?: string | null }, ctx) => {
      if (args.savedSearchId) throw notImplemented("ordersCount(savedSearchId:)");
      const total = ordersMatching(ctx, args.query ?? undefined).length;
      const limit = args.limit === undefined ? 10_000 : args.limit;
      return limit !== null && total > limit
        ? { __typename: "Count", count: limit, precision: "AT_LEAST" }
        : { __typename: "Count", count: total, precision: "EXACT" };
    },
    fulfillmentOrder: (args: { id: string }, ctx) => {
      const fo = ordersOf(ctx.shop).fulfillmentOrders.get(idOf(args.id, "FulfillmentOrder") ?? -1);
      return fo ? fulfillmentOrderView(ctx, fo) : null;
    },
    fulfillment: (args: { id: string }, ctx) => {
      const f = ordersOf(ctx.shop).fulfillments.get(idOf(args.id, "Fulfillment") ?? -1);
      return f ? fulfillmentView(ctx, f) : null;
    },
  },
};
