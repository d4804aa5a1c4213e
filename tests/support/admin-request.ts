// Requests as the embedded app sends them: a session token signed with the app secret (what App
// Bridge adds), for a shop whose offline session is stored — so `authenticate.admin` accepts them
// without any call to Shopify.
import { createHmac, randomUUID } from "node:crypto";
import { db } from "~/db.server";

function base64url(value: string | Buffer): string {
  return Buffer.from(value).toString("base64url");
}

export function sessionToken(
  shop: string,
  secret = process.env.SHOPIFY_API_SECRET ?? "",
  apiKey = process.env.SHOPIFY_API_KEY ?? "",
): string {
  const now = Math.floor(Date.now() / 1000);
  const header = base64url(JSON.stringify({ alg: "HS256", typ: "JWT" }));
  const payload = base64url(
    JSON.stringify({
      iss: `https://${shop}/admin`,
      dest: `https://${shop}`,
      aud: apiKey,
      sub: "1",
      exp: now + 60,
      nbf: now - 5,
      iat: now,
      jti: randomUUID(),
      sid: randomUUID(),
    }),
  );
  const signature = createHmac("sha256", secret).update(`${header}.${payload}`).digest("base64url");
  return `${header}.${payload}.${signature}`;
}

/** Stores the shop and its offline session, as after installation. */
export async function installShop(shop: string, fields: { name?: string; ianaTimezone?: string } = {}): Promise<void> {
  await db.shop.upsert({ where: { domain: shop }, create: { domain: shop, ...fields }, update: fields });
  await db.session.upsert({
    where: { id: `offline_${shop}` },
    create: {
      id: `offline_${shop}`,
      shop,
      state: "",
      isOnline: false,
      accessToken: "shpat_test",
      scope: process.env.SCOPES ?? "read_products",
    },
    update: {},
  });
}

/** A request from the embedded app (fetch with Authorization: Bearer <session token>). */
export function adminRequest(
  shop: string,
  path: string,
  init: { method?: string; form?: Record<string, string>; json?: unknown } = {},
): Request {
  const headers = new Headers({ authorization: `Bearer ${sessionToken(shop)}` });
  let body: BodyInit | undefined;
  if (init.form) {
    body = new URLSearchParams(init.form);
    headers.set("content-type", "application/x-www-form-urlencoded");
  } else if (init.json !== undefined) {
    body = JSON.stringify(init.json);
    headers.set("content-type", "application/json");
  }
  return new Request(`${process.env.SHOPIFY_APP_URL}${path}`, {
    method: init.method ?? (body ? "POST" : "GET"),
    headers,
    body,
  });
}

/** Loaders/actions may throw a Response (401, 404, redirects); returns whatever came back. */
export async function callRoute<T>(fn: () => Promise<T> | T): Promise<T | Response> {
  try {
    return await fn();
  } catch (thrown) {
    if (thrown instanceof Response) return thrown;
    throw thrown;
  }
}
