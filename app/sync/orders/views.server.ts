// What the Orders page shows: recent orders with their ERP state, filtered, and one order's history.
import { Prisma } from "@passerelle/prisma-sqlite";
import type { Db } from "../../db.server";
import { defineWords } from "../../i18n/define";
import type { Locale } from "../../i18n/locale";
import { storedText } from "../../i18n/stored-words";

import { canRetryExport } from "./export.server";
import { orderContents, shopifyAdminOrderUrl } from "./order-contents";
import type { OrderFilter } from "./order-filters";

export { ORDER_FILTERS, type OrderFilter } from "./order-filters";

export type OrderStage = "error" | "waiting" | "exported" | "shipped" | "delivered" | "cancelled" | "refunded";

/** A cancellation or refund as the order's row shows it. */
export interface OrderReversalView {
  kind: "cancellation" | "refund";
  state: "reporting" | "reported" | "failed" | "not-needed";
  /** In the merchant's words, e.g. "Cancelled after export: reported to <destination>, stock returned (2 × …)". */
  text: string;
}

export interface OrderRow {
  id: string;
  name: string;
  shopifyOrderId: string;
  stage: OrderStage;
  erpOrderId: string | null;
  erpStatus: string | null;
  carrier: string | null;
  trackingNumber: string | null;
  trackingUrl: string | null;
  deliveredAt: string | null;
  error: string | null;
  /** The destination's own words behind the error, for "Technical details". */
  errorDetail: string | null;
  customerName: string | null;
  email: string | null;
  /** The order in Shopify admin. */
  shopifyAdminUrl: string;
  attempts: number;
  createdAt: string;
  /** Retry is offered: a failed export, one a crashed run left behind, or a cancellation or refund not reported. */
  canRetry: boolean;
  /** Cancelled in Shopify before export: never sent. */
  cancelledBeforeExport: boolean;
  reversals: OrderReversalView[];
}

type Record = Awaited<ReturnType<Db["orderExport"]["findFirstOrThrow"]>>;

export function stageOf(r: Pick<Record, "status" | "fulfilledAt" | "deliveredAt" | "trackingNumber">): OrderStage {
  if (r.status === "failed") return "error";
  if (r.status === "cancelled") return "cancelled";
  if (r.status !== "exported") return "waiting";
  if (r.deliveredAt) return "delivered";
  if (r.fulfilledAt || r.trackingNumber) return "shipped";
  return "exported";
}

type Reversal = Awaited<ReturnType<Db["orderReversal"]["findFirstOrThrow"]>>;

const itemsOf = (json: string | null) =>
  (json ? (JSON.parse(json) as { sku: string; quantity: number }[]) : [])
    .map((l) => `${l.quantity} × ${l.sku}`)
    .join(", ");

const REVERSAL_WORDS = defineWords({
  en: {
    what: (kind: "cancellation" | "refund"): string =>
      kind === "cancellation" ? "Cancelled after export" : "Refunded",
    stockReturned: (items: string) => `stock returned (${items})`,
    noStock: "no stock to return",
    reported: (what: string, destination: string, stock: string) => `${what}: reported to ${destination}, ${stock}.`,
    markedRefunded: (what: string, destination: string, stock: string) =>
      `${what}: marked refunded in ${destination}, ${stock}.`,
    returnedIn: (what: string, destination: string, items: string) =>
      `${what}: stock returned in ${destination} (${items}).`,
    nothingReturnedIn: (what: string, destination: string) =>
      `${what}: no stock to return in ${destination} (already returned, or not restocked).`,
    notReported: (kind: "cancellation" | "refund", destination: string, error: string | null) =>
      `${kind === "cancellation" ? "Cancellation" : "Refund"} not reported to ${destination}: ${error ?? "unknown error"}`,
    nothingToTell: (what: string, destination: string) => `${what}: nothing to tell ${destination}.`,
    beingReported: (what: string, destination: string, lastError: string | null) =>
      `${what}: being reported to ${destination}${lastError ? ` (last try: ${lastError})` : ""}.`,
  },
  // The reason comes as reasonOf says it (the destination's own text quoted).
  fr: {
    what: (kind: "cancellation" | "refund"): string =>
      kind === "cancellation" ? "Annulée après l'export" : "Remboursée",
    stockReturned: (items: string) => `stock remis (${items})`,
    noStock: "aucun stock à remettre",
    reported: (what: string, destination: string, stock: string) => `${what} : signalée à ${destination}, ${stock}.`,
    markedRefunded: (what: string, destination: string, stock: string) =>
      `${what} : marquée remboursée dans ${destination}, ${stock}.`,
    returnedIn: (what: string, destination: string, items: string) =>
      `${what} : stock remis dans ${destination} (${items}).`,
    nothingReturnedIn: (what: string, destination: string) =>
      `${what} : aucun stock à remettre dans ${destination} (déjà remis, ou pas remis en stock).`,
    notReported: (kind: "cancellation" | "refund", destination: string, error: string | null) =>
      `${kind === "cancellation" ? "Annulation non signalée" : "Remboursement non signalé"} à ${destination} : ${error ?? "erreur inconnue"}`,
    nothingToTell: (what: string, destination: string) => `${what} : rien à signaler à ${destination}.`,
    beingReported: (what: string, destination: string, lastError: string | null) =>
      `${what} : en cours de signalement à ${destination}${lastError ? ` (dernier essai : ${lastError})` : ""}.`,
  },
});

/**
 * A reversal's stored reason in the reader's language (said again from its words); a plain text (the
 * destination's own words, old rows) stays as it is, quoted in French.
 */
function reasonOf(r: Reversal, locale: Locale): string | null {
  if (r.lastError === null) return null;
  if (locale === "en") return r.lastError;
  return r.lastErrorWords ? storedText(r.lastError, r.lastErrorWords, locale) : `« ${r.lastError} »`;
}

function reversalView(r: Reversal, destination: string, locale: Locale = "en"): OrderReversalView {
  const t = REVERSAL_WORDS[locale];
  const kind = r.kind === "cancellation" ? "cancellation" : "refund";
  const what = t.what(kind);
  const items = itemsOf(r.returnJson);
  if (r.status === "reported") {
    const stock = items ? t.stockReturned(items) : t.noStock;
    if (kind === "cancellation") return { kind, state: "reported", text: t.reported(what, destination, stock) };
    const text = r.statusReportedAt
      ? t.markedRefunded(what, destination, stock)
      : items
        ? t.returnedIn(what, destination, items)
        : t.nothingReturnedIn(what, destination);
    return { kind, state: "reported", text };
  }
  if (r.status === "failed")
    return { kind, state: "failed", text: t.notReported(kind, destination, reasonOf(r, locale)) };
  // A "not needed" reversal's reason is stored by the run, with its words.
  if (r.status === "not-needed")
    return {
      kind,
      state: "not-needed",
      text:
        r.lastError === null ? t.nothingToTell(what, destination) : storedText(r.lastError, r.lastErrorWords, locale),
    };
  return { kind, state: "reporting", text: t.beingReported(what, destination, reasonOf(r, locale)) };
}

function rowOf(
  r: Omit<Record, "payloadJson">,
  reversals: Reversal[],
  destination: string,
  locale: Locale = "en",
): OrderRow {
  const views = reversals
    .filter((v) => v.status !== "not-needed" || r.status !== "cancelled")
    .map((v) => reversalView(v, destination, locale));
  let stage = stageOf(r);
  if (r.status === "exported") {
    if (views.some((v) => v.state === "failed")) stage = "error";
    else if (views.some((v) => v.kind === "cancellation")) stage = "cancelled";
    else if (views.some((v) => v.kind === "refund" && v.state === "reported")) stage = "refunded";
  }
  return {
    id: r.id,
    name: r.shopifyOrderName,
    shopifyOrderId: r.shopifyOrderId,
    stage,
    erpOrderId: r.erpOrderId,
    erpStatus: r.erpStatus === null ? null : `${r.erpStatus}${r.erpStatusLabel ? ` ${r.erpStatusLabel}` : ""}`,
    carrier: r.carrier,
    trackingNumber: r.trackingNumber,
    trackingUrl: r.trackingUrl,
    deliveredAt: r.deliveredAt?.toISOString() ?? null,
    // Said again in the admin's language when stored with words (app/i18n/stored-words.ts).
    error: r.lastError === null ? null : storedText(r.lastError, r.lastErrorWords, locale),
    errorDetail: r.lastErrorDetail,
    customerName: r.customerName,
    email: r.email,
    shopifyAdminUrl: shopifyAdminOrderUrl(r.shop, r.shopifyOrderId),
    attempts: r.attempts,
    createdAt: r.createdAt.toISOString(),
    canRetry: canRetryExport(r, new Date()) || views.some((v) => v.state === "failed"),
    cancelledBeforeExport: r.status === "cancelled",
    reversals: views,
  };
}

const WHERE: { [K in OrderFilter]: object } = {
  all: {},
  errors: { status: "failed" },
  waiting: { status: { in: ["pending", "exporting"] } },
  exported: { status: "exported", trackingNumber: null },
  shipped: { status: "exported", trackingNumber: { not: null }, deliveredAt: null },
  delivered: { deliveredAt: { not: null } },
  cancelled: { OR: [{ status: "cancelled" }, { cancelledAt: { not: null } }] },
};

/** Orders whose cancellation or refund could not be reported: errors too, until Retry. */
async function withFailedReversal(db: Db, shop: string): Promise<string[]> {
  const rows = await db.orderReversal.findMany({
    where: { shop, status: "failed" },
    select: { shopifyOrderId: true },
    distinct: ["shopifyOrderId"],
    take: 1_000,
  });
  return rows.map((r) => r.shopifyOrderId);
}

/**
 * The Errors tab's count: orders that failed, plus orders whose cancellation or refund could not be
 * reported (counted once, and not again when the order failed too). Index walks only: OrderExport
 * (shop, status, id) for the failed ones; OrderReversal (shop, status) for the failed reversals, each
 * order then found by its (shop, shopifyOrderId) key — never every order of the shop.
 */
export function errorCountQuery(shop: string): Prisma.Sql {
  return Prisma.sql`
    SELECT
      (SELECT COUNT(*) FROM "OrderExport" o WHERE o."shop" = ${shop} AND o."status" = 'failed')
      + (SELECT COUNT(*) FROM "OrderExport" o
          WHERE o."shop" = ${shop} AND o."status" <> 'failed' AND o."shopifyOrderId" IN (
            SELECT r."shopifyOrderId" FROM "OrderReversal" r WHERE r."shop" = ${shop} AND r."status" = 'failed'
          )) AS "count"`;
}

export async function countOrderErrors(db: Db, shop: string): Promise<number> {
  const [row] = await db.$queryRaw<{ count: number | bigint }[]>(errorCountQuery(shop));
  return Number(row?.count ?? 0);
}

/** The Errors tab's list: failed orders, and those whose cancellation or refund could not be reported. */
async function errorsWhere(db: Db, shop: string): Promise<object> {
  const failedReversals = await withFailedReversal(db, shop);
  return failedReversals.length
    ? { OR: [{ status: "failed" }, { shopifyOrderId: { in: failedReversals } }] }
    : WHERE.errors;
}

const reversalsOf = (db: Db, shop: string, shopifyOrderIds: string[]) =>
  db.orderReversal.findMany({
    where: { shop, shopifyOrderId: { in: shopifyOrderIds } },
    orderBy: { createdAt: "asc" },
  });

function byOrder(reversals: Reversal[]) {
  const map = new Map<string, Reversal[]>();
  for (const r of reversals) map.set(r.shopifyOrderId, [...(map.get(r.shopifyOrderId) ?? []), r]);
  return map;
}

/** What the Orders list asks for: a status filter, a search, a date range and a keyset page. */
export interface OrderQuery {
  filter?: OrderFilter;
  /** Order name, customer name or e-mail (part of it). */
  q?: string;
  /** Received from this instant on, and before `until` (the screen turns days into instants). */
  since?: Date;
  until?: Date;
  /** Cursors from a previous page's `page.next` / `page.previous`. */
  after?: string;
  before?: string;
  limit?: number;
}

export async function listOrders(
  db: Db,
  shop: string,
  query: OrderFilter | OrderQuery = "all",
  take = 50,
  destination = "the order system",
  locale: Locale = "en",
) {
  const ask: OrderQuery = typeof query === "string" ? { filter: query, limit: take } : query;
  const limit = Math.min(Math.max(ask.limit ?? take, 1), 250);
  const filter = ask.filter ?? "all";
  const conditions: object[] = [filter === "errors" ? await errorsWhere(db, shop) : WHERE[filter]];
  const q = ask.q?.trim();
  if (q)
    conditions.push({
      OR: [
        { shopifyOrderName: { contains: q } },
        { email: { contains: q.toLowerCase() } },
        ...[q, capitalized(q)].map((v) => ({ customerName: { contains: v } })),
      ],
    });
  if (ask.since) conditions.push({ createdAt: { gte: ask.since } });
  if (ask.until) conditions.push({ createdAt: { lt: ask.until } });
  const where = { shop, AND: conditions };
  const cursor = decodeCursor(ask.before ?? ask.after);
  const backwards = Boolean(ask.before && cursor);
  const keyset = cursor
    ? backwards
      ? { OR: [{ createdAt: { gt: cursor.at } }, { createdAt: cursor.at, id: { gt: cursor.id } }] }
      : { OR: [{ createdAt: { lt: cursor.at } }, { createdAt: cursor.at, id: { lt: cursor.id } }] }
    : {};
  const order = backwards ? "asc" : "desc";
  const [found, errorCount, total] = await Promise.all([
    db.orderExport.findMany({
      where: { ...where, AND: [...conditions, keyset] },
      orderBy: [{ createdAt: order }, { id: order }],
      take: limit + 1,
      // The order as received (kilobytes each in a real shop) is for exporting it, not for listing it.
      omit: { payloadJson: true },
    }),
    countOrderErrors(db, shop),
    db.orderExport.count({ where }),
  ]);
  const more = found.length > limit;
  const rows = found.slice(0, limit);
  if (backwards) rows.reverse();
  const reversals = byOrder(
    await reversalsOf(
      db,
      shop,
      rows.map((r) => r.shopifyOrderId),
    ),
  );
  const first = rows[0];
  const last = rows[rows.length - 1];
  const hasNext = backwards ? Boolean(cursor) : more;
  const hasPrevious = backwards ? more : Boolean(cursor);
  return {
    orders: rows.map((r) => rowOf(r, reversals.get(r.shopifyOrderId) ?? [], destination, locale)),
    errorCount,
    total,
    page: {
      next: hasNext && last ? encodeCursor(last) : null,
      previous: hasPrevious && first ? encodeCursor(first) : null,
    },
  };
}

const capitalized = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

const encodeCursor = (row: { createdAt: Date; id: string }) =>
  Buffer.from(JSON.stringify([row.createdAt.toISOString(), row.id])).toString("base64url");

function decodeCursor(cursor: string | undefined): { at: Date; id: string } | null {
  if (!cursor) return null;
  try {
    const [at, id] = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8")) as [string, string];
    const date = new Date(at);
    return typeof id === "string" && !Number.isNaN(date.getTime()) ? { at: date, id } : null;
  } catch {
    return null;
  }
}

export async function orderDetail(
  db: Db,
  shop: string,
  id: string,
  destination = "the order system",
  locale: Locale = "en",
) {
  const row = await db.orderExport.findFirst({ where: { shop, id }, include: { events: { orderBy: { at: "asc" } } } });
  if (!row) return null;
  const reversals = await reversalsOf(db, shop, [row.shopifyOrderId]);
  const timeline = row.events.map((e) => ({
    id: e.id,
    kind: e.kind,
    message: storedText(e.message, e.words, locale),
    detail: e.detail,
    at: e.at.toISOString(),
  }));
  return {
    order: rowOf(row, reversals, destination, locale),
    ...orderContents(row.payloadJson),
    timeline,
    // The former name, kept for callers that read it.
    history: timeline,
  };
}
