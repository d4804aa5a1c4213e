// What the Orders page shows: recent orders with their ERP state, filtered, and one order's history.
import type { Db } from "../../db.server";

import { canRetryExport } from "./export.server";
import type { OrderFilter } from "./order-filters";

export { ORDER_FILTERS, type OrderFilter } from "./order-filters";

export type OrderStage = "error" | "waiting" | "exported" | "shipped" | "delivered";

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
  /** Retry is offered: a failed export, or one a crashed run left behind. */
  canRetry: boolean;
}

type Record = Awaited<ReturnType<Db["orderExport"]["findFirstOrThrow"]>>;

export function stageOf(r: Pick<Record, "status" | "fulfilledAt" | "deliveredAt" | "trackingNumber">): OrderStage {
  if (r.status === "failed") return "error";
  if (r.status !== "exported") return "waiting";
  if (r.deliveredAt) return "delivered";
  if (r.fulfilledAt || r.trackingNumber) return "shipped";
  return "exported";
}

function rowOf(r: Record): OrderRow {
  return {
    id: r.id,
    name: r.shopifyOrderName,
    shopifyOrderId: r.shopifyOrderId,
    stage: stageOf(r),
    erpOrderId: r.erpOrderId,
    erpStatus: r.erpStatus === null ? null : `${r.erpStatus}${r.erpStatusLabel ? ` ${r.erpStatusLabel}` : ""}`,
    carrier: r.carrier,
    trackingNumber: r.trackingNumber,
    trackingUrl: r.trackingUrl,
    deliveredAt: r.deliveredAt?.toISOString() ?? null,
    error: r.lastError,
    attempts: r.attempts,
    createdAt: r.createdAt.toISOString(),
    canRetry: canRetryExport(r, new Date()),
  };
}

const WHERE: { [K in OrderFilter]: object } = {
  all: {},
  errors: { status: "failed" },
  waiting: { status: { in: ["pending", "exporting"] } },
  exported: { status: "exported", trackingNumber: null },
  shipped: { status: "exported", trackingNumber: { not: null }, deliveredAt: null },
  delivered: { deliveredAt: { not: null } },
};

export async function listOrders(db: Db, shop: string, filter: OrderFilter = "all", take = 50) {
  const [rows, errors] = await Promise.all([
    db.orderExport.findMany({ where: { shop, ...WHERE[filter] }, orderBy: { createdAt: "desc" }, take }),
    db.orderExport.count({ where: { shop, status: "failed" } }),
  ]);
  return { orders: rows.map(rowOf), errorCount: errors };
}

export async function orderDetail(db: Db, shop: string, id: string) {
  const row = await db.orderExport.findFirst({ where: { shop, id }, include: { events: { orderBy: { at: "asc" } } } });
  if (!row) return null;
  return {
    order: rowOf(row),
    history: row.events.map((e) => ({ id: e.id, kind: e.kind, message: e.message, at: e.at.toISOString() })),
  };
}
