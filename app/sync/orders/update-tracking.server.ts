// update-tracking/:orderId: one order's parcel asked at the carrier (TNT by default), Shopify updated
// when it moved.
import { db } from "../../db.server";
import { NotFoundError } from "../../jobs/api.server";
import { followParcel } from "./deliveries.server";
import { carrierTrackers, trackerFor } from "./providers.server";
import { orderGid } from "./records.server";
import { shopifyClientForShop } from "./shopify-client.server";

export async function updateTracking(shop: string, orderId: string) {
  const ids = [orderId, /^\d+$/.test(orderId) ? orderGid(orderId) : orderId];
  const row = await db.orderExport.findFirst({
    where: {
      shop,
      OR: [
        { id: orderId },
        { shopifyOrderId: { in: ids } },
        { shopifyOrderName: orderId.startsWith("#") ? orderId : `#${orderId}` },
      ],
    },
  });
  if (!row) throw new NotFoundError(`No order ${orderId} in the app's records.`);
  const trackers = await carrierTrackers(shop);
  const tracker = trackerFor(row.carrier, trackers) ?? trackers.tnt;
  const { moved, tracking } = await followParcel(
    { db, shopify: await shopifyClientForShop(shop), now: () => new Date() },
    row,
    tracker,
  );
  return {
    order: row.shopifyOrderName,
    carrier: tracker.carrier,
    trackingNumber: row.trackingNumber,
    state: tracking.state,
    label: tracking.label ?? null,
    moved,
  };
}
