// Reading the orders a sync follows straight from Shopify (whoever sent them to the back office), in
// pages the caller looks up in one call each. Up to `bulkAbove` orders are paged by cursor; past it one
// bulk query reads them all outside the rate limit, and its lines are cut into the same pages.
import { startBulkQuery, type BulkOptions } from "../../shopify/bulk.server";
import type { ShopifyAdminClient } from "../../shopify/admin-client.server";
import {
  FOLLOWED_ORDERS_COUNT,
  FOLLOWED_ORDERS_PAGE,
  followedOrdersBulkQuery,
  type FollowedOrder,
} from "../../shopify/operations/followed-orders";

export type { FollowedOrder } from "../../shopify/operations/followed-orders";

export const PAGE_SIZE = 50;
/** Past this many orders, one bulk query instead of pages (a page of 50 costs about 650 points). */
export const DEFAULT_BULK_ABOVE = 300;

/** Shopify's search for orders not shipped (or shipped in part), open, not cancelled. */
export const UNSHIPPED_ORDERS = "status:open AND -status:cancelled AND fulfillment_status:unfulfilled";

/**
 * Shopify's searches for orders with parcels out, of the last `days` days (parcels arrive within days):
 * shipped, and shipped in part (the search has no OR the emulator and we rely on: two searches).
 */
export function shippedOrdersSince(now: Date, days: number): string[] {
  const since = new Date(now.getTime() - days * 86_400_000).toISOString().replace(/\.\d{3}Z$/, "Z");
  return ["shipped", "partial"].map(
    (status) => `status:open AND -status:cancelled AND fulfillment_status:${status} AND created_at:>='${since}'`,
  );
}

export interface FollowedOrdersRead {
  mode: "paged" | "bulk";
  /** How many orders the pages hold (exact when paged; at least this many when bulk). */
  total: number;
  pages: AsyncGenerator<FollowedOrder[]>;
}

export async function readFollowedOrders(
  shopify: Pick<ShopifyAdminClient, "request">,
  input: { search: string; statusKey?: string; bulkAbove?: number; bulk?: BulkOptions },
): Promise<FollowedOrdersRead> {
  const bulkAbove = input.bulkAbove ?? DEFAULT_BULK_ABOVE;
  // The deliveries sync reads no status metafield: any key does.
  const statusKey = input.statusKey ?? "status";
  const { data } = await shopify.request(FOLLOWED_ORDERS_COUNT, { query: input.search, limit: bulkAbove + 1 });
  const count = data.ordersCount?.count ?? 0;
  if (count > bulkAbove) {
    const lines = await startBulkQuery<FollowedOrder>(
      shopify as ShopifyAdminClient,
      followedOrdersBulkQuery(input.search, statusKey),
      input.bulk,
    );
    return {
      mode: "bulk",
      total: count,
      pages: (async function* () {
        let page: FollowedOrder[] = [];
        for await (const line of lines()) {
          page.push({ ...line, metafield: line.metafield ?? null, fulfillments: line.fulfillments ?? [] });
          if (page.length === PAGE_SIZE) {
            yield page;
            page = [];
          }
        }
        if (page.length) yield page;
      })(),
    };
  }
  return {
    mode: "paged",
    total: count,
    pages: (async function* () {
      let after: string | null = null;
      do {
        const {
          data: page,
        }: {
          data: { orders: { nodes: FollowedOrder[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } } };
        } = await shopify.request(FOLLOWED_ORDERS_PAGE, {
          first: PAGE_SIZE,
          after,
          query: input.search,
          statusKey,
        });
        if (page.orders.nodes.length) yield page.orders.nodes;
        after = page.orders.pageInfo.hasNextPage ? page.orders.pageInfo.endCursor : null;
      } while (after);
    })(),
  };
}
