// Catch-up: Shopify does not guarantee every webhook. Reconciliation lists, through the Admin API, the
// orders (with their fulfillments) and products updated since the shop's cursor, and emits an event —
// marked "reconciled" — for each creation or change no webhook brought: orders/create,
// fulfillments/create, fulfillments/update, products/create, products/update. It runs hourly (a job)
// and on demand (Event feed screen, POST /api/event-feed/reconcile).
//
// A reconciled event's body is the resource as the Admin API gives it, in the webhook's field names
// (a subset of Shopify's webhook body: ids, name, status, dates, tracking). Its id is made of the
// topic, the resource and its updated_at, so running again over the same window emits nothing twice.
import type { Db } from "../db.server";
import type { ShopifyAdminClient } from "../shopify/admin-client.server";
import { RECONCILE_ORDERS, RECONCILE_PRODUCTS } from "../shopify/operations/feed-reconcile";
import { recordShopEvent } from "./outbox.server";
import { topLevelValue, type FeedTopic } from "./topics";

/** Changes younger than this are left to their webhook, which may still be on its way. */
export const RECONCILE_LAG_MS = 2 * 60_000;
/** A webhook's event counts for a change when its time is at most this much before the change's. */
const SAME_CHANGE_MS = 1_000;
const PAGE = 50;

export interface ReconcileResult {
  from: string;
  to: string;
  checked: { orders: number; products: number };
  /** The events emitted, e.g. "fulfillments/update order 12 (fulfillment 34)". */
  emitted: string[];
}

interface Candidate {
  topic: FeedTopic;
  resourceKey: string;
  /** The fulfillment's id for fulfillments/*, else the order's or product's. */
  itemId: string;
  updatedAt: string;
  body: Record<string, unknown>;
}

const wholeSecond = (ms: number) => Math.floor(ms / 1000) * 1000;
const numericId = (gid: string) => gid.slice(gid.lastIndexOf("/") + 1);
const after = (a: string, b: Date) => Date.parse(a) > b.getTime();

export async function reconcileShop(
  deps: { db: Db; admin: Pick<ShopifyAdminClient, "request">; now: Date; lagMs?: number },
  shop: string,
): Promise<ReconcileResult> {
  const { db, admin, now } = deps;
  const endpoints = await db.feedEndpoint.findMany({ where: { shop }, select: { createdAt: true } });
  if (endpoints.length === 0)
    return { from: now.toISOString(), to: now.toISOString(), checked: { orders: 0, products: 0 }, emitted: [] };
  // Shopify's dates are whole seconds: the window ends just before a second, so a change stamped
  // with that second (made before or after this run) falls in the next window, never between two.
  const until = new Date(wholeSecond(now.getTime() - (deps.lagMs ?? RECONCILE_LAG_MS)) - 1);
  const state = await db.feedReconciliation.findUnique({ where: { shop } });
  // Nothing before the shop's first endpoint (from the second before it): the feed did not exist yet.
  const since =
    state?.cursor ??
    new Date(Math.min(until.getTime(), wholeSecond(Math.min(...endpoints.map((e) => e.createdAt.getTime()))) - 1));
  const result: ReconcileResult = {
    from: since.toISOString(),
    to: until.toISOString(),
    checked: { orders: 0, products: 0 },
    emitted: [],
  };
  if (until <= since) return result;
  const window = `updated_at:>'${since.toISOString()}' updated_at:<='${until.toISOString()}'`;

  const candidates: Candidate[] = [];
  let cursor: string | null = null;
  do {
    const { data }: { data: import("../shopify/operations/feed-reconcile").ReconcileOrdersPage } = await admin.request(
      RECONCILE_ORDERS,
      { query: window, first: PAGE, after: cursor },
    );
    for (const order of data.orders.nodes) {
      result.checked.orders++;
      const orderId = numericId(order.id);
      const resourceKey = `order ${orderId}`;
      if (after(order.createdAt, since))
        candidates.push({
          topic: "orders/create",
          resourceKey,
          itemId: orderId,
          updatedAt: order.updatedAt,
          body: {
            id: Number(orderId),
            admin_graphql_api_id: order.id,
            name: order.name,
            email: order.email,
            created_at: order.createdAt,
            updated_at: order.updatedAt,
          },
        });
      for (const f of order.fulfillments) {
        const fulfillmentId = numericId(f.id);
        const body = {
          id: Number(fulfillmentId),
          admin_graphql_api_id: f.id,
          order_id: Number(orderId),
          status: f.status.toLowerCase(),
          created_at: f.createdAt,
          updated_at: f.updatedAt,
          tracking_company: f.trackingInfo[0]?.company ?? null,
          tracking_number: f.trackingInfo[0]?.number ?? null,
          tracking_numbers: f.trackingInfo.map((t) => t.number).filter(Boolean),
          tracking_url: f.trackingInfo[0]?.url ?? null,
        };
        if (after(f.createdAt, since))
          candidates.push({
            topic: "fulfillments/create",
            resourceKey,
            itemId: fulfillmentId,
            updatedAt: f.createdAt,
            body,
          });
        if (after(f.updatedAt, since) && Date.parse(f.updatedAt) - Date.parse(f.createdAt) > SAME_CHANGE_MS)
          candidates.push({
            topic: "fulfillments/update",
            resourceKey,
            itemId: fulfillmentId,
            updatedAt: f.updatedAt,
            body,
          });
      }
    }
    cursor = data.orders.pageInfo.hasNextPage ? data.orders.pageInfo.endCursor : null;
  } while (cursor);
  do {
    const { data }: { data: import("../shopify/operations/feed-reconcile").ReconcileProductsPage } =
      await admin.request(RECONCILE_PRODUCTS, { query: window, first: PAGE, after: cursor });
    for (const p of data.products.nodes) {
      result.checked.products++;
      const productId = numericId(p.id);
      const body = {
        id: Number(productId),
        admin_graphql_api_id: p.id,
        title: p.title,
        handle: p.handle,
        status: p.status.toLowerCase(),
        vendor: p.vendor,
        product_type: p.productType,
        tags: p.tags.join(", "),
        created_at: p.createdAt,
        updated_at: p.updatedAt,
      };
      const resourceKey = `product ${productId}`;
      if (after(p.createdAt, since))
        candidates.push({ topic: "products/create", resourceKey, itemId: productId, updatedAt: p.createdAt, body });
      if (Date.parse(p.updatedAt) - Date.parse(p.createdAt) > SAME_CHANGE_MS)
        candidates.push({ topic: "products/update", resourceKey, itemId: productId, updatedAt: p.updatedAt, body });
    }
    cursor = data.products.pageInfo.hasNextPage ? data.products.pageInfo.endCursor : null;
  } while (cursor);

  // What webhooks (or earlier runs) brought for these resources.
  const seen = await db.feedEvent.findMany({
    where: { shop, resourceKey: { in: [...new Set(candidates.map((c) => c.resourceKey))] } },
    select: { topic: true, resourceKey: true, body: true, occurredAt: true },
  });
  const brought = (c: Candidate) =>
    seen.some((e) => {
      if (e.resourceKey !== c.resourceKey) return false;
      const itemId = topLevelValue(e.body, "id");
      if (c.topic === "orders/create" || c.topic === "products/create")
        return e.topic === c.topic && itemId === c.itemId;
      // An update is brought by any event of that item (its creation or an update) as recent as it.
      if (itemId !== c.itemId || !e.topic.startsWith(c.topic.split("/")[0]!)) return false;
      const stamp = topLevelValue(e.body, "updated_at");
      const at = Math.max(e.occurredAt.getTime(), stamp ? Date.parse(stamp) || 0 : 0);
      return at >= Date.parse(c.updatedAt) - SAME_CHANGE_MS;
    });

  for (const c of candidates) {
    if (brought(c)) continue;
    const queued = await recordShopEvent(
      db,
      {
        id: `reconciled:${c.topic}:${c.itemId}:${c.updatedAt}`,
        shop,
        topic: c.topic,
        body: JSON.stringify(c.body),
        occurredAt: new Date(c.updatedAt),
        source: "reconciled",
      },
      now,
    );
    if (queued > 0)
      result.emitted.push(
        `${c.topic} ${c.resourceKey}${c.topic.startsWith("fulfillments/") ? ` (fulfillment ${c.itemId})` : ""}`,
      );
  }
  await db.feedReconciliation.upsert({
    where: { shop },
    create: { shop, cursor: until, lastRunAt: now, lastFound: result.emitted.length },
    update: { cursor: until, lastRunAt: now, lastFound: result.emitted.length },
  });
  return result;
}
