// Exports one Shopify order to the back office exactly once. The Shopify order id is the key:
//  1. claim our row (pending/failed, or exporting with an expired claim → exporting) in one conditional
//     UPDATE, so of two racing exporters only one goes on; the other throws a transient "busy" and its
//     job tries again once the claim has expired (a crashed run's claim is recovered that way);
//  2. ask the back office for an order with that Shopify id before creating (covers a crash between
//     its OK and our write, and a timed-out transaction that was applied anyway);
//  3. create, then store its id on our row (fenced on our claim) and on the Shopify order (metafield);
//  4. move its stock web → general once (looked up in the back office by reason before sending).
import { randomUUID } from "node:crypto";
import type { Db } from "../../db.server";
import { said, textOf, wordsJson } from "../../i18n/stored-words";
import { errorMessage, isTransient, merchantMessageOf, technicalDetail, TransientError } from "../../lib/errors";
import { assertNoUserErrors } from "../../shopify/admin-client.server";
import { ORDER_FOR_EXPORT, SET_ORDER_METAFIELDS } from "../../shopify/operations/orders";
import { orderDraftFrom, OrderNotExportableError } from "./draft";
import type { OrderDestination } from "../../capabilities/order-destination";
import { skuResolution } from "../unmatched/decisions.server";
import { addOrderEvent } from "./records.server";
import type { AdminRequester } from "./shopify-client.server";

/** The Shopify order metafields the app writes live under this namespace; each connector names its keys. */
export const METAFIELD_NAMESPACE = "passerelle";
/** An "exporting" claim older than this is taken to belong to a crashed process. */
export const CLAIM_TTL_MS = 5 * 60_000;

export interface OrderExportDeps {
  db: Db;
  destination: OrderDestination;
  /** What the merchant calls the destination: its connector's name. */
  destinationName: string;
  shopify: AdminRequester;
  now: () => Date;
  /** Who holds the claim while this export runs (a job run's token); a fresh id when absent. */
  claimToken?: string;
  /** Whether the holder of a claim is surely gone (its run ended or lost its lease): taken over at once. */
  claimHolderGone?: (claimedBy: string) => Promise<boolean>;
  /** Called right after the back office accepted the order, before we record it (tests crash here). */
  onErpOrderCreated?: (erpOrderId: string) => Promise<void> | void;
}

export type OrderExportOutcome =
  | { kind: "exported"; erpOrderId: string; created: boolean }
  | { kind: "already-exported"; erpOrderId: string | null }
  /** Cancelled in Shopify before it was sent: never sent, the row says so. */
  | { kind: "cancelled" }
  | { kind: "unknown" };

/** A claim younger than its time to live: a run is sending the order (a crashed run's claim expires). */
export const claimIsLive = (row: { claimedBy: string | null; claimedAt: Date | null }, now: Date) =>
  row.claimedBy !== null && row.claimedAt !== null && row.claimedAt.getTime() > now.getTime() - CLAIM_TTL_MS;

/** Exported, with its web → general transfer still to send. */
export const stockTransferOwed = (row: { stockTransferJson: string | null; stockTransferredAt: Date | null }) =>
  row.stockTransferJson !== null && row.stockTransferredAt === null;

/** The Orders page offers Retry: a failed export, or one a crashed run left behind. */
export const canRetryExport = (
  row: { status: string; claimedBy: string | null; claimedAt: Date | null } & Parameters<typeof stockTransferOwed>[0],
  now: Date,
) =>
  row.status === "failed" ||
  ((row.status === "exporting" || (row.status === "exported" && stockTransferOwed(row))) && !claimIsLive(row, now));

/** Another run holds the order's claim: the job tries again once that claim has expired, never "succeeds". */
export class OrderExportBusyError extends TransientError {}

type Row = NonNullable<Awaited<ReturnType<Db["orderExport"]["findUnique"]>>>;

const releasedAt = (claimedAt: Date | null, now: Date) =>
  Math.max(1_000, (claimedAt?.getTime() ?? now.getTime()) + CLAIM_TTL_MS - now.getTime() + 1_000);

function busy(row: Row, now: Date): OrderExportBusyError {
  const retryAfterMs = releasedAt(row.claimedAt, now);
  return new OrderExportBusyError(
    `Order ${row.shopifyOrderName} is being sent by another run; checked again in ${Math.ceil(retryAfterMs / 1000)} s.`,
    { retryAfterMs },
  );
}

export async function exportOrder(
  deps: OrderExportDeps,
  key: { shop: string; shopifyOrderId: string },
): Promise<OrderExportOutcome> {
  const { db } = deps;
  const now = deps.now();
  const claim = deps.claimToken ?? randomUUID();
  const expired = new Date(now.getTime() - CLAIM_TTL_MS);
  const abandoned = await abandonedClaim(deps, key, now);
  const claimed = await db.orderExport.updateMany({
    where: {
      ...key,
      OR: [
        { status: "pending" },
        { status: "failed" },
        { status: "exporting", claimedAt: { lt: expired } },
        ...(abandoned ? [{ status: "exporting", claimedBy: abandoned }] : []),
      ],
    },
    data: { status: "exporting", claimedBy: claim, claimedAt: now, attempts: { increment: 1 } },
  });
  const row = await db.orderExport.findUnique({ where: { shop_shopifyOrderId: key } });
  if (!row) return { kind: "unknown" };
  if (claimed.count === 0) {
    if (row.status === "cancelled") return { kind: "cancelled" };
    if (row.status !== "exported") throw busy(row, now);
    // Exported, but a crash may have come before its stock transfer: finish that, once.
    if (row.stockTransferJson && !row.stockTransferredAt) {
      const mine = await db.orderExport.updateMany({
        where: {
          id: row.id,
          status: "exported",
          stockTransferredAt: null,
          OR: [{ claimedBy: null }, { claimedAt: { lt: expired } }, ...(abandoned ? [{ claimedBy: abandoned }] : [])],
        },
        data: { claimedBy: claim, claimedAt: now },
      });
      if (mine.count === 0) throw busy(row, now);
      await moveStockOnce(deps, row, claim, JSON.parse(row.stockTransferJson) as StockLine[]);
    }
    return { kind: "already-exported", erpOrderId: row.erpOrderId };
  }

  let exported = false;
  try {
    const { data } = await deps.shopify.request(ORDER_FOR_EXPORT, {
      id: row.shopifyOrderId,
      metafieldNamespace: METAFIELD_NAMESPACE,
      metafieldKey: deps.destination.orderIdMetafieldKey,
    });
    const order = data.order;
    if (!order) throw new OrderNotExportableError(`Shopify no longer has order ${row.shopifyOrderName}.`);
    // A stock move on record means an earlier attempt asked the destination to create the order: if it
    // has it, that attempt made it, and its stock still has to move.
    let transfers = row.stockTransferJson ? (JSON.parse(row.stockTransferJson) as StockLine[]) : null;
    let erpOrderId = row.erpOrderId ?? order.metafield?.value ?? null;
    // Cancelled before it was sent (read from Shopify, so a cancellation whose webhook is late or lost
    // counts): dropped with its reason, not failed, not retried. Only an earlier attempt can have created
    // it; then the destination is asked, and a found order is linked and its cancellation reported.
    const maybeCreated = row.attempts > 1 || row.stockTransferJson !== null;
    if (order.cancelledAt && !erpOrderId && maybeCreated)
      erpOrderId = (await deps.destination.orderByShopifyId(row.shopifyOrderId))?.id ?? null;
    if (order.cancelledAt && !erpOrderId) {
      const dropped = await db.orderExport.updateMany({
        where: { id: row.id, claimedBy: claim, status: "exporting" },
        data: {
          status: "cancelled",
          cancelledAt: new Date(order.cancelledAt),
          lastError: null,
          lastErrorWords: null,
          lastErrorDetail: null,
          stockTransferJson: null,
          claimedBy: null,
          claimedAt: null,
        },
      });
      if (dropped.count === 0) throw busy(row, deps.now());
      exported = true; // nothing for recordFailure to undo
      const message = `Cancelled in Shopify before export: not sent to ${deps.destinationName}.`;
      await addOrderEvent(db, row, "cancelled", message, deps.now());
      return { kind: "cancelled" };
    }
    if (!erpOrderId) erpOrderId = (await deps.destination.orderByShopifyId(row.shopifyOrderId))?.id ?? null;
    let created = false;
    if (!erpOrderId) {
      const { draft, customer } = orderDraftFrom(
        order,
        { skuProblem: (sku) => deps.destination.skuProblem(sku) },
        await skuResolution(db, row.shop),
      );
      transfers = deps.destination.stockFollowUp
        ? draft.lines.map((l) => ({ sku: l.sku, quantity: l.quantity }))
        : null;
      // Fenced on our claim, right before the call that is not idempotent.
      const still = await db.orderExport.updateMany({
        where: { id: row.id, claimedBy: claim, status: "exporting" },
        data: { claimedAt: deps.now(), stockTransferJson: transfers && JSON.stringify(transfers) },
      });
      if (still.count === 0) throw busy(row, deps.now());
      erpOrderId = (await deps.destination.createOrder(draft, customer)).orderId;
      created = true;
      await deps.onErpOrderCreated?.(erpOrderId);
    }
    const stored = await db.orderExport.updateMany({
      where: { id: row.id, claimedBy: claim, status: "exporting" },
      data: {
        status: "exported",
        erpOrderId,
        exportedAt: deps.now(),
        claimedAt: deps.now(),
        lastError: null,
        lastErrorWords: null,
        lastErrorDetail: null,
        email: order.email,
        stockTransferJson: transfers ? JSON.stringify(transfers) : null,
      },
    });
    // Our claim expired and another exporter took over: it links the order; this run checks again.
    if (stored.count === 0) throw busy(row, deps.now());
    exported = true;
    await addOrderEvent(
      db,
      row,
      "exported",
      created
        ? `Created in ${deps.destinationName} as order ${erpOrderId}.`
        : `Already in ${deps.destinationName} as order ${erpOrderId}; linked, not created again.`,
      deps.now(),
    );
    await saveErpIdOnShopify(deps, row, order.metafield?.value ?? null, erpOrderId);
    if (transfers) await moveStockOnce(deps, row, claim, transfers);
    else await release(db, row.id, claim);
    return { kind: "exported", erpOrderId, created };
  } catch (error) {
    if (!exported) await recordFailure(deps, row, claim, error);
    throw error;
  }
}

/** The claim of a run that is surely over (a crashed worker's), to take over without waiting for its time-to-live. */
async function abandonedClaim(
  deps: OrderExportDeps,
  key: { shop: string; shopifyOrderId: string },
  now: Date,
): Promise<string | null> {
  if (!deps.claimHolderGone) return null;
  const row = await deps.db.orderExport.findUnique({
    where: { shop_shopifyOrderId: key },
    select: { claimedBy: true, claimedAt: true },
  });
  if (!row?.claimedBy || !claimIsLive(row, now) || row.claimedBy === deps.claimToken) return null;
  return (await deps.claimHolderGone(row.claimedBy)) ? row.claimedBy : null;
}

const release = (db: Db, id: string, claim: string) =>
  db.orderExport.updateMany({ where: { id, claimedBy: claim }, data: { claimedBy: null, claimedAt: null } });

async function recordFailure(deps: OrderExportDeps, row: { id: string; shop: string }, claim: string, error: unknown) {
  if (error instanceof OrderExportBusyError) return; // not ours to record: the run holding the claim does
  const transient = isTransient(error);
  const message = merchantMessageOf(error) ?? said("orders.unexpectedError", { detail: errorMessage(error) });
  const detail = technicalDetail(error);
  // A transient failure goes back to pending (the job retries); a permanent one waits for Retry.
  const released = await deps.db.orderExport.updateMany({
    where: { id: row.id, claimedBy: claim, status: "exporting" },
    data: {
      status: transient ? "pending" : "failed",
      lastError: textOf(message),
      lastErrorWords: wordsJson(message),
      lastErrorDetail: detail,
      claimedBy: null,
      claimedAt: null,
    },
  });
  if (released.count)
    await addOrderEvent(deps.db, row, transient ? "retrying" : "failed", message, deps.now(), detail ?? undefined);
}

/** The Shopify metafield: written once, a failure is a warning and never undoes the export. */
async function saveErpIdOnShopify(
  deps: OrderExportDeps,
  row: { id: string; shop: string; shopifyOrderId: string },
  metafieldValue: string | null,
  erpOrderId: string,
) {
  try {
    if (metafieldValue !== erpOrderId) {
      const { data } = await deps.shopify.request(SET_ORDER_METAFIELDS, {
        metafields: [
          {
            ownerId: row.shopifyOrderId,
            namespace: METAFIELD_NAMESPACE,
            key: deps.destination.orderIdMetafieldKey,
            type: "single_line_text_field",
            value: erpOrderId,
          },
        ],
      });
      assertNoUserErrors("metafieldsSet", data.metafieldsSet);
    }
    await deps.db.orderExport.update({ where: { id: row.id }, data: { metafieldWrittenAt: deps.now() } });
  } catch (error) {
    const notSaved = said("orders.erpIdNotSaved", {
      destination: deps.destinationName,
      message: merchantMessageOf(error) ?? errorMessage(error),
    });
    await deps.db.orderExport.update({
      where: { id: row.id },
      data: {
        lastError: textOf(notSaved),
        lastErrorWords: wordsJson(notSaved),
      },
    });
    await addOrderEvent(
      deps.db,
      row,
      "warning",
      said("orders.erpIdNotSavedEvent", {
        destination: deps.destinationName,
        message: merchantMessageOf(error) ?? errorMessage(error),
      }),
      deps.now(),
    );
  }
}

/** The reason the order's stock move carries in the destination: how it is found again after a crash. */
export const transferReason = (shopifyOrderId: string) => `Shopify order ${shopifyOrderId}`;

/** An order line as its stock move is recorded (rows written before may carry more fields). */
type StockLine = { sku: string; quantity: number };

/**
 * The order's stock move in the destination (an ERP's web → general), exactly once: it has no
 * idempotency key, so the destination is asked first whether a move with this order's reason exists (a
 * crash after it applied one), and only then sent. Runs under the row's claim; a transient failure
 * leaves it owed for the job's retry.
 */
async function moveStockOnce(deps: OrderExportDeps, row: Row, claim: string, transfers: StockLine[]) {
  const { db } = deps;
  const followUp = deps.destination.stockFollowUp;
  if (!followUp) {
    await db.orderExport.update({ where: { id: row.id }, data: { stockTransferJson: null } });
    return void (await release(db, row.id, claim));
  }
  const name = deps.destinationName;
  const reason = transferReason(row.shopifyOrderId);
  let step: "check" | "send" = "check";
  try {
    if (await followUp.done(reason)) {
      await db.orderExport.update({ where: { id: row.id }, data: { stockTransferredAt: deps.now() } });
      const message = `Stock already moved in ${name} for this order; not moved again.`;
      await addOrderEvent(db, row, "stock", message, deps.now());
    } else {
      const still = await db.orderExport.updateMany({
        where: { id: row.id, claimedBy: claim },
        data: { claimedAt: deps.now() },
      });
      if (still.count === 0) throw busy(row, deps.now());
      step = "send";
      await followUp.apply(
        transfers.map(({ sku, quantity }) => ({ sku, quantity })),
        reason,
      );
      await db.orderExport.update({ where: { id: row.id }, data: { stockTransferredAt: deps.now() } });
      const moved = `Stock moved for ${transfers.length} item(s) (${followUp.move.short}).`;
      await addOrderEvent(db, row, "stock", moved, deps.now());
    }
  } catch (error) {
    if (error instanceof OrderExportBusyError) throw error;
    if (isTransient(error)) {
      await release(db, row.id, claim);
      await addOrderEvent(db, row, "retrying", `Stock transfer not done yet: ${errorMessage(error)}`, deps.now());
      throw error;
    }
    // Refused (e.g. not enough web stock), or the check cannot run on this instance: retrying will not
    // help; the merchant moves it by hand.
    const items = transfers.map((t) => `${t.quantity} × ${t.sku}`).join(", ");
    const message =
      step === "send"
        ? `Stock transfer refused by ${name} (${errorMessage(error)}): move ${items} ${followUp.move.byHand} by hand.`
        : `Could not check in ${name} whether this order's stock was moved (${errorMessage(error)}): if it was not, move ${items} ${followUp.move.byHand} by hand.`;
    // A warning in the order's history, as before: the export itself succeeded.
    await db.orderExport.update({ where: { id: row.id }, data: { stockTransferJson: null } });
    await addOrderEvent(db, row, "warning", message, deps.now());
  }
  await release(db, row.id, claim);
}
