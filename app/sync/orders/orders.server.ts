// Use-cases the routes and the webhook call: take an order in (record + queue its export), retry a
// failed export, reconcile paid orders the webhooks missed, answer fetch_tracking_numbers.
import type { Db } from "../../db.server";
import { enqueue } from "../../jobs/queue.server";
import { PermanentError } from "../../lib/errors";
import type { Locale } from "../../i18n/locale";
import { said } from "../../i18n/stored-words";
import { ORDERS_MATCHING, type OrdersPage } from "../../shopify/operations/orders";
import { CLAIM_TTL_MS, claimIsLive, stockTransferOwed } from "./export.server";
import { orderDestinationName } from "./providers.server";
import { addOrderEvent, orderGid, recordShopifyOrder } from "./records.server";
import { REVERSAL_JOB } from "./reversals.server";
import type { AdminRequester } from "./shopify-client.server";

export const EXPORT_JOB = "orders.export";

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
  if (payload?.id === undefined || payload.id === null)
    throw new PermanentError(said("webhooks.noOrderId", { topic: "orders/create" }));
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

/** The Orders page's Retry: a failed (or stuck) export runs again, including one a crashed run left claimed. */
export async function retryOrderExport(
  db: Db,
  shop: string,
  orderExportId: string,
  now = new Date(),
  /** The language of the refusal's destination name (the refusal itself is said with its words). */
  locale: Locale = "en",
): Promise<{ jobId: string }> {
  const row = await db.orderExport.findFirst({ where: { id: orderExportId, shop } });
  if (!row) throw new PermanentError(said("words7.orders.notInRecords"));
  const order = row.shopifyOrderName;
  if (row.status === "cancelled") throw new PermanentError(said("words7.orders.cancelledBeforeExport", { order }));
  if (row.status === "exported" && !stockTransferOwed(row))
    throw new PermanentError(
      said("words7.orders.alreadyIn", {
        order,
        destination: await orderDestinationName(shop, db, locale),
        erpOrderId: row.erpOrderId ?? "",
      }),
    );
  if (claimIsLive(row, now)) throw new PermanentError(said("words7.orders.beingSent", { order }));
  await addOrderEvent(db, row, "retry", said("words7.orders.exportRetried"), now);
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
 * recorded and queued; then every export left unfinished is queued again: pending ones whose export never
 * ran, ones a crashed run left claimed (expired claim), exported ones whose stock transfer is still owed.
 * Failed ones wait for the merchant's Retry (their reason needs a fix first).
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
      const { created } = await recordShopifyOrder(
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
      if (created) {
        result.recorded++;
        await enqueue(deps.db, { shop, type: EXPORT_JOB, trigger: "schedule", params: { shopifyOrderId: order.id } });
        result.queued++;
      }
    }
    if (!data.orders.pageInfo.hasNextPage) break;
    after = data.orders.pageInfo.endCursor;
  }
  result.queued += await requeueUnfinished(deps.db, shop, now, staleBefore);
  result.queued += await requeueReversals(deps.db, shop, staleBefore);
  return result;
}

/** Cancellations and refunds still pending (their job gave up waiting, e.g. on an export) and no job waiting: queued. */
async function requeueReversals(db: Db, shop: string, staleBefore: Date): Promise<number> {
  const rows = await db.orderReversal.findMany({
    where: { shop, status: "pending", updatedAt: { lt: staleBefore } },
    select: { shopifyOrderId: true },
    distinct: ["shopifyOrderId"],
    take: 1_000,
  });
  let queued = 0;
  for (const { shopifyOrderId } of rows) {
    const paramsJson = JSON.stringify({ shopifyOrderId });
    const waiting = await db.job.count({
      where: { shop, type: REVERSAL_JOB, paramsJson, status: { in: ["queued", "running"] } },
    });
    if (waiting > 0) continue;
    await enqueue(db, { shop, type: REVERSAL_JOB, trigger: "schedule", params: { shopifyOrderId } });
    queued++;
  }
  return queued;
}

/** Exports left unfinished (see reconcileOrders) and no export job waiting or running for them: queued. */
async function requeueUnfinished(db: Db, shop: string, now: Date, staleBefore: Date): Promise<number> {
  const expired = new Date(now.getTime() - CLAIM_TTL_MS);
  const unclaimed = { OR: [{ claimedBy: null }, { claimedAt: { lt: expired } }] };
  const rows = await db.orderExport.findMany({
    where: {
      shop,
      OR: [
        { status: "pending", updatedAt: { lt: staleBefore } },
        { status: "exporting", claimedAt: { lt: expired } },
        { status: "exported", stockTransferJson: { not: null }, stockTransferredAt: null, ...unclaimed },
      ],
    },
    select: { id: true, shop: true, shopifyOrderId: true },
    take: 1_000,
  });
  let queued = 0;
  for (const row of rows) {
    const paramsJson = JSON.stringify({ shopifyOrderId: row.shopifyOrderId });
    const waiting = await db.job.count({
      where: { shop, type: EXPORT_JOB, paramsJson, status: { in: ["queued", "running"] } },
    });
    if (waiting > 0) continue;
    await enqueue(db, { shop, type: EXPORT_JOB, trigger: "schedule", params: { shopifyOrderId: row.shopifyOrderId } });
    await addOrderEvent(db, row, "retry", said("words7.orders.requeuedByReconciliation"), now);
    queued++;
  }
  return queued;
}

/** fetch_tracking_numbers: the tracking number we know for each order name. */
export async function trackingNumbersFor(db: Db, shop: string, orderNames: string[]): Promise<Record<string, string>> {
  if (orderNames.length === 0) return {};
  const rows = await db.orderExport.findMany({
    where: { shop, shopifyOrderName: { in: orderNames }, trackingNumber: { not: null } },
  });
  return Object.fromEntries(rows.map((r) => [r.shopifyOrderName, r.trackingNumber!]));
}
