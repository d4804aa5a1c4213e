// Who is calling the JSON API (/api/*): an ERP or script with a shop's API token, or the embedded app
// itself with a Shopify session token (App Bridge adds it to fetch calls). Either way we get a shop.
import { json } from "@remix-run/node";
import { authenticate } from "../shopify.server";
import { looksLikeApiToken, shopForApiToken } from "./tokens.server";

export interface ApiCaller {
  shop: string;
  via: "api-token" | "session-token";
}

const unauthorized = (message: string) =>
  json({ error: message }, { status: 401, headers: { "WWW-Authenticate": 'Bearer realm="passerelle"' } });

/** Resolves the caller or throws a 401 JSON Response. */
export async function authenticateApi(request: Request): Promise<ApiCaller> {
  const header = request.headers.get("authorization") ?? "";
  const match = /^Bearer\s+(\S+)$/i.exec(header);
  if (!match) throw unauthorized("Send Authorization: Bearer <API token> (create one in Settings → API access).");
  const credential = match[1]!;
  if (looksLikeApiToken(credential)) {
    const shop = await shopForApiToken(credential);
    if (!shop) throw unauthorized("This API token is unknown or was revoked.");
    return { shop, via: "api-token" };
  }
  try {
    const { session } = await authenticate.admin(request);
    return { shop: session.shop, via: "session-token" };
  } catch (thrown) {
    // The library answers a bad session token with an empty 401 or a redirect; an API caller gets JSON.
    if (thrown instanceof Response && thrown.status < 500)
      throw unauthorized("The session token is not valid or has expired.");
    throw thrown;
  }
}
