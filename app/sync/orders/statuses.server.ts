// Order statuses (cron :35): every Shopify order not shipped yet (open, not cancelled) — exported by
// us or sent to the back office another way — is looked up there by its Shopify id, a page of orders
// per call. Only what changed is written: the status tag and metafield (tag and key are the
// connector's) when the order does not carry them yet, and the fulfillment with its tracking number
// once the back office says shipped, unless one with that number exists. Orders the back office does
// not know are counted and listed in the run's result: they may be handled elsewhere.
import type { Db } from "../../db.server";
import { said, textOf, wordsJson } from "../../i18n/stored-words";
import { errorMessage, isTransient, merchantMessageOf } from "../../lib/errors";
import { assertNoUserErrors } from "../../shopify/admin-client.server";
import type { BulkOptions } from "../../shopify/bulk.server";
import { ADD_ORDER_TAGS, SET_ORDER_METAFIELDS } from "../../shopify/operations/orders";
import type { OrderStatusSource } from "../../capabilities/order-status-source";
import type { ErpOrder } from "../../domain/orders";
import { fulfillWithTracking, shopifyCarrier, trackingUrlFor } from "./fulfillment.server";
import { METAFIELD_NAMESPACE } from "./export.server";
import { readFollowedOrders, UNSHIPPED_ORDERS, type FollowedOrder } from "./followed-orders.server";
import { addOrderEvent } from "./records.server";
import type { AdminRequester } from "./shopify-client.server";

export interface OrderStatusDeps {
  db: Db;
  statuses: OrderStatusSource;
  /** What the merchant calls the status source: its connector's name. */
  statusSourceName: string;
  shopify: AdminRequester;
  now: () => Date;
  notifyCustomer: boolean;
  /** Our fulfillment service's location: only its fulfillment orders are ours to ship. */
  locationId?: string;
  /** Past this many orders to follow, one bulk query reads them (default: followed-orders.server). */
  bulkAbove?: number;
  bulk?: BulkOptions;
  onProgress?: (done: number, total: number) => void;
  skip?: (externalId: string, reason: string) => void;
  /** Asked before each order's writes: throws when the run must stop there (cancel, shutdown). */
  checkpoint?: () => Promise<void>;
  /** A change written to a Shopify order, as soon as it is (the run's Changes list). */
  change?: (orderName: string, field: "status" | "tracking", before: string | null, after: string | null) => void;
}

export interface OrderStatusResult {
  /** How Shopify's orders were read: by pages, or one bulk query past the threshold. */
  mode: "paged" | "bulk";
  checked: number;
  changed: number;
  fulfilled: number;
  failed: number;
  /** Orders the status source does not know (never sent there, or under another id). */
  unknown: number;
  /** Their names, the first UNKNOWN_LISTED of them. */
  unknownOrders: string[];
}

export const UNKNOWN_LISTED = 100;

const statusValue = (erp: ErpOrder) => `${erp.status} ${erp.statusLabel}`;

export async function syncOrderStatuses(deps: OrderStatusDeps, shop: string): Promise<OrderStatusResult> {
  const marks = deps.statuses.shopifyMarks;
  const read = await readFollowedOrders(deps.shopify, {
    search: UNSHIPPED_ORDERS,
    statusKey: marks.statusMetafieldKey,
    bulkAbove: deps.bulkAbove,
    bulk: deps.bulk,
  });
  const result: OrderStatusResult = {
    mode: read.mode,
    checked: 0,
    changed: 0,
    fulfilled: 0,
    failed: 0,
    unknown: 0,
    unknownOrders: [],
  };
  for await (const page of read.pages) {
    const ids = page.map((o) => o.id);
    const [erpOrders, rows] = await Promise.all([
      deps.statuses.ordersByShopifyIds(ids),
      deps.db.orderExport.findMany({ where: { shop, shopifyOrderId: { in: ids } } }),
    ]);
    const erpById = new Map(erpOrders.map((o) => [o.shopifyOrderId, o]));
    const rowById = new Map(rows.map((r) => [r.shopifyOrderId, r]));
    for (const order of page) {
      result.checked++;
      const erp = erpById.get(order.id);
      const row = rowById.get(order.id);
      if (!erp) {
        result.unknown++;
        if (result.unknownOrders.length < UNKNOWN_LISTED) result.unknownOrders.push(order.name);
        // One we sent there and that is gone is worth a line in the run; others are only counted.
        if (row?.erpOrderId)
          deps.skip?.(
            order.name,
            `${deps.statusSourceName} has no order for ${order.name} any more (expected ${row.erpOrderId}).`,
          );
        continue;
      }
      await deps.checkpoint?.();
      try {
        if (await updateStatus(deps, shop, order, erp, row)) {
          result.changed++;
          deps.change?.(order.name, "status", order.metafield?.value ?? null, statusValue(erp));
        }
        if (
          erp.shipped &&
          erp.trackingNumber &&
          (await ship(deps, order, { ...erp, trackingNumber: erp.trackingNumber }, row))
        ) {
          result.fulfilled++;
          deps.change?.(order.name, "tracking", null, erp.trackingNumber);
        }
      } catch (error) {
        if (isTransient(error)) throw error; // the job retries the whole run; what was done is skipped next time
        result.failed++;
        if (row) {
          const problem = merchantMessageOf(error) ?? errorMessage(error);
          await deps.db.orderExport.update({
            where: { id: row.id },
            data: { lastError: textOf(problem), lastErrorWords: wordsJson(problem) },
          });
          await addOrderEvent(
            deps.db,
            row,
            "failed",
            said("orders.statusUpdateFailed", { message: problem }),
            deps.now(),
          );
        }
        deps.skip?.(order.name, errorMessage(error));
      }
    }
    deps.onProgress?.(result.checked, Math.max(read.total, result.checked));
  }
  return result;
}

type Row = Awaited<ReturnType<Db["orderExport"]["findMany"]>>[number];

/** Tag and metafield when the Shopify order does not carry this status yet; true when written. */
async function updateStatus(
  deps: OrderStatusDeps,
  shop: string,
  order: FollowedOrder,
  erp: ErpOrder,
  row: Row | undefined,
): Promise<boolean> {
  const marks = deps.statuses.shopifyMarks;
  if (row && row.erpStatus !== erp.status) {
    await deps.db.orderExport.update({
      where: { id: row.id },
      data: { erpStatus: erp.status, erpStatusLabel: erp.statusLabel },
    });
    const status = `${deps.statusSourceName} status ${erp.status} (${erp.statusLabel}).`;
    await addOrderEvent(deps.db, { id: row.id, shop }, "status", status, deps.now());
  }
  const tag = marks.statusTag(erp);
  const tagMissing = !order.tags.includes(tag);
  const metafieldStale = order.metafield?.value !== statusValue(erp);
  if (tagMissing) {
    const { data } = await deps.shopify.request(ADD_ORDER_TAGS, { id: order.id, tags: [tag] });
    assertNoUserErrors("tagsAdd", data.tagsAdd);
  }
  if (metafieldStale) {
    const { data } = await deps.shopify.request(SET_ORDER_METAFIELDS, {
      metafields: [
        {
          ownerId: order.id,
          namespace: METAFIELD_NAMESPACE,
          key: marks.statusMetafieldKey,
          type: "single_line_text_field",
          value: statusValue(erp),
        },
      ],
    });
    assertNoUserErrors("metafieldsSet", data.metafieldsSet);
  }
  return tagMissing || metafieldStale;
}

/** The fulfillment with the tracking number, unless the order has one with it; true when created. */
async function ship(
  deps: OrderStatusDeps,
  order: FollowedOrder,
  erp: ErpOrder & { trackingNumber: string },
  row: Row | undefined,
): Promise<boolean> {
  const carried = order.fulfillments.find(
    (f) => f.status !== "CANCELLED" && f.trackingInfo.some((t) => t.number === erp.trackingNumber),
  );
  // Shipped in part: keep following the order for the rest.
  const complete = !erp.partlyShipped;
  if (carried) {
    if (row && (row.trackingNumber !== erp.trackingNumber || (complete && !row.fulfilledAt)))
      await recordShipped(deps, row, erp, carried.id, complete);
    return false;
  }
  const outcome = await fulfillWithTracking(deps.shopify, {
    shopifyOrderId: order.id,
    carrier: erp.carrier,
    trackingNumber: erp.trackingNumber,
    notifyCustomer: deps.notifyCustomer,
    locationId: deps.locationId,
    warehouseName: deps.statusSourceName,
  });
  if (row)
    await recordShipped(
      deps,
      row,
      erp,
      outcome.kind === "nothing-to-fulfill" ? row.fulfillmentId : outcome.fulfillmentId,
      complete,
    );
  if (outcome.kind !== "created") return false;
  if (row)
    await addOrderEvent(
      deps.db,
      row,
      "fulfilled",
      `Shipped in Shopify with ${shopifyCarrier(erp.carrier)} ${erp.trackingNumber}${deps.notifyCustomer ? " (customer notified)" : ""}.`,
      deps.now(),
    );
  return true;
}

async function recordShipped(
  deps: OrderStatusDeps,
  row: Row,
  erp: ErpOrder & { trackingNumber: string },
  fulfillmentId: string | null,
  complete: boolean,
) {
  await deps.db.orderExport.update({
    where: { id: row.id },
    data: {
      carrier: shopifyCarrier(erp.carrier),
      trackingNumber: erp.trackingNumber,
      trackingUrl: trackingUrlFor(erp.carrier, erp.trackingNumber) ?? null,
      fulfillmentId,
      fulfilledAt: complete ? deps.now() : null,
      lastError: null,
      lastErrorWords: null,
    },
  });
}
