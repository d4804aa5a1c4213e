// Configures the Shopify app once (Shopify's Remix template shape) and exports what routes use.
import "@shopify/shopify-app-remix/adapters/node";
import { ApiVersion, AppDistribution, LogSeverity, shopifyApp } from "@shopify/shopify-app-remix/server";
import { PrismaSessionStorage } from "@shopify/shopify-app-session-storage-prisma";
import { db } from "./db.server";
import { EncryptedSessionStorage } from "./lib/crypto-sessions.server";
import { env } from "./env.server";
import { installShopifyOriginOverride } from "./shopify/api-origin.server";
import { SHOPIFY_API_VERSION } from "./shopify/api-version";
import { recordInstallation } from "./shops/installation.server";
import { subscribeAtInstall } from "./event-feed/subscriptions.server";
import { withOfflineTokenCheck } from "./shops/offline-token-check.server";
// Lets the job engine follow installs, uninstalls and shop/redact.
import "./jobs/shop-lifecycle.server";

const config = env();
installShopifyOriginOverride(config.SHOPIFY_API_ORIGIN_OVERRIDE);

const apiVersion = ApiVersion.July26;
if (apiVersion !== SHOPIFY_API_VERSION) throw new Error("app/shopify/api-version.ts and shopify.server.ts disagree");

const shopify = shopifyApp({
  apiKey: config.SHOPIFY_API_KEY,
  apiSecretKey: config.SHOPIFY_API_SECRET,
  apiVersion,
  scopes: config.SCOPES.split(","),
  appUrl: config.SHOPIFY_APP_URL,
  authPathPrefix: "/auth",
  // Our client is generated from the same schema into its own package (docs/decisions/0002), so its
  // type is not @prisma/client's; the Session model is identical. Tokens are encrypted at rest.
  sessionStorage: new EncryptedSessionStorage(
    new PrismaSessionStorage(db as unknown as ConstructorParameters<typeof PrismaSessionStorage>[0]),
  ),
  distribution: AppDistribution.AppStore,
  logger: { level: config.LOG_LEVEL === "debug" ? LogSeverity.Debug : LogSeverity.Warning },
  future: { unstable_newEmbeddedAuthStrategy: true, expiringOfflineAccessTokens: false },
  hooks: {
    afterAuth: async ({ session }) => {
      await recordInstallation(session);
      if (config.SHOPIFY_SUBSCRIBE_AT_INSTALL === "on") await subscribeAtInstall(session, config.SHOPIFY_APP_URL);
    },
  },
});

export default shopify;
export const apiVersionPinned = apiVersion;
export const addDocumentResponseHeaders = shopify.addDocumentResponseHeaders;
// Every screen authenticates through this: a stored offline token Shopify no longer honours (a kept
// database, a reinstall) is replaced by token exchange instead of failing every call with 401.
export const authenticate = {
  ...shopify.authenticate,
  admin: withOfflineTokenCheck({
    authenticate: (request) => shopify.authenticate.admin(request),
    deleteSession: (id) => shopify.sessionStorage!.deleteSession(id),
  }),
};
export const unauthenticated = shopify.unauthenticated;
export const login = shopify.login;
export const registerWebhooks = shopify.registerWebhooks;
export const sessionStorage = shopify.sessionStorage;
