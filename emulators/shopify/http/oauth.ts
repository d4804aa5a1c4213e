// POST /admin/oauth/access_token — token exchange as Shopify does it for embedded apps: the app trades
// a session token (which the emulator signed, as admin would) for an offline or online access token.
import type { IncomingMessage, ServerResponse } from "node:http";
import type { AppConfig } from "../app-config";
import { InvalidSessionTokenError, verifySessionToken } from "../session-token";
import { normalizeShopDomain, type EmulatorStore } from "../store";
import { readFields, sendJson, shopDomainOf } from "./io";

const TOKEN_EXCHANGE = "urn:ietf:params:oauth:grant-type:token-exchange";
const ID_TOKEN = "urn:ietf:params:oauth:token-type:id_token";
const OFFLINE = "urn:shopify:params:oauth:token-type:offline-access-token";
const ONLINE = "urn:shopify:params:oauth:token-type:online-access-token";

export async function handleTokenExchange(
  req: IncomingMessage,
  res: ServerResponse,
  deps: { store: EmulatorStore; app: AppConfig; now: () => number },
) {
  const fields = await readFields(req);
  if (!fields)
    return sendJson(res, 400, { error: "invalid_request", error_description: "The request body could not be parsed" });
  const field = (name: string) => (typeof fields[name] === "string" ? (fields[name] as string) : "");
  if (field("client_id") !== deps.app.apiKey || field("client_secret") !== deps.app.apiSecret) {
    return sendJson(res, 401, { error: "invalid_client", error_description: "Client credentials are invalid" });
  }
  if (field("grant_type") !== TOKEN_EXCHANGE) {
    return sendJson(res, 400, {
      error: "unsupported_grant_type",
      error_description: `The emulator supports grant_type=${TOKEN_EXCHANGE} only`,
    });
  }
  if (field("subject_token_type") !== ID_TOKEN) {
    return sendJson(res, 400, {
      error: "invalid_request",
      error_description: `subject_token_type must be ${ID_TOKEN}`,
    });
  }
  const requested = field("requested_token_type") || OFFLINE;
  if (requested !== OFFLINE && requested !== ONLINE) {
    return sendJson(res, 400, {
      error: "invalid_request",
      error_description: `Unsupported requested_token_type ${requested}`,
    });
  }
  let claims;
  try {
    claims = verifySessionToken(field("subject_token"), deps.app.apiSecret, deps.now);
  } catch (error) {
    const reason = error instanceof InvalidSessionTokenError ? error.message : "invalid";
    return sendJson(res, 400, {
      error: "invalid_subject_token",
      error_description: `Session token is invalid: ${reason}`,
    });
  }
  const shopDomain = shopDomainOf(req);
  const tokenShop = normalizeShopDomain(claims.dest);
  if (claims.aud !== deps.app.apiKey || (shopDomain && shopDomain !== tokenShop)) {
    return sendJson(res, 400, {
      error: "invalid_subject_token",
      error_description: "Session token does not belong to this app and shop",
    });
  }
  const shop = deps.store.findShop(tokenShop);
  if (!shop) return sendJson(res, 404, { errors: "Not Found" });

  const online = requested === ONLINE;
  const accessToken = deps.store.issueAccessToken(shop.domain, online);
  if (!online) {
    // `expiring: 1` asks for an expiring offline token (shopify-api 13's expiringOfflineAccessTokens).
    const expiring = field("expiring") === "1";
    return sendJson(res, 200, {
      access_token: accessToken,
      scope: deps.app.scopes,
      ...(expiring
        ? { expires_in: 3600, refresh_token: `shprt_${accessToken.slice(6)}`, refresh_token_expires_in: 7_776_000 }
        : {}),
    });
  }
  const userId = Number(claims.sub) || 1;
  return sendJson(res, 200, {
    access_token: accessToken,
    scope: deps.app.scopes,
    expires_in: 86_399,
    associated_user_scope: deps.app.scopes,
    session: claims.sid,
    associated_user: {
      id: userId,
      first_name: "Camille",
      last_name: "Martin",
      email: `camille.martin@${shop.domain.replace(/\.myshopify\.com$/, "")}.example`,
      account_owner: true,
      locale: "fr",
      collaborator: false,
      email_verified: true,
    },
  });
}
