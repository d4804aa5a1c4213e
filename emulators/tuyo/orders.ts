// Tuyo orders: sales made on the marketplace (created through the control API, as Tuyo's customers
// would), and the seller's progress reports on them: PATCH update_order/{sku} for orders of unique
// products, PATCH change_order/{code} for orders of products with variants.
// Statuses move forward, Pendiente → Empaque → Ruta; Cancelada from any of them, and it gives the
// stock back. Repeating the current status is accepted (and recorded) so tests can count reports.
import type { ApiContext, ApiRoute } from "./context";
import { ok, TuyoError } from "./envelope";
import { isRecord } from "./fields";
import { ORDER_STATUSES, type Catalog, type Order, type OrderItem, type OrderStatus } from "./store";

const RANK: Record<OrderStatus, number> = { Pendiente: 0, Empaque: 1, Ruta: 2, Cancelada: 3 };

function statusIn(body: unknown): Exclude<OrderStatus, "Pendiente"> {
  const status = isRecord(body) ? body.status : undefined;
  if (status === undefined || status === null || status === "") throw TuyoError.bad("Status is missing");
  if (!ORDER_STATUSES.includes(status as never))
    throw TuyoError.bad(`Status must be one of ${ORDER_STATUSES.join(", ")}`);
  return status as Exclude<OrderStatus, "Pendiente">;
}

function move(context: ApiContext, order: Order, status: OrderStatus, via: "update_order" | "change_order") {
  if (order.status === "Cancelada" && status !== "Cancelada") throw TuyoError.bad(`Order ${order.code} is cancelled`);
  if (status !== "Cancelada" && RANK[status] < RANK[order.status])
    throw TuyoError.bad(`Order ${order.code} is already in status ${order.status}`);
  if (status === "Cancelada" && order.status !== "Cancelada") restock(context.catalog, order.items);
  order.status = status;
  order.history.push({ status, at: context.clock.date().toISOString(), via });
  return ok(" Order updated!");
}

export const updateOrder: ApiRoute = (context) => {
  const { sku } = context.path;
  const status = statusIn(context.body);
  const orders = [...context.catalog.orders.values()].filter((order) =>
    order.items.some((item) => item.sku === sku || item.productSku === sku),
  );
  if (!orders.length) throw TuyoError.notFound("Order not found");
  const unique = orders.filter((order) => order.kind === "unique");
  if (!unique.length)
    throw TuyoError.bad(`Order ${orders[orders.length - 1].code} has products with variants: use change_order`);
  return move(context, unique[unique.length - 1], status, "update_order");
};

export const changeOrder: ApiRoute = (context) => {
  const status = statusIn(context.body);
  const order = context.catalog.orders.get(context.path.code);
  if (!order) throw TuyoError.notFound("Order not found");
  if (order.kind === "unique") throw TuyoError.bad(`Order ${order.code} has only unique products: use update_order`);
  return move(context, order, status, "change_order");
};

export class OrderError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

export interface NewOrder {
  code?: string;
  /** A variant SKU, or the SKU of a product without variants; quantity 1 by default. */
  items: { sku: string; quantity?: number }[];
}

/** A sale on Tuyo: the items' stock is taken, branch by branch. OrderError when it cannot be made. */
export function placeOrder(catalog: Catalog, input: NewOrder, code: string, now: string): Order {
  if (!isRecord(input) || !Array.isArray(input.items) || !input.items.length)
    throw new OrderError(400, "items must be a non-empty list");
  if (input.code !== undefined && (typeof input.code !== "string" || !input.code))
    throw new OrderError(400, "code must be a non-empty string");
  if (catalog.orders.has(code)) throw new OrderError(409, `order ${code} already exists`);
  const lines = input.items.map((item) => {
    const quantity = item?.quantity ?? 1;
    if (!Number.isInteger(quantity) || quantity < 1) throw new OrderError(400, "quantity must be a positive integer");
    const found = catalog.productOfVariant(item?.sku) ?? soleVariantOf(catalog, item?.sku);
    if (!found) throw new OrderError(404, `no product or variant ${item?.sku}`);
    const { product, variant } = found;
    if (!product.active || !variant.active) throw new OrderError(409, `${variant.sku} is not active`);
    const available = variant.stock.reduce((sum, line) => sum + line.stock, 0);
    if (available < quantity)
      throw new OrderError(409, `${variant.sku} has ${available} in stock, ${quantity} ordered`);
    const discount = variant.discount || product.discount;
    const price = Math.round(variant.price * (100 - discount)) / 100;
    return { found, item: { sku: variant.sku, productSku: product.sku, quantity, price } satisfies OrderItem };
  });
  for (const { found, item } of lines) {
    let left = item.quantity;
    for (const line of found.variant.stock) {
      const taken = Math.min(line.stock, left);
      line.stock -= taken;
      left -= taken;
    }
  }
  const order: Order = {
    code,
    kind: lines.every(({ found }) => !found.product.hasVariant) ? "unique" : "variants",
    status: "Pendiente",
    items: lines.map(({ item }) => item),
    createdAt: now,
    history: [],
  };
  catalog.orders.set(code, order);
  return order;
}

function soleVariantOf(catalog: Catalog, sku: unknown) {
  const product = typeof sku === "string" ? catalog.products.get(sku) : undefined;
  if (!product || product.variants.length !== 1) return undefined;
  return { product, variant: product.variants[0] };
}

function restock(catalog: Catalog, items: OrderItem[]): void {
  for (const item of items) {
    const line = catalog.productOfVariant(item.sku)?.variant.stock[0];
    if (line) line.stock += item.quantity;
  }
}
