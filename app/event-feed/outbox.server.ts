// The outbox: a Shopify event becomes one FeedEvent (keyed by Shopify's webhook id, so a duplicate
// delivery is one event) and one FeedDelivery per endpoint of the shop that takes its topic, written in
// one transaction. Paused and disabled endpoints get theirs too: nothing is dropped while they wait.
// Called by the webhook processor (app/webhooks/handlers.server.ts) and by reconciliation; see
// docs/decisions/0012-event-feed-outbox.md for why not in the intake's own insert.
import type { Db } from "../db.server";
import { SHOPIFY_API_VERSION } from "../shopify/api-version";
import { ringFeedDoorbell } from "./doorbell.server";
import { resourceKeyOf } from "./topics";

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

/** Records the event and its deliveries; returns how many deliveries were queued (0 for a repeat). */
export async function recordShopEvent(db: Db, event: IncomingEvent, now = new Date()): Promise<number> {
  const payload = JSON.parse(event.body) as Record<string, unknown>;
  const endpoints = (
    await db.feedEndpoint.findMany({ where: { shop: event.shop }, select: { id: true, topicsJson: true } })
  ).filter((e) => (JSON.parse(e.topicsJson) as string[]).includes(event.topic));
  const occurredAt = occurredAtOf(event, payload, now);
  const resourceKey = resourceKeyOf(event.topic, event.body);
  const queued = await db.$transaction(async (tx) => {
    if (await tx.feedEvent.findUnique({ where: { id: event.id }, select: { id: true } })) return 0;
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
    if (endpoints.length === 0) return 0;
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
  });
  if (queued > 0) ringFeedDoorbell();
  return queued;
}
