// Use-cases behind the Orders screens and their JSON API: the list (filters, search, dates, keyset
// pages), one order, and Retry (an export, or a cancellation or refund not reported), one or many.
import { db } from "../../db.server";
import { defineWords } from "../../i18n/define";
import type { Locale } from "../../i18n/locale";
import { sayIn } from "../../i18n/stored-words";
import { AppError, errorMessage, PermanentError, ValidationError } from "../../lib/errors";
import { shopTimeZone } from "../../shops/time-zone.server";
import { ORDER_FILTERS, type OrderFilter } from "./order-filters";
import { retryOrderExport } from "./orders.server";
import { orderDestinationName } from "./providers.server";
import { retryOrderReversals } from "./reversals.server";
import { listOrders, orderDetail, type OrderQuery } from "./views.server";

/** The list's parameters as a URL carries them (the screen's and the API's). */
export interface OrderListParams {
  filter?: string | null;
  q?: string | null;
  /** Days (YYYY-MM-DD) in the shop's time zone, both included. */
  from?: string | null;
  to?: string | null;
  after?: string | null;
  before?: string | null;
  limit?: string | number | null;
}

export const orderListParams = (search: URLSearchParams): OrderListParams => ({
  filter: search.get("filter") ?? search.get("status"),
  q: search.get("q"),
  from: search.get("from"),
  to: search.get("to"),
  after: search.get("after"),
  before: search.get("before"),
  limit: search.get("limit"),
});

// What the Orders screens say when a search or a Retry cannot be done (the JSON API keeps the English).
const WORDS = defineWords({
  en: {
    unknownStatus: (filter: string, filters: string) => `Unknown status "${filter}": use one of ${filters}.`,
    limit: "limit must be a whole number from 1 to 250.",
    day: (field: string) => `${field} must be a day written YYYY-MM-DD.`,
    noneChosen: "Choose at least one order to retry.",
  },
  fr: {
    unknownStatus: (filter: string, filters: string) => `Statut « ${filter} » inconnu : utilisez ${filters}.`,
    limit: "La limite doit être un nombre entier de 1 à 250.",
    day: (field: string) =>
      `${field === "from" ? "La date de début" : "La date de fin"} doit être un jour écrit AAAA-MM-JJ.`,
    noneChosen: "Choisissez au moins une commande à relancer.",
  },
});

export async function ordersScreen(shop: string, params: OrderListParams | OrderFilter = {}, locale: Locale = "en") {
  const asked: OrderListParams = typeof params === "string" ? { filter: params } : params;
  const [destinationName, timeZone] = await Promise.all([orderDestinationName(shop, db, locale), shopTimeZone(shop)]);
  const query = orderQuery(asked, timeZone, locale);
  const list = await listOrders(db, shop, query, 50, destinationName, locale);
  return {
    ...list,
    filter: query.filter ?? "all",
    search: { q: asked.q ?? "", from: asked.from ?? "", to: asked.to ?? "" },
    timeZone,
    destinationName,
  };
}

function orderQuery(params: OrderListParams, timeZone: string, locale: Locale): OrderQuery {
  const t = WORDS[locale];
  const filter = params.filter ?? "all";
  if (!(ORDER_FILTERS as readonly string[]).includes(filter))
    throw new ValidationError(t.unknownStatus(filter, ORDER_FILTERS.join(", ")), {
      status: "unknown status",
    });
  const limit = params.limit === null || params.limit === undefined || params.limit === "" ? 50 : Number(params.limit);
  if (!Number.isInteger(limit) || limit < 1 || limit > 250) throw new ValidationError(t.limit, { limit: "1 to 250" });
  const since = params.from ? dayStart(params.from, timeZone, "from", locale) : undefined;
  const until = params.to ? new Date(dayStart(params.to, timeZone, "to", locale).getTime() + 86_400_000) : undefined;
  return {
    filter: filter as OrderFilter,
    q: params.q?.trim() || undefined,
    since,
    until,
    after: params.after || undefined,
    before: params.before || undefined,
    limit,
  };
}

/** Midnight of a YYYY-MM-DD day in the time zone, as an instant. */
function dayStart(day: string, timeZone: string, field: string, locale: Locale): Date {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!match) throw new ValidationError(WORDS[locale].day(field), { [field]: "YYYY-MM-DD" });
  const utc = Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
  // The zone's offset at that moment, applied twice so a day starting next to a clock change is right.
  let instant = utc - offsetMs(new Date(utc), timeZone);
  instant = utc - offsetMs(new Date(instant), timeZone);
  return new Date(instant);
}

function offsetMs(at: Date, timeZone: string): number {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
    })
      .formatToParts(at)
      .map((p) => [p.type, p.value]),
  );
  const local = Date.UTC(+parts.year, +parts.month - 1, +parts.day, +parts.hour, +parts.minute, +parts.second);
  return local - Math.floor(at.getTime() / 1000) * 1000;
}

/** One order's page, or null when the app has no record of it. */
export async function orderScreen(shop: string, id: string, locale: Locale = "en") {
  const destinationName = await orderDestinationName(shop, db, locale);
  const [detail, timeZone] = await Promise.all([
    orderDetail(db, shop, id, destinationName, locale),
    shopTimeZone(shop),
  ]);
  return detail ? { ...detail, timeZone, destinationName } : null;
}

/**
 * Retry: a cancellation or refund not reported goes again first; otherwise the export. Why it cannot
 * go again is said in the admin's language (the refusal the form shows).
 */
export async function retryExport(
  shop: string,
  orderExportId: string,
  locale: Locale = "en",
): Promise<{ jobId: string }> {
  const row = await db.orderExport.findFirst({ where: { shop, id: orderExportId }, select: { shopifyOrderId: true } });
  const failed = row
    ? await db.orderReversal.count({ where: { shop, shopifyOrderId: row.shopifyOrderId, status: "failed" } })
    : 0;
  try {
    return failed > 0
      ? await retryOrderReversals(db, shop, orderExportId)
      : await retryOrderExport(db, shop, orderExportId, new Date(), locale);
  } catch (error) {
    if (locale !== "en" && error instanceof PermanentError && error.said)
      throw new PermanentError(sayIn(error.said, locale), { cause: error });
    throw error;
  }
}

/** Retry on several orders: each one queued, or said why not (not found, nothing to retry…). */
export async function retryOrders(shop: string, ids: string[], locale: Locale = "en") {
  const unique = [...new Set(ids.map((id) => id.trim()).filter(Boolean))].slice(0, 250);
  if (unique.length === 0) throw new ValidationError(WORDS[locale].noneChosen, { ids: "none chosen" });
  const jobs: { id: string; jobId: string }[] = [];
  const notRetried: { id: string; reason: string }[] = [];
  for (const id of unique) {
    try {
      jobs.push({ id, ...(await retryExport(shop, id, locale)) });
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      notRetried.push({ id, reason: errorMessage(error) });
    }
  }
  return { queued: jobs.length, jobs, notRetried };
}
