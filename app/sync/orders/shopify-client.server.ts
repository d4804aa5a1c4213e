// The Admin client for a shop, from its offline session (the token stored at installation).
import { db } from "../../db.server";
import { PermanentError } from "../../lib/errors";
import { ShopifyAdminClient } from "../../shopify/admin-client.server";

export type AdminRequester = Pick<ShopifyAdminClient, "request">;

export async function shopifyClientForShop(shop: string): Promise<ShopifyAdminClient> {
  const session = await db.session.findUnique({ where: { id: `offline_${shop}` } });
  if (!session?.accessToken) throw new PermanentError(`The app is not installed on ${shop} (no offline session).`);
  return new ShopifyAdminClient({ shop, accessToken: session.accessToken, maxAttempts: 4, timeoutMs: 15_000 });
}
