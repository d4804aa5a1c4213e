// Use-cases behind the Orders screens: the list (by filter), one order's history, and Retry (an export,
// or a cancellation or refund not reported).
import { db } from "../../db.server";
import { shopTimeZone } from "../../shops/time-zone.server";
import type { OrderFilter } from "./order-filters";
import { retryOrderExport } from "./orders.server";
import { orderDestinationName } from "./providers.server";
import { retryOrderReversals } from "./reversals.server";
import { listOrders, orderDetail } from "./views.server";

export async function ordersScreen(shop: string, filter: OrderFilter) {
  const destinationName = await orderDestinationName(shop, db);
  const [list, timeZone] = await Promise.all([listOrders(db, shop, filter, 50, destinationName), shopTimeZone(shop)]);
  return { ...list, filter, timeZone, destinationName };
}

/** One order's export history, or null when the app has no record of it. */
export async function orderScreen(shop: string, id: string) {
  const destinationName = await orderDestinationName(shop, db);
  const [detail, timeZone] = await Promise.all([orderDetail(db, shop, id, destinationName), shopTimeZone(shop)]);
  return detail ? { ...detail, timeZone, destinationName } : null;
}

/** Retry: a cancellation or refund not reported goes again first; otherwise the export. */
export async function retryExport(shop: string, orderExportId: string): Promise<{ jobId: string }> {
  const row = await db.orderExport.findFirst({ where: { shop, id: orderExportId }, select: { shopifyOrderId: true } });
  const failed = row
    ? await db.orderReversal.count({ where: { shop, shopifyOrderId: row.shopifyOrderId, status: "failed" } })
    : 0;
  return failed > 0 ? retryOrderReversals(db, shop, orderExportId) : retryOrderExport(db, shop, orderExportId);
}
