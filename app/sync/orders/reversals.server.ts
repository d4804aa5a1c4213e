// Cancellations and refunds made in Shopify, told to the system the order was sent to, exactly once.
// The webhook records a reversal (one row per cancellation or refund: a repeat finds it) and queues the
// `orders.reversal` job. The job then, under the order row's claim (the export's, so a reversal never
// runs beside the export or another reversal of the same order):
//  - an order not exported yet and cancelled is marked "cancelled" and never sent (the export also
//    checks Shopify's cancelledAt, for a cancellation whose webhook comes late or never);
//  - an exported one: decides the stock to give back (a cancellation: all that its export moved and no
//    refund gave back yet; a refund: its restocked lines, within the same bound) and stores it before
//    sending; asks the destination whether a move with the reversal's reason exists, and only then
//    sends it; then reports the order's state (cancelled, or refunded once nothing is left), which is
//    harmless to send twice.
// A transient failure leaves the reversal pending (the job retries); a permanent one marks it failed
// with the reason, shown on the order page until Retry.
import { randomUUID } from "node:crypto";
import type { OrderDestination } from "../../capabilities/order-destination";
import type { Db } from "../../db.server";
import { enqueue } from "../../jobs/queue.server";
import {
  errorMessage,
  isTransient,
  merchantMessageOf,
  PermanentError,
  technicalDetail,
  TransientError,
} from "../../lib/errors";
import { said, textOf, wordsJson, type Message } from "../../i18n/stored-words";
import { CLAIM_TTL_MS, claimIsLive, stockTransferOwed } from "./export.server";
import { addOrderEvent, orderGid } from "./records.server";

export const REVERSAL_JOB = "orders.reversal";

/** The part of the REST `orders/cancelled` body we read (the order, with `cancelled_at`). */
export interface OrderCancelledPayload {
  id: number | string;
  admin_graphql_api_id?: string;
  name?: string;
  cancelled_at?: string | null;
  cancel_reason?: string | null;
}

/** The part of the REST `refunds/create` body we read. */
export interface RefundCreatedPayload {
  id: number | string;
  admin_graphql_api_id?: string;
  order_id: number | string;
  /** Older payloads: whether the refund put the items back in stock. */
  restock?: boolean;
  refund_line_items?: {
    quantity?: number;
    /** "no_restock", "cancel", "return", "legacy_restock". */
    restock_type?: string | null;
    line_item?: { sku?: string | null; gift_card?: boolean } | null;
  }[];
}

type Lines = { sku: string; quantity: number }[];

/** orders/cancelled: record the cancellation (once) and queue the job that tells the destination. */
export async function receiveOrderCancelled(
  db: Db,
  shop: string,
  payload: OrderCancelledPayload,
  now = new Date(),
): Promise<{ jobId: string }> {
  if (payload?.id === undefined || payload.id === null)
    throw new PermanentError(said("webhooks.noOrderId", { topic: "orders/cancelled" }));
  const shopifyOrderId = orderGid(payload.admin_graphql_api_id ?? payload.id);
  const cancelledAt = payload.cancelled_at ? new Date(payload.cancelled_at) : now;
  await db.orderExport.updateMany({
    where: { shop, shopifyOrderId, cancelledAt: null },
    data: { cancelledAt: Number.isNaN(cancelledAt.getTime()) ? now : cancelledAt },
  });
  return recordReversal(db, { shop, shopifyOrderId, key: "cancel", kind: "cancellation", lines: [] }, now);
}

/** refunds/create: record the refund's restocked lines (once) and queue the job that tells the destination. */
export async function receiveRefundCreated(
  db: Db,
  shop: string,
  payload: RefundCreatedPayload,
  now = new Date(),
): Promise<{ jobId: string }> {
  if (payload?.id === undefined || payload.id === null || payload.order_id === undefined || payload.order_id === null)
    throw new PermanentError("refunds/create without a refund or order id");
  const refundId = String(payload.admin_graphql_api_id ?? `gid://shopify/Refund/${payload.id}`);
  return recordReversal(
    db,
    { shop, shopifyOrderId: orderGid(payload.order_id), key: refundId, kind: "refund", lines: restockedLines(payload) },
    now,
  );
}

/** The refund's lines that went back to stock, by SKU (a refund without restock gives no stock back). */
export function restockedLines(payload: RefundCreatedPayload): Lines {
  const bySku = new Map<string, number>();
  for (const item of payload.refund_line_items ?? []) {
    const type = item.restock_type ?? (payload.restock ? "legacy_restock" : "no_restock");
    const sku = item.line_item?.sku;
    const quantity = Number(item.quantity ?? 0);
    if (type === "no_restock" || !sku || item.line_item?.gift_card || !(quantity > 0)) continue;
    bySku.set(sku, (bySku.get(sku) ?? 0) + quantity);
  }
  return [...bySku].map(([sku, quantity]) => ({ sku, quantity }));
}

async function recordReversal(
  db: Db,
  r: { shop: string; shopifyOrderId: string; key: string; kind: "cancellation" | "refund"; lines: Lines },
  now: Date,
): Promise<{ jobId: string }> {
  // The unique (shop, order, key) makes a repeated webhook a no-op; the job then finds nothing pending.
  await db.orderReversal.upsert({
    where: { shop_shopifyOrderId_key: { shop: r.shop, shopifyOrderId: r.shopifyOrderId, key: r.key } },
    create: {
      shop: r.shop,
      shopifyOrderId: r.shopifyOrderId,
      key: r.key,
      kind: r.kind,
      requestedJson: JSON.stringify(r.lines),
      createdAt: now,
    },
    update: {},
  });
  const { job } = await enqueue(db, {
    shop: r.shop,
    type: REVERSAL_JOB,
    trigger: "webhook",
    params: { shopifyOrderId: r.shopifyOrderId },
  });
  return { jobId: job.id };
}

export interface ReversalDeps {
  db: Db;
  destination: OrderDestination;
  destinationName: string;
  now: () => Date;
  claimToken?: string;
  claimHolderGone?: (claimedBy: string) => Promise<boolean>;
}

export type ReversalOutcome =
  | { kind: "nothing-to-do" }
  | { kind: "unknown" }
  | { kind: "cancelled-before-export" }
  | { kind: "reported"; reported: number; failed: number };

/** Another run holds the order: tried again once its claim is released or expired. */
export class OrderReversalBusyError extends TransientError {}

/** The reason the reversal's stock move carries in the destination: how it is found again after a crash. */
export const reversalReason = (r: { kind: string; key: string; shopifyOrderId: string }) =>
  r.kind === "cancellation" ? `Shopify order ${r.shopifyOrderId} cancelled` : `Shopify refund ${r.key}`;

type Reversal = NonNullable<Awaited<ReturnType<Db["orderReversal"]["findUnique"]>>>;
type Row = NonNullable<Awaited<ReturnType<Db["orderExport"]["findUnique"]>>>;

export async function reportReversals(
  deps: ReversalDeps,
  key: { shop: string; shopifyOrderId: string },
): Promise<ReversalOutcome> {
  const { db } = deps;
  const now = deps.now();
  const pending = await db.orderReversal.findMany({
    where: { ...key, status: "pending" },
    orderBy: { createdAt: "asc" },
  });
  if (pending.length === 0) return { kind: "nothing-to-do" };
  const name = deps.destinationName;
  let row = await db.orderExport.findUnique({ where: { shop_shopifyOrderId: key } });
  if (!row) {
    await settle(db, pending, "not-needed", said("reversals.notInRecords", { destination: name }));
    return { kind: "unknown" };
  }

  if (pending.some((r) => r.kind === "cancellation")) {
    // Not sent yet: never will be. Conditional, so an export that claimed the row first wins the race.
    const dropped = await db.orderExport.updateMany({
      where: { id: row.id, status: { in: ["pending", "failed"] } },
      data: { status: "cancelled", cancelledAt: row.cancelledAt ?? now, lastError: null, lastErrorWords: null },
    });
    if (dropped.count) {
      await addOrderEvent(db, row, "cancelled", said("reversals.cancelledNotSent", { destination: name }), now);
      row = { ...row, status: "cancelled" };
    }
  }
  if (row.status === "cancelled") {
    await settle(db, pending, "not-needed", said("reversals.cancelledBeforeExport", { destination: name }));
    return { kind: "cancelled-before-export" };
  }
  // A refund before the export waits for it (the export sends the order and moves its stock first).
  if (row.status !== "exported") throw busy(row, now, "is not exported yet");

  const claim = deps.claimToken ?? randomUUID();
  const expired = new Date(now.getTime() - CLAIM_TTL_MS);
  const abandoned =
    row.claimedBy && claimIsLive(row, now) && row.claimedBy !== claim && (await deps.claimHolderGone?.(row.claimedBy))
      ? row.claimedBy
      : null;
  const claimed = await db.orderExport.updateMany({
    where: {
      id: row.id,
      status: "exported",
      OR: [{ claimedBy: null }, { claimedAt: { lt: expired } }, ...(abandoned ? [{ claimedBy: abandoned }] : [])],
    },
    data: { claimedBy: claim, claimedAt: now },
  });
  if (claimed.count === 0) throw busy(row, now, "is being worked on by another run");
  const release = () =>
    db.orderExport.updateMany({ where: { id: row.id, claimedBy: claim }, data: { claimedBy: null, claimedAt: null } });
  try {
    const fresh = await db.orderExport.findUniqueOrThrow({ where: { id: row.id } });
    // Its own stock move comes first: the export's job (or the reconciliation) finishes it.
    if (stockTransferOwed(fresh)) throw busy(fresh, now, "still owes its stock move after export");
    let reported = 0;
    let failed = 0;
    // Re-read under the claim: a run that held it may have reported some.
    const unreported = await db.orderReversal.findMany({
      where: { ...key, status: "pending" },
      orderBy: { createdAt: "asc" },
    });
    for (const reversal of unreported) {
      if (await reportOne(deps, fresh, claim, reversal)) reported++;
      else failed++;
    }
    return { kind: "reported", reported, failed };
  } finally {
    await release();
  }
}

function busy(row: { shopifyOrderName: string; claimedAt: Date | null }, now: Date, why: string) {
  const retryAfterMs = row.claimedAt
    ? Math.max(5_000, row.claimedAt.getTime() + CLAIM_TTL_MS - now.getTime() + 1_000)
    : 60_000;
  return new OrderReversalBusyError(
    `Order ${row.shopifyOrderName} ${why}; its cancellation or refund is reported after.`,
    { retryAfterMs: Math.min(retryAfterMs, CLAIM_TTL_MS + 1_000) },
  );
}

async function settle(db: Db, reversals: Reversal[], status: string, message: Message) {
  await db.orderReversal.updateMany({
    where: { id: { in: reversals.map((r) => r.id) }, status: "pending" },
    data: { status, ...lastErrorOf(message) },
  });
}

/** A reversal's stored reason: its English, and its words for a reader of another language. */
const lastErrorOf = (message: Message) => ({ lastError: textOf(message), lastErrorWords: wordsJson(message) });

const parse = (json: string | null): Lines => (json ? (JSON.parse(json) as Lines) : []);

function add(into: Map<string, number>, lines: Lines, sign: 1 | -1) {
  for (const l of lines) into.set(l.sku, (into.get(l.sku) ?? 0) + sign * l.quantity);
}

/** What the order's export moved and no reversal gave back yet, by SKU. */
async function stillMoved(db: Db, row: Row, except: string): Promise<Map<string, number>> {
  const left = new Map<string, number>();
  if (row.stockTransferredAt) add(left, parse(row.stockTransferJson), 1);
  const others = await db.orderReversal.findMany({
    where: { shop: row.shop, shopifyOrderId: row.shopifyOrderId, returnJson: { not: null }, id: { not: except } },
    select: { returnJson: true },
  });
  for (const o of others) add(left, parse(o.returnJson), -1);
  return left;
}

/** Reports one reversal; true when done, false when it failed for good (its reason is on the row). */
async function reportOne(deps: ReversalDeps, row: Row, claim: string, reversal: Reversal): Promise<boolean> {
  const { db } = deps;
  const name = deps.destinationName;
  const port = deps.destination.reversals;
  if (!port) {
    await settle(db, [reversal], "not-needed", said("reversals.notTold", { destination: name }));
    await addOrderEvent(
      db,
      row,
      "warning",
      said("reversals.notToldEvent", { kind: reversal.kind, destination: name }),
      deps.now(),
    );
    return true;
  }
  const fence = async () => {
    const still = await db.orderExport.updateMany({
      where: { id: row.id, claimedBy: claim },
      data: { claimedAt: deps.now() },
    });
    if (still.count === 0) throw busy(row, deps.now(), "was taken over by another run");
  };
  await db.orderReversal.update({ where: { id: reversal.id }, data: { attempts: { increment: 1 } } });
  try {
    let lines: Lines;
    const left = await stillMoved(db, row, reversal.id);
    if (reversal.returnJson !== null) lines = parse(reversal.returnJson);
    else {
      const wanted =
        reversal.kind === "cancellation"
          ? [...left].map(([sku, quantity]) => ({ sku, quantity }))
          : parse(reversal.requestedJson);
      lines = port.returnStock
        ? wanted
            .map((l) => ({ sku: l.sku, quantity: Math.min(l.quantity, Math.max(0, left.get(l.sku) ?? 0)) }))
            .filter((l) => l.quantity > 0)
        : [];
      // Stored, fenced on the claim, before the call that has no idempotency key.
      await fence();
      await db.orderReversal.update({ where: { id: reversal.id }, data: { returnJson: JSON.stringify(lines) } });
    }
    const items = lines.map((l) => `${l.quantity} × ${l.sku}`).join(", ");
    let stockText = "no stock to give back";
    if (lines.length && port.returnStock) {
      const reason = reversalReason(reversal);
      stockText = `stock returned (${port.returnStock.move.short}): ${items}`;
      if (!reversal.stockReturnedAt) {
        if (await port.returnStock.done(reason))
          stockText = `stock already returned in ${name}: ${items}; not moved again`;
        else {
          await fence();
          await port.returnStock.apply(lines, reason);
        }
        await db.orderReversal.update({ where: { id: reversal.id }, data: { stockReturnedAt: deps.now() } });
      }
    }
    // Cancelled; or refunded once this refund gave back the last of it (never over a cancellation).
    add(left, lines, -1);
    const nothingLeft = [...left.values()].every((q) => q <= 0);
    const refunded = lines.length > 0 && nothingLeft && !row.cancelledAt;
    const state = reversal.kind === "cancellation" ? "cancelled" : refunded ? "refunded" : null;
    if (state && !reversal.statusReportedAt) {
      await port.reportState(row.erpOrderId!, state);
      await db.orderReversal.update({ where: { id: reversal.id }, data: { statusReportedAt: deps.now() } });
    }
    await db.orderReversal.update({
      where: { id: reversal.id },
      data: { status: "reported", lastError: null, lastErrorWords: null },
    });
    const told = state ? `${name} order ${row.erpOrderId} marked ${state}; ` : "";
    const message =
      reversal.kind === "cancellation"
        ? `Cancelled in Shopify after export: ${told}${stockText}.`
        : lines.length
          ? `Refunded in Shopify: ${told}${stockText}.`
          : `Refunded in Shopify: ${told}no stock to give back in ${name} (already given back, or not restocked).`;
    await addOrderEvent(db, row, reversal.kind === "cancellation" ? "cancelled" : "refunded", message, deps.now());
    return true;
  } catch (error) {
    if (error instanceof OrderReversalBusyError) throw error;
    const message = merchantMessageOf(error) ?? said("orders.unexpectedError", { detail: errorMessage(error) });
    const told = { kind: reversal.kind, destination: name, message };
    if (isTransient(error)) {
      await db.orderReversal.update({ where: { id: reversal.id }, data: lastErrorOf(message) });
      await addOrderEvent(db, row, "retrying", said("reversals.notReportedYet", told), deps.now());
      throw error;
    }
    await db.orderReversal.update({ where: { id: reversal.id }, data: { status: "failed", ...lastErrorOf(message) } });
    await addOrderEvent(
      db,
      row,
      "failed",
      said("reversals.couldNotReport", told),
      deps.now(),
      technicalDetail(error) ?? undefined,
    );
    return false;
  }
}

/** The order page's Retry for a cancellation or refund that failed: queued again. */
export async function retryOrderReversals(db: Db, shop: string, orderExportId: string, now = new Date()) {
  const row = await db.orderExport.findFirst({ where: { id: orderExportId, shop } });
  if (!row) throw new PermanentError(said("words7.orders.notInRecords"));
  const retried = await db.orderReversal.updateMany({
    where: { shop, shopifyOrderId: row.shopifyOrderId, status: "failed" },
    data: { status: "pending" },
  });
  if (retried.count === 0)
    throw new PermanentError(said("words7.orders.noReversalToRetry", { order: row.shopifyOrderName }));
  await addOrderEvent(db, row, "retry", said("words7.orders.reversalRetried"), now);
  const { job } = await enqueue(db, {
    shop,
    type: REVERSAL_JOB,
    trigger: "manual",
    params: { shopifyOrderId: row.shopifyOrderId },
  });
  return { jobId: job.id };
}
