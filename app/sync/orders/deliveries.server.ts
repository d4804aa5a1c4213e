// Following shipped orders at the carrier: the deliveries sync (cron :50, Chronopost) marks an order
// delivered in Shopify (a DELIVERED fulfillment event) when the carrier says so; update-tracking asks
// TNT about one order and posts an event when the parcel has moved.
import type { Db } from "../../db.server";
import { errorMessage, isTransient, PermanentError } from "../../lib/errors";
import { assertNoUserErrors } from "../../shopify/admin-client.server";
import { CREATE_FULFILLMENT_EVENT } from "../../shopify/operations/orders";
import type { TrackingSource as CarrierTracker, ParcelTracking } from "../../capabilities/tracking-source";
import { addOrderEvent } from "./records.server";
import type { AdminRequester } from "./shopify-client.server";

export interface DeliveryDeps {
  db: Db;
  shopify: AdminRequester;
  now: () => Date;
  skip?: (externalId: string, reason: string) => void;
}

const SHOPIFY_EVENT: Record<ParcelTracking["state"], string | null> = {
  delivered: "DELIVERED",
  in_transit: "IN_TRANSIT",
  exception: "FAILURE",
  not_found: null,
};

type Row = {
  id: string;
  shop: string;
  shopifyOrderName: string;
  fulfillmentId: string | null;
  trackingNumber: string | null;
  lastCarrierState: string | null;
};

/** Asks the carrier about one order; posts a Shopify event when the state moved. Returns the new state. */
export async function followParcel(
  deps: DeliveryDeps,
  row: Row,
  tracker: CarrierTracker,
): Promise<{ moved: boolean; tracking: ParcelTracking }> {
  if (!row.trackingNumber || !row.fulfillmentId)
    throw new PermanentError(`Order ${row.shopifyOrderName} has not been shipped with a tracking number yet.`);
  const tracking = await tracker.track(row.trackingNumber);
  const stateKey = `${tracking.state}:${tracking.events.length}`;
  if (stateKey === row.lastCarrierState) return { moved: false, tracking };
  const status = SHOPIFY_EVENT[tracking.state];
  if (status) {
    const { data } = await deps.shopify.request(CREATE_FULFILLMENT_EVENT, {
      fulfillmentEvent: {
        fulfillmentId: row.fulfillmentId,
        status,
        happenedAt: (tracking.deliveredAt ?? tracking.events.at(-1)?.at ?? deps.now()).toISOString(),
        message: tracking.label,
      },
    });
    assertNoUserErrors("fulfillmentEventCreate", data.fulfillmentEventCreate);
  }
  await deps.db.orderExport.update({
    where: { id: row.id },
    data: {
      lastCarrierState: stateKey,
      ...(tracking.state === "delivered" ? { deliveredAt: tracking.deliveredAt ?? deps.now() } : {}),
    },
  });
  await addOrderEvent(
    deps.db,
    row,
    tracking.state === "delivered" ? "delivered" : "tracking",
    `${tracker.carrier}: ${tracking.label ?? tracking.state}.`,
    deps.now(),
  );
  return { moved: true, tracking };
}

/** The deliveries sync: every shipped, undelivered order whose carrier we can track. */
export async function syncOrderDeliveries(
  deps: DeliveryDeps,
  shop: string,
  trackerOf: (carrier: string | null) => CarrierTracker | undefined,
): Promise<{ checked: number; delivered: number; failed: number }> {
  const rows = await deps.db.orderExport.findMany({
    where: { shop, deliveredAt: null, fulfillmentId: { not: null }, trackingNumber: { not: null } },
    orderBy: { createdAt: "asc" },
  });
  const result = { checked: 0, delivered: 0, failed: 0 };
  for (const row of rows) {
    const tracker = trackerOf(row.carrier);
    if (!tracker) {
      deps.skip?.(row.shopifyOrderName, `No tracking for carrier "${row.carrier ?? "unknown"}".`);
      continue;
    }
    result.checked++;
    try {
      const { tracking } = await followParcel(deps, row, tracker);
      if (tracking.state === "delivered") result.delivered++;
    } catch (error) {
      if (isTransient(error)) throw error;
      result.failed++;
      deps.skip?.(row.shopifyOrderName, errorMessage(error));
    }
  }
  return result;
}
