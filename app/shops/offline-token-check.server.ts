// A kept database can hold an offline access token Shopify no longer honours: the app was
// reinstalled elsewhere, the token was revoked, or (the demo) a fresh Shopify emulator does not know
// the token a previous run stored. The library trusts a stored non-expiring token forever, so every
// call with it would answer 401. Once per process and token, the first authenticated request checks
// the token with one small query; a token Shopify refuses is dropped and the request authenticates
// again, which exchanges the (valid) session token for a fresh offline token.
import { AuthenticationError } from "../lib/errors";
import { logger } from "../lib/logger.server";
import { ShopifyAdminClient } from "../shopify/admin-client.server";
import { SHOP_INFO } from "../shopify/operations/shop";

interface AdminContextLike {
  session: { id: string; shop: string; accessToken?: string };
}

export interface OfflineTokenCheckDeps<C extends AdminContextLike> {
  /** The library's authenticate.admin. */
  authenticate(request: Request): Promise<C>;
  deleteSession(id: string): Promise<unknown>;
  /** Whether Shopify accepts the token: false only when Shopify refuses it (401/403). */
  accepts?(shop: string, accessToken: string): Promise<boolean>;
}

const CHECK_TIMEOUT_MS = 5_000;

async function shopifyAccepts(shop: string, accessToken: string): Promise<boolean> {
  const client = new ShopifyAdminClient({ shop, accessToken, maxAttempts: 1, timeoutMs: CHECK_TIMEOUT_MS });
  try {
    await client.request(SHOP_INFO);
    return true;
  } catch (error) {
    // Shopify unreachable or slow: not a verdict on the token; the next process start checks again.
    if (error instanceof AuthenticationError) return false;
    throw error;
  }
}

/** authenticate.admin that replaces an offline token Shopify refuses by a freshly exchanged one. */
export function withOfflineTokenCheck<C extends AdminContextLike>(
  deps: OfflineTokenCheckDeps<C>,
): (request: Request) => Promise<C> {
  const accepted = new Set<string>();
  const checking = new Map<string, Promise<boolean>>();
  const accepts = deps.accepts ?? shopifyAccepts;
  const check = (shop: string, token: string): Promise<boolean> => {
    const key = `${shop}\n${token}`;
    if (accepted.has(key)) return Promise.resolve(true);
    let pending = checking.get(key);
    if (!pending) {
      pending = accepts(shop, token)
        .then((ok) => {
          if (ok) accepted.add(key);
          return ok;
        })
        .catch((error: unknown) => {
          logger.warn("could not check the stored Shopify token", { shop, error: String(error) });
          return true;
        })
        .finally(() => checking.delete(key));
      checking.set(key, pending);
    }
    return pending;
  };

  return async (request) => {
    const context = await deps.authenticate(request);
    const { session } = context;
    if (!session.accessToken || (await check(session.shop, session.accessToken))) return context;
    logger.warn("Shopify refused the stored offline token: exchanging the session token again", {
      shop: session.shop,
    });
    await deps.deleteSession(session.id);
    const renewed = await deps.authenticate(request);
    if (renewed.session.accessToken) accepted.add(`${renewed.session.shop}\n${renewed.session.accessToken}`);
    return renewed;
  };
}
