// Use-cases behind the Orders screens: the list (by filter), one order's history, and Retry.
import { db } from "../../db.server";
import { shopTimeZone } from "../../shops/time-zone.server";
import type { OrderFilter } from "./order-filters";
import { retryOrderExport } from "./orders.server";
import { orderDestinationName } from "./providers.server";
import { listOrders, orderDetail } from "./views.server";

export async function ordersScreen(shop: string, filter: OrderFilter) {
  const [list, timeZone, destinationName] = await Promise.all([
    listOrders(db, shop, filter),
    shopTimeZone(shop),
    orderDestinationName(shop, db),
  ]);
  return { ...list, filter, timeZone, destinationName };
}

/** One order's export history, or null when the app has no record of it. */
export async function orderScreen(shop: string, id: string) {
  const [detail, timeZone, destinationName] = await Promise.all([
    orderDetail(db, shop, id),
    shopTimeZone(shop),
    orderDestinationName(shop, db),
  ]);
  return detail ? { ...detail, timeZone, destinationName } : null;
}

export function retryExport(shop: string, orderExportId: string): Promise<{ jobId: string }> {
  return retryOrderExport(db, shop, orderExportId);
}
