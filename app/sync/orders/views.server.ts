// What the Orders page shows: recent orders with their ERP state, filtered, and one order's history.
import type { Db } from "../../db.server";

import { canRetryExport } from "./export.server";
import type { OrderFilter } from "./order-filters";

export { ORDER_FILTERS, type OrderFilter } from "./order-filters";

export type OrderStage = "error" | "waiting" | "exported" | "shipped" | "delivered" | "cancelled" | "refunded";

/** A cancellation or refund as the order's row shows it. */
export interface OrderReversalView {
  kind: "cancellation" | "refund";
  state: "reporting" | "reported" | "failed" | "not-needed";
  /** In the merchant's words, e.g. "Cancelled after export: reported to <destination>, stock returned (2 × …)". */
  text: string;
}

export interface OrderRow {
  id: string;
  name: string;
  shopifyOrderId: string;
  stage: OrderStage;
  erpOrderId: string | null;
  erpStatus: string | null;
  carrier: string | null;
  trackingNumber: string | null;
  trackingUrl: string | null;
  deliveredAt: string | null;
  error: string | null;
  attempts: number;
  createdAt: string;
  /** Retry is offered: a failed export, one a crashed run left behind, or a cancellation or refund not reported. */
  canRetry: boolean;
  /** Cancelled in Shopify before export: never sent. */
  cancelledBeforeExport: boolean;
  reversals: OrderReversalView[];
}

type Record = Awaited<ReturnType<Db["orderExport"]["findFirstOrThrow"]>>;

export function stageOf(r: Pick<Record, "status" | "fulfilledAt" | "deliveredAt" | "trackingNumber">): OrderStage {
  if (r.status === "failed") return "error";
  if (r.status === "cancelled") return "cancelled";
  if (r.status !== "exported") return "waiting";
  if (r.deliveredAt) return "delivered";
  if (r.fulfilledAt || r.trackingNumber) return "shipped";
  return "exported";
}

type Reversal = Awaited<ReturnType<Db["orderReversal"]["findFirstOrThrow"]>>;

const itemsOf = (json: string | null) =>
  (json ? (JSON.parse(json) as { sku: string; quantity: number }[]) : [])
    .map((l) => `${l.quantity} × ${l.sku}`)
    .join(", ");

function reversalView(r: Reversal, destination: string): OrderReversalView {
  const kind = r.kind === "cancellation" ? "cancellation" : "refund";
  const what = kind === "cancellation" ? "Cancelled after export" : "Refunded";
  const items = itemsOf(r.returnJson);
  if (r.status === "reported") {
    const stock = items ? `stock returned (${items})` : "no stock to return";
    if (kind === "cancellation")
      return { kind, state: "reported", text: `${what}: reported to ${destination}, ${stock}.` };
    const text = r.statusReportedAt
      ? `${what}: marked refunded in ${destination}, ${stock}.`
      : items
        ? `${what}: stock returned in ${destination} (${items}).`
        : `${what}: no stock to return in ${destination} (already returned, or not restocked).`;
    return { kind, state: "reported", text };
  }
  if (r.status === "failed")
    return {
      kind,
      state: "failed",
      text: `${kind === "cancellation" ? "Cancellation" : "Refund"} not reported to ${destination}: ${r.lastError ?? "unknown error"}`,
    };
  if (r.status === "not-needed")
    return { kind, state: "not-needed", text: r.lastError ?? `${what}: nothing to tell ${destination}.` };
  const waiting = r.lastError ? ` (last try: ${r.lastError})` : "";
  return { kind, state: "reporting", text: `${what}: being reported to ${destination}${waiting}.` };
}

function rowOf(r: Record, reversals: Reversal[], destination: string): OrderRow {
  const views = reversals
    .filter((v) => v.status !== "not-needed" || r.status !== "cancelled")
    .map((v) => reversalView(v, destination));
  let stage = stageOf(r);
  if (r.status === "exported") {
    if (views.some((v) => v.state === "failed")) stage = "error";
    else if (views.some((v) => v.kind === "cancellation")) stage = "cancelled";
    else if (views.some((v) => v.kind === "refund" && v.state === "reported")) stage = "refunded";
  }
  return {
    id: r.id,
    name: r.shopifyOrderName,
    shopifyOrderId: r.shopifyOrderId,
    stage,
    erpOrderId: r.erpOrderId,
    erpStatus: r.erpStatus === null ? null : `${r.erpStatus}${r.erpStatusLabel ? ` ${r.erpStatusLabel}` : ""}`,
    carrier: r.carrier,
    trackingNumber: r.trackingNumber,
    trackingUrl: r.trackingUrl,
    deliveredAt: r.deliveredAt?.toISOString() ?? null,
    error: r.lastError,
    attempts: r.attempts,
    createdAt: r.createdAt.toISOString(),
    canRetry: canRetryExport(r, new Date()) || views.some((v) => v.state === "failed"),
    cancelledBeforeExport: r.status === "cancelled",
    reversals: views,
  };
}

const WHERE: { [K in OrderFilter]: object } = {
  all: {},
  errors: { status: "failed" },
  waiting: { status: { in: ["pending", "exporting"] } },
  exported: { status: "exported", trackingNumber: null },
  shipped: { status: "exported", trackingNumber: { not: null }, deliveredAt: null },
  delivered: { deliveredAt: { not: null } },
  cancelled: { OR: [{ status: "cancelled" }, { cancelledAt: { not: null } }] },
};

/** Orders whose cancellation or refund could not be reported: errors too, until Retry. */
async function withFailedReversal(db: Db, shop: string): Promise<string[]> {
  const rows = await db.orderReversal.findMany({
    where: { shop, status: "failed" },
    select: { shopifyOrderId: true },
    distinct: ["shopifyOrderId"],
    take: 1_000,
  });
  return rows.map((r) => r.shopifyOrderId);
}

const reversalsOf = (db: Db, shop: string, shopifyOrderIds: string[]) =>
  db.orderReversal.findMany({
    where: { shop, shopifyOrderId: { in: shopifyOrderIds } },
    orderBy: { createdAt: "asc" },
  });

function byOrder(reversals: Reversal[]) {
  const map = new Map<string, Reversal[]>();
  for (const r of reversals) map.set(r.shopifyOrderId, [...(map.get(r.shopifyOrderId) ?? []), r]);
  return map;
}

export async function listOrders(
  db: Db,
  shop: string,
  filter: OrderFilter = "all",
  take = 50,
  destination = "the order system",
) {
  const failedReversals = await withFailedReversal(db, shop);
  const errors = failedReversals.length
    ? { OR: [{ status: "failed" }, { shopifyOrderId: { in: failedReversals } }] }
    : { status: "failed" };
  const where = filter === "errors" ? errors : WHERE[filter];
  const [rows, errorCount] = await Promise.all([
    db.orderExport.findMany({ where: { shop, ...where }, orderBy: { createdAt: "desc" }, take }),
    db.orderExport.count({ where: { shop, ...errors } }),
  ]);
  const reversals = byOrder(
    await reversalsOf(
      db,
      shop,
      rows.map((r) => r.shopifyOrderId),
    ),
  );
  return { orders: rows.map((r) => rowOf(r, reversals.get(r.shopifyOrderId) ?? [], destination)), errorCount };
}

export async function orderDetail(db: Db, shop: string, id: string, destination = "the order system") {
  const row = await db.orderExport.findFirst({ where: { shop, id }, include: { events: { orderBy: { at: "asc" } } } });
  if (!row) return null;
  const reversals = await reversalsOf(db, shop, [row.shopifyOrderId]);
  return {
    order: rowOf(row, reversals, destination),
    history: row.events.map((e) => ({ id: e.id, kind: e.kind, message: e.message, at: e.at.toISOString() })),
  };
}
