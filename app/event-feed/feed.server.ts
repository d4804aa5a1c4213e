// What the Event feed screen and the JSON API show and do: endpoint health, the delivery log with its
// attempts, replay, and "Send test event". Plain use-cases over the outbox tables.
import { randomUUID } from "node:crypto";
import type { EventDelivery } from "../capabilities/event-destination";
import { eventDestinationFor } from "../connectors/registry.server";
import type { Db } from "../db.server";
import type { Locale } from "../i18n/locale";
import { storedText } from "../i18n/stored-words";
import { ValidationError } from "../lib/errors";
import { mapPage, pageSize, timeKeysetPage, type Page, type PageRequest } from "../lib/keyset.server";
import { SHOPIFY_API_VERSION } from "../shopify/api-version";
import { ringFeedDoorbell } from "./doorbell.server";
import { endpointTarget, loadEndpoint } from "./endpoints.server";
import { resourceKeyOf, type FeedTopic } from "./topics";

export interface EndpointHealth {
  endpointId: string;
  /** Share of attempts in the last 24 hours that were delivered (null: none). */
  successRate: number | null;
  lastError: string | null;
  backlog: number;
  oldestPendingAt: string | null;
  deadLettered: number;
}

/** Each endpoint's health; stored failures said again in `locale` (the API's: English). */
export async function endpointHealth(
  db: Db,
  shop: string,
  now = new Date(),
  locale: Locale = "en",
): Promise<EndpointHealth[]> {
  const endpoints = await db.feedEndpoint.findMany({ where: { shop }, select: { id: true } });
  const since = new Date(now.getTime() - 24 * 3_600_000);
  return Promise.all(
    endpoints.map(async ({ id }) => {
      const [attempts, delivered, lastFailure, backlog, oldest, dead] = await Promise.all([
        db.feedAttempt.count({ where: { delivery: { endpointId: id }, at: { gte: since } } }),
        db.feedAttempt.count({ where: { delivery: { endpointId: id }, at: { gte: since }, outcome: "delivered" } }),
        db.feedAttempt.findFirst({
          where: { delivery: { endpointId: id }, outcome: { not: "delivered" } },
          orderBy: { at: "desc" },
          select: { error: true, errorWords: true, at: true },
        }),
        db.feedDelivery.count({ where: { endpointId: id, status: { in: ["pending", "delivering"] } } }),
        db.feedDelivery.findFirst({
          where: { endpointId: id, status: { in: ["pending", "delivering"] } },
          orderBy: { createdAt: "asc" },
          select: { createdAt: true },
        }),
        db.feedDelivery.count({ where: { endpointId: id, status: "dead" } }),
      ]);
      return {
        endpointId: id,
        successRate: attempts === 0 ? null : delivered / attempts,
        lastError: lastFailure
          ? `${lastFailure.at.toISOString()}: ${lastFailure.error === null ? null : storedText(lastFailure.error, lastFailure.errorWords, locale)}`
          : null,
        backlog,
        oldestPendingAt: oldest?.createdAt.toISOString() ?? null,
        deadLettered: dead,
      };
    }),
  );
}

/** The beginning of the reason the deliverer gives an endpoint it paused (deliverer.server.ts). */
export const AUTO_PAUSE_REASON = "Paused automatically";

export interface StoppedEndpoint {
  id: string;
  name: string;
  /** paused: kept failing for hours; disabled: answered 410 Gone. */
  why: "kept-failing" | "gone";
  reason: string | null;
  /** Events waiting for it (nothing is dropped while it is stopped). */
  waiting: number;
}

/** Endpoints the app stopped on its own (automatic pause, 410), for the Dashboard's banner. */
export async function stoppedEndpoints(db: Db, shop: string, locale: Locale = "en"): Promise<StoppedEndpoint[]> {
  const rows = await db.feedEndpoint.findMany({
    where: {
      shop,
      OR: [{ status: "paused", statusReason: { startsWith: AUTO_PAUSE_REASON } }, { status: "disabled" }],
    },
    orderBy: { name: "asc" },
    select: { id: true, name: true, status: true, statusReason: true, statusReasonWords: true },
  });
  return Promise.all(
    rows.map(async (row) => ({
      id: row.id,
      name: row.name,
      why: row.status === "disabled" ? ("gone" as const) : ("kept-failing" as const),
      reason: row.statusReason === null ? null : storedText(row.statusReason, row.statusReasonWords, locale),
      waiting: await db.feedDelivery.count({
        where: { endpointId: row.id, status: { in: ["pending", "delivering"] } },
      }),
    })),
  );
}

export interface DeliveryFilter {
  endpointId?: string;
  topic?: string;
  status?: string;
  /** "order 123" or just "123". */
  resource?: string;
  from?: Date;
  to?: Date;
  limit?: number;
}

const DELIVERY_ROWS = {
  tries: { orderBy: { at: "asc" } },
  endpoint: { select: { name: true } },
  event: { select: { source: true } },
} as const;

type DeliveryRow = Awaited<ReturnType<typeof deliveryRows>>[number];

const deliveryRows = (db: Db, ask: Parameters<Db["feedDelivery"]["findMany"]>[0]) =>
  db.feedDelivery.findMany({ ...ask, include: DELIVERY_ROWS });

/** The delivery log; stored failures said again in `locale` (the API's: English). */
export async function deliveryLog(db: Db, shop: string, filter: DeliveryFilter = {}, locale: Locale = "en") {
  const rows = await deliveryRows(db, {
    where: deliveryWhere(shop, filter),
    orderBy: { createdAt: "desc" },
    take: Math.min(filter.limit ?? 100, 500),
  });
  return rows.map((row) => deliveryView(row, locale));
}

/**
 * The delivery log as the Event feed screen pages it: newest first, by keyset on (createdAt, id), with the
 * total of the filter (counted on the shop's indexes).
 */
export async function deliveryPage(
  db: Db,
  shop: string,
  filter: DeliveryFilter & PageRequest = {},
  locale: Locale = "en",
): Promise<Page<ReturnType<typeof deliveryView>>> {
  const where = deliveryWhere(shop, filter);
  const page = await timeKeysetPage<DeliveryRow>({
    column: "createdAt",
    order: "desc",
    request: filter,
    limit: pageSize(filter.limit, 50, 500),
    timeOf: (row) => row.createdAt,
    rows: ({ position, orderBy, take }) =>
      deliveryRows(db, { where: position ? { AND: [where, position] } : where, orderBy, take }),
    count: () => db.feedDelivery.count({ where }),
  });
  return mapPage(page, (row) => deliveryView(row, locale));
}

function deliveryView(row: DeliveryRow, locale: Locale) {
  const said = (text: string | null, words: string | null) => (text === null ? null : storedText(text, words, locale));
  return {
    id: row.id,
    endpointId: row.endpointId,
    endpointName: row.endpoint.name,
    eventId: row.eventId,
    topic: row.topic,
    resource: row.resourceKey,
    source: row.event.source,
    status: row.status,
    attempts: row.attempts,
    nextAttemptAt: row.status === "pending" ? row.nextAttemptAt.toISOString() : null,
    lastError: said(row.lastError, row.lastErrorWords),
    createdAt: row.createdAt.toISOString(),
    finishedAt: row.finishedAt?.toISOString() ?? null,
    tries: row.tries.map((t) => ({
      at: t.at.toISOString(),
      outcome: t.outcome,
      httpStatus: t.httpStatus,
      ms: t.ms,
      error: said(t.error, t.errorWords),
      answer: t.answer,
    })),
  };
}

function deliveryWhere(shop: string, filter: DeliveryFilter) {
  const resource = filter.resource?.trim();
  return {
    shop,
    ...(filter.endpointId ? { endpointId: filter.endpointId } : {}),
    ...(filter.topic ? { topic: filter.topic } : {}),
    ...(filter.status ? { status: filter.status } : {}),
    ...(resource ? { resourceKey: { endsWith: resource.includes(" ") ? resource : ` ${resource}` } } : {}),
    ...(filter.from || filter.to
      ? { createdAt: { ...(filter.from ? { gte: filter.from } : {}), ...(filter.to ? { lt: filter.to } : {}) } }
      : {}),
  };
}

export type ReplayScope =
  { deliveryId: string } | { endpointId: string; failed: true } | { endpointId?: string; from: Date; to: Date };

/**
 * Sends deliveries again from the start (attempts and retry window reset), in their original order.
 * A delivery still in flight is left alone. Returns how many were queued again.
 */
export async function replay(db: Db, shop: string, scope: ReplayScope, now = new Date()): Promise<number> {
  let where;
  if ("deliveryId" in scope) where = { shop, id: scope.deliveryId };
  else if ("failed" in scope) where = { shop, endpointId: scope.endpointId, status: "dead" };
  else {
    if (!(scope.from < scope.to))
      throw new ValidationError("The time range must end after it starts.", { to: "after from" });
    where = deliveryWhere(shop, { endpointId: scope.endpointId, from: scope.from, to: scope.to });
  }
  const { count } = await db.feedDelivery.updateMany({
    where: { ...where, status: { in: ["delivered", "dead", "pending"] } },
    data: {
      status: "pending",
      attempts: 0,
      firstAttemptAt: null,
      nextAttemptAt: now,
      finishedAt: null,
      lastError: null,
      lastErrorWords: null,
    },
  });
  if (count > 0) ringFeedDoorbell();
  return count;
}

// Sample bodies as text: Shopify's ids (820982911946154508) do not fit a JavaScript number, which is
// also why events are passed on as bytes, never parsed and re-serialised.
const SAMPLES: Record<FeedTopic, string> = {
  "orders/create": `{"id":820982911946154508,"name":"#9999","email":"jon@doe.ca","test":true,"line_items":[]}`,
  "fulfillments/create": `{"id":123456,"order_id":820982911946154508,"status":"pending","tracking_number":"1z827wk74630"}`,
  "fulfillments/update": `{"id":123456,"order_id":820982911946154508,"status":"success","tracking_number":"1z827wk74630"}`,
  "products/create": `{"id":788032119674292922,"title":"Example T-Shirt","variants":[]}`,
  "products/update": `{"id":788032119674292922,"title":"Example T-Shirt","variants":[]}`,
};

/** Posts a sample event of the endpoint's first topic right now and answers what the endpoint said. */
export async function sendTestEvent(
  db: Db,
  shop: string,
  endpointId: string,
  options: { timeoutMs?: number } = {},
): Promise<EventDelivery & { eventId: string; topic: string }> {
  const row = await loadEndpoint(db, shop, endpointId);
  const topic = (JSON.parse(row.topicsJson) as FeedTopic[])[0] ?? "orders/create";
  const body = SAMPLES[topic];
  const id = `test-${randomUUID()}`;
  const now = new Date();
  const destination = await eventDestinationFor(
    { shop, db },
    { ...endpointTarget(row, now), source: "test", timeoutMs: options.timeoutMs ?? 10_000 },
  );
  const result = await destination.port.deliver({
    id,
    topic,
    shop,
    apiVersion: SHOPIFY_API_VERSION,
    occurredAt: now,
    resourceKey: resourceKeyOf(topic, body),
    body: Buffer.from(body, "utf8"),
  });
  return { ...result, eventId: id, topic };
}
