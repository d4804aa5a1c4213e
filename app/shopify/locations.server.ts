// The shop's Shopify locations (for choosing where a back office's stock is synced into).
import { ShopifyAdminClient } from "./admin-client.server";
import { adminClientForShop } from "./admin-for-shop.server";
import { LOCATIONS, type LocationsPage } from "./operations/shop";

export interface ShopLocation {
  id: string;
  name: string;
  isActive: boolean;
}

/** Every location of the shop, active ones first, paging through 50 at a time. */
export async function listShopLocations(shop: string, accessToken: string): Promise<ShopLocation[]> {
  return locationsOf(new ShopifyAdminClient({ shop, accessToken, maxAttempts: 3, timeoutMs: 10_000 }));
}

/** The same through the shop's offline session, for callers without a merchant's session (the JSON API). */
export async function listShopLocationsOffline(shop: string): Promise<ShopLocation[]> {
  return locationsOf(await adminClientForShop(shop, { maxAttempts: 3, timeoutMs: 10_000 }));
}

async function locationsOf(client: ShopifyAdminClient): Promise<ShopLocation[]> {
  const locations: ShopLocation[] = [];
  let after: string | null = null;
  // A shop has at most a few hundred locations; the bound only guards against a cursor loop.
  for (let page = 0; page < 20; page++) {
    const { data }: { data: LocationsPage } = await client.request(LOCATIONS, { first: 50, after });
    locations.push(...data.locations.nodes.map(({ id, name, isActive }) => ({ id, name, isActive })));
    if (!data.locations.pageInfo.hasNextPage) break;
    after = data.locations.pageInfo.endCursor;
  }
  return locations.sort((a, b) => Number(b.isActive) - Number(a.isActive));
}
