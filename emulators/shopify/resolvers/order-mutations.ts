// Mutations on orders: metafieldsSet and tagsAdd (for orders only), and the fulfillment flow of a
// fulfillment service — accept the request, create fulfillments with tracking, update tracking,
// add events (DELIVERED…).
import { gid, idOf, notImplemented, userError, type DomainModule, type ResolverContext } from "../graphql/context";
import { ordersOf, type FulfillmentRecord } from "../orders";
import { fulfillmentOrderView, fulfillmentView } from "./orders";

type Input = Record<string, unknown>;

const payloadError = (typename: string, field: string[] | null, message: string, extra: Record<string, unknown>) => ({
  __typename: typename,
  ...extra,
  userErrors: [userError("UserError", field, message)],
});

function metafieldsSet(args: { metafields: Input[] }, ctx: ResolverContext) {
  const state = ordersOf(ctx.shop);
  const errors = [];
  const written = [];
  for (const [index, m] of args.metafields.entries()) {
    const order = state.orders.get(idOf(m.ownerId, "Order") ?? -1);
    if (idOf(m.ownerId, "Order") === undefined)
      throw notImplemented(`metafieldsSet on ${String(m.ownerId)} (only orders are emulated)`);
    if (!order) {
      errors.push({
        __typename: "MetafieldsSetUserError",
        field: ["metafields", String(index), "ownerId"],
        message: "Owner does not exist.",
        code: "INVALID_VALUE",
        elementIndex: index,
      });
      continue;
    }
    const namespace = String(m.namespace ?? "$app");
    const key = `${namespace}.${String(m.key)}`;
    const existing = order.metafields.get(key);
    const record = {
      id: existing?.id ?? ctx.store.nextId(),
      namespace,
      key: String(m.key),
      type: String(m.type ?? existing?.type ?? "single_line_text_field"),
      value: String(m.value),
      updatedAt: ctx.store.timestamp(),
    };
    order.metafields.set(key, record);
    written.push({
      __typename: "Metafield",
      id: gid("Metafield", record.id),
      namespace,
      key: record.key,
      value: record.value,
      type: record.type,
    });
  }
  // Shopify applies all or nothing: with any error, nothing is returned as written.
  return { __typename: "MetafieldsSetPayload", metafields: errors.length ? [] : written, userErrors: errors };
}

function tagsAdd(args: { id: string; tags: string[] | string }, ctx: ResolverContext) {
  const orderId = idOf(args.id, "Order");
  if (orderId === undefined) throw notImplemented(`tagsAdd on ${args.id} (only orders are emulated)`);
  const order = ordersOf(ctx.shop).orders.get(orderId);
  if (!order) return payloadError("TagsAddPayload", ["id"], "Order does not exist", { node: null });
  const tags = (Array.isArray(args.tags) ? args.tags : args.tags.split(",")).map((t) => t.trim()).filter(Boolean);
  for (const tag of tags) if (!order.tags.includes(tag)) order.tags.push(tag);
  order.updatedAt = ctx.store.timestamp();
  return { __typename: "TagsAddPayload", node: { __typename: "Order", id: args.id }, userErrors: [] };
}

function acceptFulfillmentRequest(args: { id: string }, ctx: ResolverContext) {
  const fo = ordersOf(ctx.shop).fulfillmentOrders.get(idOf(args.id, "FulfillmentOrder") ?? -1);
  if (!fo)
    return payloadError(
      "FulfillmentOrderAcceptFulfillmentRequestPayload",
      ["id"],
      "Fulfillment order does not exist.",
      { fulfillmentOrder: null },
    );
  if (fo.requestStatus !== "SUBMITTED") {
    return payloadError(
      "FulfillmentOrderAcceptFulfillmentRequestPayload",
      ["id"],
      "Cannot accept fulfillment request when the request status is not submitted.",
      { fulfillmentOrder: null },
    );
  }
  fo.requestStatus = "ACCEPTED";
  fo.status = "IN_PROGRESS";
  return {
    __typename: "FulfillmentOrderAcceptFulfillmentRequestPayload",
    fulfillmentOrder: fulfillmentOrderView(ctx, fo),
    userErrors: [],
  };
}

function fulfillmentCreate(args: { fulfillment: Input }, ctx: ResolverContext) {
  const state = ordersOf(ctx.shop);
  const input = args.fulfillment;
  const groups = (input.lineItemsByFulfillmentOrder as Input[]) ?? [];
  const fail = (message: string) =>
    payloadError("FulfillmentCreatePayload", ["fulfillment"], message, { fulfillment: null });
  const planned: {
    fo: NonNullable<ReturnType<typeof state.fulfillmentOrders.get>>;
    lineId: number;
    quantity: number;
  }[] = [];
  let orderId: number | undefined;
  for (const group of groups) {
    const fo = state.fulfillmentOrders.get(idOf(group.fulfillmentOrderId, "FulfillmentOrder") ?? -1);
    if (!fo) return fail("Fulfillment order does not exist.");
    if (orderId !== undefined && fo.orderId !== orderId)
      return fail("All fulfillment orders must belong to the same order.");
    orderId = fo.orderId;
    if (fo.status === "CLOSED") return fail(`Fulfillment order ${gid("FulfillmentOrder", fo.id)} is closed.`);
    if (fo.requestStatus === "SUBMITTED") return fail("The fulfillment request must be accepted before fulfilling.");
    const wanted =
      (group.fulfillmentOrderLineItems as { id: string; quantity: number }[] | undefined) ??
      fo.lines
        .filter((l) => l.remainingQuantity > 0)
        .map((l) => ({ id: gid("FulfillmentOrderLineItem", l.id), quantity: l.remainingQuantity }));
    for (const w of wanted) {
      const line = fo.lines.find((l) => l.id === idOf(w.id, "FulfillmentOrderLineItem"));
      if (!line) return fail(`Fulfillment order line item ${w.id} does not exist.`);
      if (w.quantity > line.remainingQuantity) return fail("Quantity to fulfill exceeds the remaining quantity.");
      planned.push({ fo, lineId: line.id, quantity: w.quantity });
    }
  }
  if (orderId === undefined || planned.length === 0 || planned.every((p) => p.quantity === 0))
    return fail("Nothing to fulfill.");
  for (const p of planned) p.fo.lines.find((l) => l.id === p.lineId)!.remainingQuantity -= p.quantity;
  for (const fo of new Set(planned.map((p) => p.fo)))
    fo.status = fo.lines.every((l) => l.remainingQuantity === 0) ? "CLOSED" : "IN_PROGRESS";
  const tracking = (input.trackingInfo as Input | undefined) ?? {};
  const now = ctx.store.timestamp();
  const fulfillment: FulfillmentRecord = {
    id: ctx.store.nextId(),
    orderId,
    status: "SUCCESS",
    displayStatus: "FULFILLED",
    tracking:
      tracking.number || tracking.company
        ? [
            {
              company: (tracking.company as string) ?? null,
              number: (tracking.number as string) ?? null,
              url: (tracking.url as string) ?? null,
            },
          ]
        : [],
    notifyCustomer: Boolean(input.notifyCustomer),
    lines: planned.map((p) => ({
      fulfillmentOrderId: p.fo.id,
      fulfillmentOrderLineItemId: p.lineId,
      quantity: p.quantity,
    })),
    events: [],
    createdAt: now,
    updatedAt: now,
  };
  state.fulfillments.set(fulfillment.id, fulfillment);
  // A fulfillment changes its order (its updated_at moves, as on Shopify: updated_at searches find it).
  const order = state.orders.get(fulfillment.orderId);
  if (order) order.updatedAt = now;
  return { __typename: "FulfillmentCreatePayload", fulfillment: fulfillmentView(ctx, fulfillment), userErrors: [] };
}

function trackingInfoUpdate(
  args: { fulfillmentId: string; trackingInfoInput: Input; notifyCustomer?: boolean },
  ctx: ResolverContext,
) {
  const f = ordersOf(ctx.shop).fulfillments.get(idOf(args.fulfillmentId, "Fulfillment") ?? -1);
  if (!f)
    return payloadError("FulfillmentTrackingInfoUpdatePayload", ["fulfillmentId"], "Fulfillment does not exist.", {
      fulfillment: null,
    });
  const t = args.trackingInfoInput;
  f.tracking = [
    {
      company: (t.company as string) ?? f.tracking[0]?.company ?? null,
      number: (t.number as string) ?? null,
      url: (t.url as string) ?? null,
    },
  ];
  f.updatedAt = ctx.store.timestamp();
  const order = ordersOf(ctx.shop).orders.get(f.orderId);
  if (order) order.updatedAt = f.updatedAt;
  return { __typename: "FulfillmentTrackingInfoUpdatePayload", fulfillment: fulfillmentView(ctx, f), userErrors: [] };
}

const EVENT_DISPLAY: Record<string, string> = {
  DELIVERED: "DELIVERED",
  IN_TRANSIT: "IN_TRANSIT",
  OUT_FOR_DELIVERY: "OUT_FOR_DELIVERY",
  FAILURE: "FAILURE",
  ATTEMPTED_DELIVERY: "ATTEMPTED_DELIVERY",
};

function fulfillmentEventCreate(args: { fulfillmentEvent: Input }, ctx: ResolverContext) {
  const input = args.fulfillmentEvent;
  const f = ordersOf(ctx.shop).fulfillments.get(idOf(input.fulfillmentId, "Fulfillment") ?? -1);
  if (!f)
    return payloadError(
      "FulfillmentEventCreatePayload",
      ["fulfillmentEvent", "fulfillmentId"],
      "Fulfillment does not exist.",
      { fulfillmentEvent: null },
    );
  const event = {
    id: ctx.store.nextId(),
    status: String(input.status),
    happenedAt: (input.happenedAt as string) ?? ctx.store.timestamp(),
    message: (input.message as string) ?? null,
  };
  f.events.push(event);
  f.displayStatus = EVENT_DISPLAY[event.status] ?? f.displayStatus;
  return {
    __typename: "FulfillmentEventCreatePayload",
    fulfillmentEvent: {
      __typename: "FulfillmentEvent",
      id: gid("FulfillmentEvent", event.id),
      status: event.status,
      happenedAt: event.happenedAt,
      message: event.message,
    },
    userErrors: [],
  };
}

export const orderMutationsModule: DomainModule = {
  mutation: {
    metafieldsSet,
    tagsAdd,
    fulfillmentOrderAcceptFulfillmentRequest: acceptFulfillmentRequest,
    fulfillmentCreate,
    fulfillmentTrackingInfoUpdate: trackingInfoUpdate,
    fulfillmentEventCreate,
  },
};
