// Orders, as far as a warehouse system touches them: GET /api/v5/orders/{externalId} and
// POST /api/v5/orders/{externalId}/edit with order[shipped], order[shipmentStore], order[shipmentDate].
import type { ApiContext, ApiMethod } from "./context";
import { RetailCrmError } from "./envelope";
import { isRecord, jsonField, stringOf } from "./params";
import type { Order } from "./store";

function findOrder({ account, params, path }: ApiContext): Order {
  const by = stringOf(params.by) ?? "externalId";
  if (by !== "externalId" && by !== "id")
    throw RetailCrmError.inputParameters({ by: 'The value must be "externalId" or "id".' });
  const site = stringOf(params.site) || undefined;
  const order = account.findOrder(path.externalId, by, site);
  if (!order) throw RetailCrmError.notFound("Not found");
  return order;
}

export const getOrder: ApiMethod = (context) => ({ body: { success: true, order: orderView(findOrder(context)) } });

export const editOrder: ApiMethod = (context) => {
  const order = findOrder(context);
  const input = jsonField(context.params, "order");
  if (!isRecord(input)) throw RetailCrmError.validation({ order: "This value should be of type object." });
  const errors: Record<string, string> = {};
  const next = { ...order };

  if (input.shipped !== undefined) {
    const shipped = booleanOf(input.shipped);
    if (!context.account.hasWarehouseModule())
      errors.shipped = "The field can be edited only when a warehouse system integration module is registered.";
    else if (shipped === undefined) errors.shipped = "This value should be of type bool.";
    else next.shipped = shipped;
  }
  if (input.shipmentStore !== undefined) {
    if (typeof input.shipmentStore !== "string" || !context.account.warehouses.has(input.shipmentStore))
      errors.shipmentStore = `Store "${String(input.shipmentStore)}" not found.`;
    else next.shipmentStore = input.shipmentStore;
  }
  if (input.shipmentDate !== undefined) {
    if (typeof input.shipmentDate !== "string" || !isDate(input.shipmentDate))
      errors.shipmentDate = "This value is not a valid date (Y-m-d).";
    else next.shipmentDate = input.shipmentDate;
  }
  if (input.status !== undefined) {
    if (typeof input.status !== "string" || !input.status) errors.status = "This value should not be blank.";
    else next.status = input.status;
  }
  if (Object.keys(errors).length) throw RetailCrmError.validation(errors);
  context.account.orders.set(order.id, next);
  return { body: { success: true, id: next.id, order: orderView(next) } };
};

function booleanOf(value: unknown): boolean | undefined {
  if (typeof value === "boolean") return value;
  if (value === 1 || value === "1" || value === "true") return true;
  if (value === 0 || value === "0" || value === "false") return false;
  return undefined;
}

function isDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value);
}

export function orderView(order: Order) {
  return {
    id: order.id,
    externalId: order.externalId,
    number: order.number,
    site: order.site,
    status: order.status,
    createdAt: order.createdAt,
    shipped: order.shipped,
    ...(order.shipmentStore ? { shipmentStore: order.shipmentStore } : {}),
    ...(order.shipmentDate ? { shipmentDate: order.shipmentDate } : {}),
  };
}
