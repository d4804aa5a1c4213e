// The Admin client the order jobs use: the shop's offline-session client, with shorter waits so one
// slow order does not hold the queue.
import { adminClientForShop } from "../../shopify/admin-for-shop.server";
import type { ShopifyAdminClient } from "../../shopify/admin-client.server";

export type AdminRequester = Pick<ShopifyAdminClient, "request">;

export function shopifyClientForShop(shop: string): Promise<ShopifyAdminClient> {
  return adminClientForShop(shop, { maxAttempts: 4, timeoutMs: 15_000 });
}
