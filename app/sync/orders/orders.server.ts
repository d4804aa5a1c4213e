// Use-cases the routes and the webhook call: take an order in (record + queue its export), retry a
// failed export, reconcile paid orders the webhooks missed, answer fetch_tracking_numbers.
import type { Db } from "../../db.server";
import { enqueue } from "../../jobs/queue.server";
import { PermanentError } from "../../lib/errors";
import { ORDERS_MATCHING, type OrdersPage } from "../../shopify/operations/orders";
import { addOrderEvent, orderGid, recordShopifyOrder } from "./records.server";
import type { AdminRequester } from "./shopify-client.server";

export const EXPORT_JOB = "fastmag.export-order";

/** The part of the REST `orders/create` body we read. */
export interface OrderCreatedPayload {
  id: number | string;
  admin_graphql_api_id?: string;
  name?: string;
  email?: string | null;
  financial_status?: string | null;
}

/** orders/create: keep the order and queue its export; the export itself runs as a job. */
export async function receiveOrderCreated(
  db: Db,
  shop: string,
  payload: OrderCreatedPayload,
  now = new Date(),
): Promise<{ orderExportId: string; jobId: string }> {
  if (payload?.id === undefined || payload.id === null) throw new PermanentError("orders/create without an order id");
  const shopifyOrderId = orderGid(payload.admin_graphql_api_id ?? payload.id);
  const { id } = await recordShopifyOrder(
    db,
    {
      shop,
      shopifyOrderId,
      shopifyOrderName: payload.name ?? shopifyOrderId,
      email: payload.email,
      financialStatus: payload.financial_status,
      payload,
      source: "webhook",
    },
    now,
  );
  // Even for an order we already know: the export's claim makes a second run a no-op.
  const { job } = await enqueue(db, { shop, type: EXPORT_JOB, trigger: "webhook", params: { shopifyOrderId } });
  return { orderExportId: id, jobId: job.id };
}

/** The Orders page's Retry: a failed (or stuck pending) export runs again. */
export async function retryOrderExport(
  db: Db,
  shop: string,
  orderExportId: string,
  now = new Date(),
): Promise<{ jobId: string }> {
  const row = await db.orderExport.findFirst({ where: { id: orderExportId, shop } });
  if (!row) throw new PermanentError("This order is not in the app's records.");
  if (row.status === "exported")
    throw new PermanentError(`Order ${row.shopifyOrderName} is already in Fastmag (order ${row.fastmagOrderId}).`);
  if (row.status === "exporting") throw new PermanentError(`Order ${row.shopifyOrderName} is being sent right now.`);
  await addOrderEvent(db, row, "retry", "Export retried by the merchant.", now);
  const { job } = await enqueue(db, {
    shop,
    type: EXPORT_JOB,
    trigger: "manual",
    params: { shopifyOrderId: row.shopifyOrderId },
  });
  return { jobId: job.id };
}

/**
 * Reconciliation: paid orders of the last `days` that we never recorded (lost or late webhooks) are
 * recorded and queued; pending ones whose export never ran are queued again.
 */
export async function reconcileOrders(
  deps: { db: Db; shopify: AdminRequester; now: () => Date },
  shop: string,
  options: { days?: number; staleAfterMs?: number } = {},
): Promise<{ seen: number; recorded: number; queued: number }> {
  const now = deps.now();
  const since = new Date(now.getTime() - (options.days ?? 7) * 86_400_000);
  const staleBefore = new Date(now.getTime() - (options.staleAfterMs ?? 10 * 60_000));
  let after: string | null = null;
  const result = { seen: 0, recorded: 0, queued: 0 };
  for (let page = 0; page < 100; page++) {
    const { data }: { data: OrdersPage } = await deps.shopify.request(ORDERS_MATCHING, {
      first: 100,
      after,
      query: `financial_status:paid created_at:>=${since.toISOString()}`,
    });
    for (const order of data.orders.nodes) {
      result.seen++;
      const { id, created } = await recordShopifyOrder(
        deps.db,
        {
          shop,
          shopifyOrderId: order.id,
          shopifyOrderName: order.name,
          email: order.email,
          financialStatus: order.displayFinancialStatus,
          payload: order,
          source: "reconciliation",
        },
        now,
      );
      if (created) result.recorded++;
      const row = await deps.db.orderExport.findUniqueOrThrow({ where: { id } });
      if (created || (row.status === "pending" && row.updatedAt < staleBefore)) {
        await enqueue(deps.db, { shop, type: EXPORT_JOB, trigger: "schedule", params: { shopifyOrderId: order.id } });
        result.queued++;
      }
    }
    if (!data.orders.pageInfo.hasNextPage) break;
    after = data.orders.pageInfo.endCursor;
  }
  return result;
}

/** fetch_tracking_numbers: the tracking number we know for each order name. */
export async function trackingNumbersFor(db: Db, shop: string, orderNames: string[]): Promise<Record<string, string>> {
  if (orderNames.length === 0) return {};
  const rows = await db.orderExport.findMany({
    where: { shop, shopifyOrderName: { in: orderNames }, trackingNumber: { not: null } },
  });
  return Object.fromEntries(rows.map((r) => [r.shopifyOrderName, r.trackingNumber!]));
}
