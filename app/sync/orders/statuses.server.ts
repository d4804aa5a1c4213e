// Order statuses (cron :35): for our exported orders not shipped yet, ask the back office their
// status; on a change, tag the Shopify order and keep the status in a metafield (tag and key are the
// connector's); once the back office says shipped with a tracking number, create the fulfillment.
import type { Db } from "../../db.server";
import { errorMessage, isTransient } from "../../lib/errors";
import { assertNoUserErrors } from "../../shopify/admin-client.server";
import { ADD_ORDER_TAGS, SET_ORDER_METAFIELDS } from "../../shopify/operations/orders";
import { fulfillWithTracking, shopifyCarrier, trackingUrlFor } from "./fulfillment.server";
import type { OrderStatusSource } from "../../capabilities/order-status-source";
import { METAFIELD_NAMESPACE } from "./export.server";
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
  onProgress?: (done: number, total: number) => void;
  skip?: (externalId: string, reason: string) => void;
}

export interface OrderStatusResult {
  checked: number;
  changed: number;
  fulfilled: number;
  failed: number;
}

const BATCH = 100;

export async function syncOrderStatuses(deps: OrderStatusDeps, shop: string): Promise<OrderStatusResult> {
  const rows = await deps.db.orderExport.findMany({
    where: { shop, status: "exported", fulfilledAt: null, erpOrderId: { not: null } },
    orderBy: { createdAt: "asc" },
  });
  const result: OrderStatusResult = { checked: 0, changed: 0, fulfilled: 0, failed: 0 };
  for (let i = 0; i < rows.length; i += BATCH) {
    const batch = rows.slice(i, i + BATCH);
    const erpOrders = await deps.statuses.ordersByShopifyIds(batch.map((r) => r.shopifyOrderId));
    const byShopifyId = new Map(erpOrders.map((o) => [o.shopifyOrderId, o]));
    for (const row of batch) {
      result.checked++;
      const erp = byShopifyId.get(row.shopifyOrderId);
      if (!erp) {
        deps.skip?.(
          row.shopifyOrderName,
          `${deps.statusSourceName} has no order for ${row.shopifyOrderName} any more (expected ${row.erpOrderId}).`,
        );
        continue;
      }
      try {
        if (erp.status !== row.erpStatus) {
          result.changed++;
          await deps.db.orderExport.update({
            where: { id: row.id },
            data: { erpStatus: erp.status, erpStatusLabel: erp.statusLabel },
          });
          const status = `${deps.statusSourceName} status ${erp.status} (${erp.statusLabel}).`;
          await addOrderEvent(deps.db, row, "status", status, deps.now());
          const marks = deps.statuses.shopifyMarks;
          const { data: tagged } = await deps.shopify.request(ADD_ORDER_TAGS, {
            id: row.shopifyOrderId,
            tags: [marks.statusTag(erp)],
          });
          assertNoUserErrors("tagsAdd", tagged.tagsAdd);
          const { data: meta } = await deps.shopify.request(SET_ORDER_METAFIELDS, {
            metafields: [
              {
                ownerId: row.shopifyOrderId,
                namespace: METAFIELD_NAMESPACE,
                key: marks.statusMetafieldKey,
                type: "single_line_text_field",
                value: `${erp.status} ${erp.statusLabel}`,
              },
            ],
          });
          assertNoUserErrors("metafieldsSet", meta.metafieldsSet);
        }
        if (erp.shipped && erp.trackingNumber) {
          const outcome = await fulfillWithTracking(deps.shopify, {
            shopifyOrderId: row.shopifyOrderId,
            carrier: erp.carrier,
            trackingNumber: erp.trackingNumber,
            notifyCustomer: deps.notifyCustomer,
            locationId: deps.locationId,
            warehouseName: deps.statusSourceName,
          });
          // Shipped in part: keep following the order for the rest.
          const complete = !erp.partlyShipped;
          await deps.db.orderExport.update({
            where: { id: row.id },
            data: {
              carrier: shopifyCarrier(erp.carrier),
              trackingNumber: erp.trackingNumber,
              trackingUrl: trackingUrlFor(erp.carrier, erp.trackingNumber) ?? null,
              fulfillmentId: outcome.kind === "nothing-to-fulfill" ? row.fulfillmentId : outcome.fulfillmentId,
              fulfilledAt: complete ? deps.now() : null,
              lastError: null,
            },
          });
          if (outcome.kind === "created") {
            result.fulfilled++;
            await addOrderEvent(
              deps.db,
              row,
              "fulfilled",
              `Shipped in Shopify with ${shopifyCarrier(erp.carrier)} ${erp.trackingNumber}${deps.notifyCustomer ? " (customer notified)" : ""}.`,
              deps.now(),
            );
          }
        }
      } catch (error) {
        if (isTransient(error)) throw error; // the job retries the whole run; what was done is skipped next time
        result.failed++;
        await deps.db.orderExport.update({ where: { id: row.id }, data: { lastError: errorMessage(error) } });
        await addOrderEvent(deps.db, row, "failed", `Status update failed: ${errorMessage(error)}`, deps.now());
        deps.skip?.(row.shopifyOrderName, errorMessage(error));
      }
    }
    deps.onProgress?.(Math.min(i + BATCH, rows.length), rows.length);
  }
  return result;
}
