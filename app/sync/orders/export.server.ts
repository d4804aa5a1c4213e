// Exports one Shopify order to the back office exactly once. The Shopify order id is the key:
//  1. claim our row (pending/failed, or exporting with an expired claim → exporting) in one conditional
//     UPDATE, so of two racing exporters only one goes on;
//  2. ask the back office for an order with that Shopify id before creating (covers a crash between
//     its OK and our write, and a timed-out transaction that was applied anyway);
//  3. create, then store its id on our row (fenced on our claim) and on the Shopify order (metafield).
import { randomUUID } from "node:crypto";
import type { Db } from "../../db.server";
import type { StockTransfer } from "../../domain/inventory";
import { AppError, errorMessage, isTransient } from "../../lib/errors";
import { assertNoUserErrors } from "../../shopify/admin-client.server";
import { ORDER_FOR_EXPORT, SET_ORDER_METAFIELDS } from "../../shopify/operations/orders";
import { orderDraftFrom, OrderNotExportableError } from "./draft";
import type { OrderSink } from "./ports";
import { addOrderEvent } from "./records.server";
import type { AdminRequester } from "./shopify-client.server";

export const METAFIELD = { namespace: "passerelle", key: "fastmag_order_id" } as const;
/** An "exporting" claim older than this is taken to belong to a crashed process. */
export const CLAIM_TTL_MS = 5 * 60_000;
/** After the order, its items move from the web stock to the general stock, where shipping takes
 *  them from (the seed's post-transfer-stock). */
export const STOCK_TRANSFER = { from: "B", to: "A" } as const;

export interface OrderExportDeps {
  db: Db;
  sink: OrderSink;
  shopify: AdminRequester;
  now: () => Date;
  /** Called right after the back office accepted the order, before we record it (tests crash here). */
  onErpOrderCreated?: (erpOrderId: string) => Promise<void> | void;
}

export type OrderExportOutcome =
  | { kind: "exported"; fastmagOrderId: string; created: boolean }
  | { kind: "already-exported"; fastmagOrderId: string | null }
  | { kind: "busy" }
  | { kind: "unknown" };

export async function exportOrder(
  deps: OrderExportDeps,
  key: { shop: string; shopifyOrderId: string },
): Promise<OrderExportOutcome> {
  const { db } = deps;
  const now = deps.now();
  const claim = randomUUID();
  const claimed = await db.orderExport.updateMany({
    where: {
      shop: key.shop,
      shopifyOrderId: key.shopifyOrderId,
      OR: [
        { status: "pending" },
        { status: "failed" },
        { status: "exporting", claimedAt: { lt: new Date(now.getTime() - CLAIM_TTL_MS) } },
      ],
    },
    data: { status: "exporting", claimedBy: claim, claimedAt: now, attempts: { increment: 1 } },
  });
  const row = await db.orderExport.findUnique({ where: { shop_shopifyOrderId: key } });
  if (!row) return { kind: "unknown" };
  if (claimed.count === 0)
    return row.status === "exported"
      ? { kind: "already-exported", fastmagOrderId: row.fastmagOrderId }
      : { kind: "busy" };

  try {
    let erpOrderId = row.fastmagOrderId;
    let created = false;
    const { data } = await deps.shopify.request(ORDER_FOR_EXPORT, { id: row.shopifyOrderId });
    const order = data.order;
    if (!order) throw new OrderNotExportableError(`Shopify no longer has order ${row.shopifyOrderName}.`);
    let transfers: StockTransfer[] = [];
    if (!erpOrderId) erpOrderId = order.metafield?.value ?? null;
    if (!erpOrderId) erpOrderId = (await deps.sink.orderByShopifyId(row.shopifyOrderId))?.id ?? null;
    if (!erpOrderId) {
      const { draft, customer } = orderDraftFrom(order);
      erpOrderId = (await deps.sink.createOrder(draft, customer)).orderId;
      created = true;
      transfers = draft.lines.map((l) => ({ sku: l.sku, quantity: l.quantity, ...STOCK_TRANSFER }));
      await deps.onErpOrderCreated?.(erpOrderId);
    }
    const stored = await db.orderExport.updateMany({
      where: { id: row.id, claimedBy: claim, status: "exporting" },
      data: {
        status: "exported",
        fastmagOrderId: erpOrderId,
        exportedAt: deps.now(),
        lastError: null,
        email: order.email,
      },
    });
    if (stored.count === 0) return { kind: "busy" }; // our claim expired and another exporter took over
    await addOrderEvent(
      db,
      row,
      "exported",
      created
        ? `Created in Fastmag as order ${erpOrderId}.`
        : `Already in Fastmag as order ${erpOrderId}; linked, not created again.`,
      deps.now(),
    );
    await afterExport(
      deps,
      {
        id: row.id,
        shop: row.shop,
        shopifyOrderId: row.shopifyOrderId,
        metafieldValue: order.metafield?.value ?? null,
      },
      erpOrderId,
      transfers,
    );
    return { kind: "exported", fastmagOrderId: erpOrderId, created };
  } catch (error) {
    await recordFailure(deps, row, claim, error);
    throw error;
  }
}

async function recordFailure(deps: OrderExportDeps, row: { id: string; shop: string }, claim: string, error: unknown) {
  const transient = isTransient(error);
  const message = error instanceof AppError ? error.message : `Unexpected error: ${errorMessage(error)}`;
  // A transient failure goes back to pending (the job retries); a permanent one waits for Retry.
  const released = await deps.db.orderExport.updateMany({
    where: { id: row.id, claimedBy: claim, status: "exporting" },
    data: { status: transient ? "pending" : "failed", lastError: message, claimedBy: null, claimedAt: null },
  });
  if (released.count) await addOrderEvent(deps.db, row, transient ? "retrying" : "failed", message, deps.now());
}

/** The Shopify metafield and the stock transfer: each done once, neither undoes the export. */
async function afterExport(
  deps: OrderExportDeps,
  row: { id: string; shop: string; shopifyOrderId: string; metafieldValue: string | null },
  erpOrderId: string,
  transfers: StockTransfer[],
) {
  try {
    if (row.metafieldValue !== erpOrderId) {
      const { data } = await deps.shopify.request(SET_ORDER_METAFIELDS, {
        metafields: [{ ownerId: row.shopifyOrderId, ...METAFIELD, type: "single_line_text_field", value: erpOrderId }],
      });
      assertNoUserErrors("metafieldsSet", data.metafieldsSet);
    }
    await deps.db.orderExport.update({ where: { id: row.id }, data: { metafieldWrittenAt: deps.now() } });
  } catch (error) {
    await deps.db.orderExport.update({
      where: { id: row.id },
      data: { lastError: `Fastmag id not saved on the Shopify order: ${errorMessage(error)}` },
    });
    await addOrderEvent(
      deps.db,
      row,
      "warning",
      `Could not save the Fastmag id on the Shopify order: ${errorMessage(error)}`,
      deps.now(),
    );
  }
  if (transfers.length === 0) return;
  // Marked before sending: a transfer has no idempotency key, so at most once beats twice.
  const mine = await deps.db.orderExport.updateMany({
    where: { id: row.id, stockTransferredAt: null },
    data: { stockTransferredAt: deps.now() },
  });
  if (mine.count === 0) return;
  try {
    await deps.sink.transferStock(transfers, `Shopify order ${row.shopifyOrderId}`);
    await addOrderEvent(
      deps.db,
      row,
      "stock",
      `Stock moved for ${transfers.length} item(s) (web → general).`,
      deps.now(),
    );
  } catch (error) {
    await addOrderEvent(deps.db, row, "warning", `Stock transfer failed: ${errorMessage(error)}`, deps.now());
  }
}
