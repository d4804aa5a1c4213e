// What happens when a shop installs (or re-opens after reinstalling) the app.
import { db } from "../db.server";
import { ShopifyAdminClient } from "../shopify/admin-client.server";
import { SHOP_INFO } from "../shopify/operations/shop";

export async function recordInstallation(input: { shop: string; accessToken: string; scopes?: string }): Promise<void> {
  const client = new ShopifyAdminClient({ shop: input.shop, accessToken: input.accessToken });
  const { data } = await client.request(SHOP_INFO);
  const fields = {
    name: data.shop.name,
    ianaTimezone: data.shop.ianaTimezone,
    currencyCode: data.shop.currencyCode,
    planName: data.shop.plan.publicDisplayName,
    scopes: input.scopes ?? null,
    uninstalledAt: null,
  };
  await db.shop.upsert({ where: { domain: input.shop }, create: { domain: input.shop, ...fields }, update: fields });
}
