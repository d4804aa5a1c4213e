// The outbox: a Shopify event becomes one FeedEvent (keyed by Shopify's webhook id, so a duplicate
// delivery is one event) and one FeedDelivery per endpoint of the shop that takes its topic, written in
// one transaction. Paused and disabled endpoints get theirs too: nothing is dropped while they wait.
// A webhook's event and deliveries are written in the transaction of the intake's insert, before
// Shopify gets its 200 (queueWithWebhooks); recordShopEvent serves reconciliation, test events and the
// processor's backstop for webhooks recorded otherwise. docs/decisions/0012-event-feed-outbox.md.
import { randomUUID } from "node:crypto";
import type { ArgType, SqlQueryable } from "@prisma/driver-adapter-utils";
import type { Db } from "../db.server";
import { SHOPIFY_API_VERSION } from "../shopify/api-version";
import { ringFeedDoorbell } from "./doorbell.server";
import { isFeedTopic, resourceKeyOf, topLevelValue } from "./topics";

export interface IncomingEvent {
  id: string;
  shop: string;
  topic: string;
  /** Shopify's JSON as received. */
  body: string;
  occurredAt?: Date | null;
  apiVersion?: string;
  source?: "webhook" | "reconciled";
}

/** When Shopify produced it: X-Shopify-Triggered-At, else the resource's updated_at, else now. */
function occurredAtOf(event: IncomingEvent, payload: Record<string, unknown>, now: Date): Date {
  if (event.occurredAt) return event.occurredAt;
  const stamp = typeof payload.updated_at === "string" ? new Date(payload.updated_at) : null;
  return stamp && !Number.isNaN(stamp.getTime()) ? stamp : now;
}

/**
 * Records the event and its deliveries; returns how many deliveries were queued (0 for a repeat, or
 * when no endpoint of the shop takes the topic: then nothing is recorded).
 */
export async function recordShopEvent(db: Db, event: IncomingEvent, now = new Date()): Promise<number> {
  const queued = await db.$transaction((tx) => recordShopEventIn(tx as unknown as Db, event, now));
  if (queued > 0) ringFeedDoorbell();
  return queued;
}

/** recordShopEvent's writes, in the caller's transaction (the caller rings the doorbell after commit). */
export async function recordShopEventIn(tx: Db, event: IncomingEvent, now = new Date()): Promise<number> {
  const endpoints = (
    await tx.feedEndpoint.findMany({ where: { shop: event.shop }, select: { id: true, topicsJson: true } })
  ).filter((e) => (JSON.parse(e.topicsJson) as string[]).includes(event.topic));
  if (endpoints.length === 0) return 0;
  if (await tx.feedEvent.findUnique({ where: { id: event.id }, select: { id: true } })) return 0;
  const payload = JSON.parse(event.body) as Record<string, unknown>;
  const occurredAt = occurredAtOf(event, payload, now);
  const resourceKey = resourceKeyOf(event.topic, event.body);
  await tx.feedEvent.create({
    data: {
      id: event.id,
      shop: event.shop,
      topic: event.topic,
      resourceKey,
      apiVersion: event.apiVersion ?? SHOPIFY_API_VERSION,
      occurredAt,
      body: event.body,
      source: event.source ?? "webhook",
      createdAt: now,
    },
  });
  const { count } = await tx.feedDelivery.createMany({
    data: endpoints.map((endpoint) => ({
      shop: event.shop,
      endpointId: endpoint.id,
      eventId: event.id,
      topic: event.topic,
      resourceKey,
      occurredAt,
      nextAttemptAt: now,
      createdAt: now,
    })),
  });
  return count;
}

// ── Queued with the webhook's own insert (app/webhooks/record.server.ts) ─────────────────────────────

/** A webhook just recorded by the intake, in the transaction that recorded it. */
export interface RecordedWebhook {
  webhookId: string;
  shop: string;
  topic: string;
  triggeredAt?: Date;
  body: string;
  receivedAt: Date;
}

/** What the intake's transaction runs statements on: a driver adapter's transaction. */
type Statements = Pick<SqlQueryable, "queryRaw" | "executeRaw" | "provider">;

/** Rows per statement: SQLite and PostgreSQL both take far more bound parameters than this × 11. */
const ROWS_PER_INSERT = 500;

/**
 * Inside the intake's transaction: the FeedEvent and one FeedDelivery per endpoint of the shop taking
 * the topic (paused and disabled ones too), for the webhooks of the batch that were new. Webhooks of
 * shops with no endpoint for their topic add nothing. Returns how many deliveries were queued; the
 * caller rings the doorbell once the transaction is committed.
 */
export async function queueWithWebhooks(tx: Statements, webhooks: RecordedWebhook[]): Promise<number> {
  const fed = webhooks.filter((w) => isFeedTopic(w.topic));
  if (fed.length === 0) return 0;
  const postgres = tx.provider === "postgres";
  const shops = [...new Set(fed.map((w) => w.shop))];
  const select = statement(postgres);
  const shopList = shops.map((shop) => select.bind(shop, "string")).join(", ");
  // FOR KEY SHARE: an endpoint deleted meanwhile waits for this commit (its deliveries then go with it).
  const rows = await tx.queryRaw({
    sql: `SELECT "id", "shop", "topicsJson" FROM "FeedEndpoint" WHERE "shop" IN (${shopList})${postgres ? " FOR KEY SHARE" : ""}`,
    ...select.params(),
  });
  const takers = new Map<string, { id: string; topics: string[] }[]>();
  for (const [id, shop, topicsJson] of rows.rows as [string, string, string][]) {
    const list = takers.get(shop) ?? [];
    list.push({ id, topics: JSON.parse(topicsJson) as string[] });
    takers.set(shop, list);
  }
  const events: { webhook: RecordedWebhook; resourceKey: string; occurredAt: Date; endpoints: string[] }[] = [];
  for (const webhook of fed) {
    const endpoints = (takers.get(webhook.shop) ?? []).filter((e) => e.topics.includes(webhook.topic)).map((e) => e.id);
    if (endpoints.length === 0) continue;
    events.push({
      webhook,
      endpoints,
      resourceKey: resourceKeyOf(webhook.topic, webhook.body),
      occurredAt: occurredAtOf(
        {
          id: webhook.webhookId,
          shop: webhook.shop,
          topic: webhook.topic,
          body: webhook.body,
          occurredAt: webhook.triggeredAt,
        },
        { updated_at: topLevelValue(webhook.body, "updated_at") },
        webhook.receivedAt,
      ),
    });
  }
  if (events.length === 0) return 0;
  for (let i = 0; i < events.length; i += ROWS_PER_INSERT) {
    const s = statement(postgres);
    const values = events
      .slice(i, i + ROWS_PER_INSERT)
      .map(
        ({ webhook, resourceKey, occurredAt }) =>
          `(${s.bind(webhook.webhookId, "string")}, ${s.bind(webhook.shop, "string")}, ${s.bind(webhook.topic, "string")}, ${s.bind(resourceKey, "string")}, ${s.bind(SHOPIFY_API_VERSION, "string")}, ${s.bind(occurredAt, "datetime")}, ${s.bind(webhook.body, "string")}, 'webhook', ${s.bind(webhook.receivedAt, "datetime")})`,
      );
    await tx.executeRaw({
      sql: `INSERT INTO "FeedEvent" ("id", "shop", "topic", "resourceKey", "apiVersion", "occurredAt", "body", "source", "createdAt") VALUES ${values.join(", ")} ON CONFLICT ("id") DO NOTHING`,
      ...s.params(),
    });
  }
  const deliveries = events.flatMap((event) => event.endpoints.map((endpointId) => ({ ...event, endpointId })));
  let queued = 0;
  for (let i = 0; i < deliveries.length; i += ROWS_PER_INSERT) {
    const s = statement(postgres);
    const values = deliveries
      .slice(i, i + ROWS_PER_INSERT)
      .map(
        ({ webhook, resourceKey, occurredAt, endpointId }) =>
          `(${s.bind(randomUUID(), "string")}, ${s.bind(webhook.shop, "string")}, ${s.bind(endpointId, "string")}, ${s.bind(webhook.webhookId, "string")}, ${s.bind(webhook.topic, "string")}, ${s.bind(resourceKey, "string")}, ${s.bind(occurredAt, "datetime")}, 'pending', 0, ${s.bind(webhook.receivedAt, "datetime")}, ${s.bind(webhook.receivedAt, "datetime")})`,
      );
    queued += await tx.executeRaw({
      sql: `INSERT INTO "FeedDelivery" ("id", "shop", "endpointId", "eventId", "topic", "resourceKey", "occurredAt", "status", "attempts", "nextAttemptAt", "createdAt") VALUES ${values.join(", ")} ON CONFLICT ("endpointId", "eventId") DO NOTHING`,
      ...s.params(),
    });
  }
  return queued;
}

/** Bound parameters in the adapter's placeholder style ($1 for PostgreSQL, ? for SQLite). */
function statement(numbered: boolean) {
  const args: unknown[] = [];
  const argTypes: ArgType[] = [];
  return {
    bind(value: unknown, scalarType: ArgType["scalarType"]) {
      args.push(value ?? null);
      argTypes.push({ scalarType, arity: "scalar" });
      return numbered ? `$${args.length}` : "?";
    },
    params: () => ({ args, argTypes }),
  };
}
