// Sales dispatch: an online order line whose variant is a confirmed POS item, assigned to a Shopify
// location a POS location of that account feeds, is recorded as a sale in that POS, once per line;
// refunds (restocked) and cancellations put the stock back. Each move is written to PosDispatch under
// its key before the POS call (a second worker or a retry finds it and does not send it again) and marked
// after; a crash between the POS's answer and the mark is covered by the POS's idempotency key (the same
// key is sent again, and the POS applies it once). An account that is paused loses nothing: its moves
// are kept as "held" and sent, in order, by its next poll once it is resumed (sendHeldMoves).
import { createHash } from "node:crypto";
import type { PosStockMove } from "../capabilities/point-of-sale";
import { db as defaultDb, type Db } from "../db.server";
import { isUniqueViolation } from "../db/errors";
import { said, textOf, wordsJson } from "../i18n/stored-words";
import type { ShopifyAdminClient } from "../shopify/admin-client.server";
import { adminClientForShop } from "../shopify/admin-for-shop.server";
import { ORDER_LINE_LOCATIONS } from "../shopify/operations/orders";
import { pointOfSaleFor, type PosConnectorOptions } from "./accounts.server";

export type DispatchKind = "sale" | "refund" | "cancellation";

/** How long a worker holds a move it is sending before another may send it (with the same key). */
export const DISPATCH_CLAIM_MS = 2 * 60_000;

export interface SalesDeps {
  db?: Db;
  /** The shop's Admin client; built from the offline session when absent (and only when needed). */
  client?: ShopifyAdminClient;
  connector?: PosConnectorOptions;
  now?: () => Date;
}

interface LineInput {
  id: number | string;
  variant_id?: number | string | null;
  quantity?: number;
}

export interface OrderPayload {
  id: number | string;
  admin_graphql_api_id?: string;
  name?: string;
  line_items?: LineInput[];
}

export interface RefundPayload {
  id: number | string;
  order_id: number | string;
  refund_line_items?: { id: number | string; line_item_id: number | string; quantity: number; restock_type?: string }[];
}

export interface DispatchOutcome {
  key: string;
  outcome: "sent" | "refused" | "already-sent" | "in-flight" | "held";
  reason?: string;
}

const gidOf = (type: string, id: number | string) =>
  String(id).startsWith("gid://") ? String(id) : `gid://shopify/${type}/${id}`;

/** Unique per account, order line and kind; 40 characters at most, [a-z0-9-] (the port's rule). */
export function dispatchKey(kind: DispatchKind, accountId: string, lineRef: string): string {
  const hash = createHash("sha256").update(`${accountId}|${kind}|${lineRef}`).digest("hex").slice(0, 32);
  return `${kind === "sale" ? "sale" : kind === "refund" ? "refd" : "cncl"}-${hash}`;
}

interface PlannedMove extends PosStockMove {
  accountId: string;
  kind: DispatchKind;
  orderId: string;
  orderName: string;
  lineId: string;
}

/** orders/create: the sales of the order's lines held by a POS location. */
export async function dispatchOrderSales(
  shop: string,
  payload: OrderPayload,
  deps: SalesDeps = {},
): Promise<DispatchOutcome[]> {
  const db = deps.db ?? defaultDb;
  const lines = (payload.line_items ?? []).filter((l) => l.variant_id !== null && l.variant_id !== undefined);
  if (!lines.length) return [];
  const variantIds = lines.map((l) => gidOf("ProductVariant", l.variant_id!));
  const mappings = await db.posItemMapping.findMany({
    where: { shop, status: "confirmed", variantId: { in: variantIds } },
  });
  if (!mappings.length) return [];
  const accounts = await db.posAccount.findMany({
    where: { shop, id: { in: [...new Set(mappings.map((m) => m.accountId))] } },
  });
  const known = new Set(accounts.map((a) => a.id));
  const locations = await db.posLocationMapping.findMany({
    where: { accountId: { in: [...known] }, shopifyLocationId: { not: null } },
  });
  if (!locations.length) return [];

  const orderId = gidOf("Order", payload.admin_graphql_api_id ?? payload.id);
  const client = deps.client ?? (await adminClientForShop(shop, { db, timeoutMs: 20_000 }));
  const { data } = await client.request(ORDER_LINE_LOCATIONS, { id: orderId });
  const orderName = data.order?.name ?? payload.name ?? orderId;
  // Line item id → [Shopify location, quantity] (a line may be split across locations).
  const placed = new Map<string, { locationId: string; quantity: number }[]>();
  for (const fo of data.order?.fulfillmentOrders.nodes ?? []) {
    const locationId = fo.assignedLocation.location?.id;
    if (!locationId) continue;
    for (const item of fo.lineItems.nodes) {
      const list = placed.get(item.lineItem.id) ?? [];
      list.push({ locationId, quantity: item.totalQuantity });
      placed.set(item.lineItem.id, list);
    }
  }
  const moves: PlannedMove[] = [];
  for (const line of lines) {
    const lineId = gidOf("LineItem", line.id);
    const variantId = gidOf("ProductVariant", line.variant_id!);
    for (const mapping of mappings.filter((m) => m.variantId === variantId && known.has(m.accountId)))
      for (const { locationId, quantity } of placed.get(lineId) ?? []) {
        // Several POS locations summed into one Shopify location: the first one mapped takes the sale.
        const at = locations.find((l) => l.accountId === mapping.accountId && l.shopifyLocationId === locationId);
        if (!at || quantity <= 0) continue;
        moves.push({
          accountId: mapping.accountId,
          kind: "sale",
          orderId,
          orderName,
          lineId,
          posItemId: mapping.posItemId,
          posLocationId: at.posLocationId,
          quantity,
          key: dispatchKey("sale", mapping.accountId, `${lineId}|${locationId}`),
          reference: orderName,
        });
      }
  }
  return sendMoves(shop, moves, db, deps);
}

/** refunds/create: restocked refund lines whose sale was sent put the stock back in that POS. */
export async function dispatchRefund(
  shop: string,
  payload: RefundPayload,
  deps: SalesDeps = {},
): Promise<DispatchOutcome[]> {
  const db = deps.db ?? defaultDb;
  const orderId = gidOf("Order", payload.order_id);
  const moves: PlannedMove[] = [];
  for (const line of payload.refund_line_items ?? []) {
    if (line.restock_type === "no_restock" || !(line.quantity > 0)) continue;
    const lineId = gidOf("LineItem", line.line_item_id);
    // A sale held for a paused account is given back the same way: both wait, and go in order.
    const sales = await db.posDispatch.findMany({
      where: { shop, orderId, lineId, kind: "sale", status: { in: ["sent", "held"] } },
      orderBy: { createdAt: "asc" },
    });
    let left = line.quantity;
    for (const sale of sales) {
      const back = Math.min(left, sale.quantity);
      if (back <= 0) break;
      left -= back;
      moves.push({
        accountId: sale.accountId,
        kind: "refund",
        orderId,
        orderName: sale.orderName,
        lineId,
        posItemId: sale.posItemId,
        posLocationId: sale.posLocationId,
        quantity: -back,
        key: dispatchKey("refund", sale.accountId, `${payload.id}|${line.id}|${sale.posLocationId}`),
        reference: `${sale.orderName} refund`,
      });
    }
  }
  return sendMoves(shop, moves, db, deps);
}

/** orders/cancelled: what was sold and not yet given back goes back to each POS. */
export async function dispatchCancellation(
  shop: string,
  payload: OrderPayload,
  deps: SalesDeps = {},
): Promise<DispatchOutcome[]> {
  const db = deps.db ?? defaultDb;
  const orderId = gidOf("Order", payload.admin_graphql_api_id ?? payload.id);
  // Quantities are stored unsigned; the kind says the direction.
  const rows = await db.posDispatch.findMany({
    where: { shop, orderId, status: { in: ["sent", "held"] } },
    orderBy: { createdAt: "asc" },
  });
  const moves: PlannedMove[] = [];
  for (const sale of rows.filter((r) => r.kind === "sale")) {
    const given = rows
      .filter(
        (r) =>
          r.kind === "refund" &&
          r.lineId === sale.lineId &&
          r.posLocationId === sale.posLocationId &&
          r.accountId === sale.accountId,
      )
      .reduce((sum, r) => sum + r.quantity, 0);
    const back = sale.quantity - given;
    if (back <= 0) continue;
    moves.push({
      accountId: sale.accountId,
      kind: "cancellation",
      orderId,
      orderName: sale.orderName,
      lineId: sale.lineId,
      posItemId: sale.posItemId,
      posLocationId: sale.posLocationId,
      quantity: -back,
      key: dispatchKey("cancellation", sale.accountId, `${sale.key}`),
      reference: `${sale.orderName} cancelled`,
    });
  }
  return sendMoves(shop, moves, db, deps);
}

/** Records each move under its key, then sends the ones this worker holds, account by account. */
async function sendMoves(shop: string, moves: PlannedMove[], db: Db, deps: SalesDeps): Promise<DispatchOutcome[]> {
  const now = deps.now ?? (() => new Date());
  const outcomes: DispatchOutcome[] = [];
  const held: PlannedMove[] = [];
  const accountIds = [...new Set(moves.map((m) => m.accountId))];
  const paused = new Set(
    accountIds.length
      ? (await db.posAccount.findMany({ where: { id: { in: accountIds }, paused: true }, select: { id: true } })).map(
          (a) => a.id,
        )
      : [],
  );
  for (const move of moves) {
    const claimedUntil = new Date(now().getTime() + DISPATCH_CLAIM_MS);
    const waits = paused.has(move.accountId);
    try {
      await db.posDispatch.create({
        data: {
          key: move.key,
          shop,
          accountId: move.accountId,
          orderId: move.orderId,
          orderName: move.orderName,
          lineId: move.lineId,
          kind: move.kind,
          posItemId: move.posItemId,
          posLocationId: move.posLocationId,
          quantity: Math.abs(move.quantity),
          ...(waits ? { status: "held", claimedUntil: null, attempts: 0 } : { claimedUntil, attempts: 1 }),
        },
      });
      if (waits) outcomes.push({ key: move.key, outcome: "held" });
      else held.push(move);
      continue;
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
    }
    const existing = await db.posDispatch.findUnique({ where: { key: move.key } });
    if (existing?.status === "held") {
      outcomes.push({ key: move.key, outcome: "held" });
      continue;
    }
    if (existing && existing.status !== "pending") {
      outcomes.push({
        key: move.key,
        outcome: "already-sent",
        ...(existing.reason ? { reason: existing.reason } : {}),
      });
      continue;
    }
    // Pending: another worker holds it, or one that stopped before marking it (its claim ran out).
    const { count } = await db.posDispatch.updateMany({
      where: { key: move.key, status: "pending", OR: [{ claimedUntil: null }, { claimedUntil: { lt: now() } }] },
      data: { claimedUntil, attempts: { increment: 1 } },
    });
    if (count === 1) held.push(move);
    else outcomes.push({ key: move.key, outcome: "in-flight" });
  }
  for (const accountId of new Set(held.map((m) => m.accountId))) {
    const mine = held.filter((m) => m.accountId === accountId);
    const row = await db.posAccount.findUniqueOrThrow({ where: { id: accountId } });
    const pos = pointOfSaleFor(row, db, deps.connector);
    let results;
    try {
      results = await pos.applyMoves(
        mine.map(({ posItemId, posLocationId, quantity, key, reference }) => ({
          posItemId,
          posLocationId,
          quantity,
          key,
          reference,
        })),
      );
    } catch (error) {
      // Not sent (or not known to be): free the claim so the retry sends it again, under the same key.
      await db.posDispatch.updateMany({
        where: { key: { in: mine.map((m) => m.key) }, status: "pending" },
        data: { claimedUntil: null },
      });
      throw error;
    }
    for (const result of results) {
      await db.posDispatch.update({
        where: { key: result.key },
        data: result.ok
          ? { status: "sent", sentAt: now(), claimedUntil: null, reason: null, reasonWords: null }
          : {
              status: "refused",
              reason: textOf(result.reason ?? said("words6.pos.refused")),
              reasonWords: wordsJson(result.reason ?? said("words6.pos.refused")),
              claimedUntil: null,
            },
      });
      outcomes.push({
        key: result.key,
        outcome: result.ok ? "sent" : "refused",
        ...(result.reason ? { reason: textOf(result.reason) } : {}),
      });
    }
  }
  return outcomes;
}

/**
 * Sends what waited for the account: moves held while it was paused, and moves whose sender stopped before
 * marking them (their claim ran out), oldest first, each under its own key. The account's poll calls it
 * before reading counts, so a resumed account's counts already include its sales.
 */
export async function sendHeldMoves(shop: string, accountId: string, deps: SalesDeps = {}): Promise<DispatchOutcome[]> {
  const db = deps.db ?? defaultDb;
  const now = deps.now ?? (() => new Date());
  const account = await db.posAccount.findFirst({ where: { id: accountId, shop }, select: { paused: true } });
  if (!account || account.paused) return [];
  await db.posDispatch.updateMany({ where: { accountId, status: "held" }, data: { status: "pending" } });
  const rows = await db.posDispatch.findMany({
    where: { accountId, status: "pending", OR: [{ claimedUntil: null }, { claimedUntil: { lt: now() } }] },
    orderBy: { createdAt: "asc" },
  });
  const moves: PlannedMove[] = rows.map((row) => ({
    accountId,
    kind: row.kind as DispatchKind,
    orderId: row.orderId,
    orderName: row.orderName,
    lineId: row.lineId,
    posItemId: row.posItemId,
    posLocationId: row.posLocationId,
    quantity: row.kind === "sale" ? row.quantity : -row.quantity,
    key: row.key,
    reference:
      row.kind === "sale" ? row.orderName : `${row.orderName} ${row.kind === "refund" ? "refund" : "cancelled"}`,
  }));
  return sendMoves(shop, moves, db, deps);
}
