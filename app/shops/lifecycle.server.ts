// The shop's side of app lifecycle webhooks.
import { db } from "../db.server";

/** app/uninstalled: the access token is dead; forget sessions and stop scheduled work. Data stays
 *  until shop/redact (48 h later), so a quick reinstall keeps the merchant's settings. */
export async function handleAppUninstalled(shop: string): Promise<void> {
  await db.session.deleteMany({ where: { shop } });
  await db.shop.updateMany({ where: { domain: shop }, data: { uninstalledAt: new Date() } });
  for (const hook of uninstallHooks) await hook(shop);
}

type UninstallHook = (shop: string) => Promise<void>;
const uninstallHooks: UninstallHook[] = [];

/** Lets other domains (e.g. schedules) react to an uninstall without this module knowing them. */
export function onAppUninstalled(hook: UninstallHook): void {
  uninstallHooks.push(hook);
}

/** app/scopes_update: the merchant approved a new set of scopes. */
export async function handleScopesUpdate(shop: string, currentScopes: string[]): Promise<void> {
  const scope = currentScopes.join(",");
  await db.session.updateMany({ where: { shop }, data: { scope } });
  await db.shop.updateMany({ where: { domain: shop }, data: { scopes: scope } });
}
