// The Admin client of an installed shop, from its offline session (what background jobs use).
import { db as defaultDb, type Db } from "../db.server";
import { openAccessToken } from "../lib/crypto-sessions.server";
import { AuthenticationError } from "../lib/errors";
import { ShopifyAdminClient, type AdminClientOptions } from "./admin-client.server";

export async function adminClientForShop(
  shop: string,
  options: Omit<AdminClientOptions, "shop" | "accessToken"> & { db?: Db } = {},
): Promise<ShopifyAdminClient> {
  const { db = defaultDb, ...clientOptions } = options;
  const session = await db.session.findUnique({ where: { id: `offline_${shop}` } });
  if (!session?.accessToken)
    throw new AuthenticationError(
      `${shop} has no offline access token: open the app in the Shopify admin to reinstall it`,
    );
  return new ShopifyAdminClient({ shop, accessToken: openAccessToken(session.accessToken), ...clientOptions });
}
