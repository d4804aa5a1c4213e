// What happens when a shop installs (or re-opens after reinstalling) the app.
import { db } from "../db.server";
import { ShopifyAdminClient } from "../shopify/admin-client.server";
import { SHOP_INFO } from "../shopify/operations/shop";

export interface InstalledSession {
  shop: string;
  accessToken?: string;
  scope?: string;
}

/** Reads the shop's details from Shopify and stores them (afterAuth, and on demand). */
export async function recordInstallation(session: InstalledSession): Promise<void> {
  const client = new ShopifyAdminClient({ shop: session.shop, accessToken: session.accessToken ?? "" });
  const { data } = await client.request(SHOP_INFO);
  const fields = {
    name: data.shop.name,
    ianaTimezone: data.shop.ianaTimezone,
    currencyCode: data.shop.currencyCode,
    planName: data.shop.plan.publicDisplayName,
    scopes: session.scope ?? null,
    uninstalledAt: null,
  };
  await db.shop.upsert({
    where: { domain: session.shop },
    create: { domain: session.shop, ...fields },
    update: fields,
  });
  for (const hook of installHooks) await hook(session.shop, fields.ianaTimezone);
}

/** The shop's record; on the very first page load it may not be written yet (afterAuth runs
 *  alongside the page's loaders), so it is recorded here then. */
export async function shopRecord(session: InstalledSession) {
  const existing = await db.shop.findUnique({ where: { domain: session.shop } });
  if (existing && !existing.uninstalledAt) return existing;
  await recordInstallation(session);
  return db.shop.findUniqueOrThrow({ where: { domain: session.shop } });
}

type InstallHook = (shop: string, ianaTimezone: string) => Promise<void>;
const installHooks: InstallHook[] = [];

/** Lets other domains (e.g. default schedules) set themselves up for a new shop. */
export function onShopInstalled(hook: InstallHook): void {
  installHooks.push(hook);
}
