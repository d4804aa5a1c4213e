// Following shipped orders at the carrier: the deliveries sync (cron :50, Chronopost) marks an order
// delivered in Shopify (a DELIVERED fulfillment event) when the carrier says so; update-tracking asks
// TNT about one order and posts an event when the parcel has moved.
import type { Db } from "../../db.server";
import { errorMessage, isTransient, PermanentError } from "../../lib/errors";
import { assertNoUserErrors } from "../../shopify/admin-client.server";
import type { BulkOptions } from "../../shopify/bulk.server";
import { CREATE_FULFILLMENT_EVENT } from "../../shopify/operations/orders";
import type { TrackingSource as CarrierTracker, ParcelTracking } from "../../capabilities/tracking-source";
import { addOrderEvent } from "./records.server";
import { readFollowedOrders, shippedOrdersSince, type FollowedOrder } from "./followed-orders.server";
import type { AdminRequester } from "./shopify-client.server";

export interface DeliveryDeps {
  db: Db;
  shopify: AdminRequester;
  now: () => Date;
  skip?: (externalId: string, reason: string) => void;
  /** Asked before each parcel is followed: throws when the run must stop there (cancel, shutdown). */
  checkpoint?: () => Promise<void>;
  /** A parcel's new state written to its Shopify order, as soon as it is (the run's Changes list). */
  change?: (orderName: string, state: string) => void;
}

/** Shipped orders older than this are no longer followed: parcels arrive within days. */
export const DELIVERY_FOLLOW_DAYS = 30;

const SHOPIFY_EVENT: Record<ParcelTracking["state"], string | null> = {
  delivered: "DELIVERED",
  in_transit: "IN_TRANSIT",
  exception: "FAILURE",
  not_found: null,
};

type Row = {
  /** Our export row; null for an order sent on another way (Shopify alone then remembers its state). */
  id: string | null;
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
  /** The fulfillment's state in Shopify (IN_TRANSIT, DELIVERED…), compared when there is no row. */
  shopifyDisplayStatus?: string | null,
): Promise<{ moved: boolean; tracking: ParcelTracking }> {
  if (!row.trackingNumber || !row.fulfillmentId)
    throw new PermanentError(`Order ${row.shopifyOrderName} has not been shipped with a tracking number yet.`);
  const tracking = await tracker.track(row.trackingNumber);
  const stateKey = `${tracking.state}:${tracking.events.length}`;
  if (stateKey === row.lastCarrierState) return { moved: false, tracking };
  const status = SHOPIFY_EVENT[tracking.state];
  if (!row.id && status === (shopifyDisplayStatus ?? null)) return { moved: false, tracking };
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
  if (!row.id) return { moved: status !== null, tracking };
  const saved = { id: row.id, shop: row.shop };
  await deps.db.orderExport.update({
    where: { id: row.id },
    data: {
      lastCarrierState: stateKey,
      ...(tracking.state === "delivered" ? { deliveredAt: tracking.deliveredAt ?? deps.now() } : {}),
    },
  });
  await addOrderEvent(
    deps.db,
    saved,
    tracking.state === "delivered" ? "delivered" : "tracking",
    `${tracker.carrier}: ${tracking.label ?? tracking.state}.`,
    deps.now(),
  );
  return { moved: true, tracking };
}

/**
 * The deliveries sync: every shipped (or partly shipped) Shopify order of the last `followDays` days
 * (whoever exported or shipped it), each fulfillment not delivered yet whose carrier we can track. Our export row, when there
 * is one, keeps the carrier's last state; otherwise Shopify's fulfillment state is compared, so an
 * unchanged parcel writes nothing.
 */
export async function syncOrderDeliveries(
  deps: DeliveryDeps & { bulkAbove?: number; bulk?: BulkOptions; followDays?: number },
  shop: string,
  trackerOf: (carrier: string | null) => CarrierTracker | undefined,
): Promise<{ mode: "paged" | "bulk"; checked: number; moved: number; delivered: number; failed: number }> {
  const searches = shippedOrdersSince(deps.now(), deps.followDays ?? DELIVERY_FOLLOW_DAYS);
  const result = { mode: "paged" as "paged" | "bulk", checked: 0, moved: 0, delivered: 0, failed: 0 };
  for (const search of searches) {
    const read = await readFollowedOrders(deps.shopify, { search, bulkAbove: deps.bulkAbove, bulk: deps.bulk });
    if (read.mode === "bulk") result.mode = "bulk";
    for await (const page of read.pages) await followPage(deps, shop, page, trackerOf, result);
  }
  return result;
}

async function followPage(
  deps: DeliveryDeps,
  shop: string,
  page: FollowedOrder[],
  trackerOf: (carrier: string | null) => CarrierTracker | undefined,
  result: { checked: number; moved: number; delivered: number; failed: number },
): Promise<void> {
  const rows = await deps.db.orderExport.findMany({
    where: { shop, shopifyOrderId: { in: page.map((o) => o.id) } },
  });
  const rowById = new Map(rows.map((r) => [r.shopifyOrderId, r]));
  for (const order of page) {
    const row = rowById.get(order.id);
    for (const fulfillment of order.fulfillments) {
      if (fulfillment.status === "CANCELLED" || fulfillment.displayStatus === "DELIVERED") continue;
      const info = fulfillment.trackingInfo.find((t) => t.number);
      if (!info?.number) continue;
      if (row?.deliveredAt && row.trackingNumber === info.number) continue;
      const tracker = trackerOf(info.company);
      if (!tracker) {
        deps.skip?.(order.name, `No tracking for carrier "${info.company ?? "unknown"}".`);
        continue;
      }
      await deps.checkpoint?.();
      result.checked++;
      // The row's memory of the carrier only holds for the parcel it recorded.
      const ours = row && row.trackingNumber === info.number ? row : undefined;
      try {
        const { moved, tracking } = await followParcel(
          deps,
          {
            id: ours?.id ?? null,
            shop,
            shopifyOrderName: order.name,
            fulfillmentId: fulfillment.id,
            trackingNumber: info.number,
            lastCarrierState: ours?.lastCarrierState ?? null,
          },
          tracker,
          fulfillment.displayStatus,
        );
        if (moved) {
          result.moved++;
          deps.change?.(order.name, tracking.state);
        }
        if (moved && tracking.state === "delivered") result.delivered++;
      } catch (error) {
        if (isTransient(error)) throw error;
        result.failed++;
        deps.skip?.(order.name, errorMessage(error));
      }
    }
  }
}
