// Session tokens as Shopify admin issues them to embedded apps: HS256 JWTs signed with the app's
// secret, valid one minute. @shopify/shopify-api's decodeSessionToken checks the signature, exp/nbf
// (10 s tolerance) and that `aud` is the app's API key.
import { createHmac, randomUUID, timingSafeEqual } from "node:crypto";

export interface SessionTokenClaims {
  iss: string;
  dest: string;
  aud: string;
  sub: string;
  exp: number;
  nbf: number;
  iat: number;
  jti: string;
  sid: string;
  sig?: string;
}

const base64url = (value: string | Buffer) => Buffer.from(value).toString("base64url");

export function mintSessionToken(input: {
  shop: string;
  apiKey: string;
  apiSecret: string;
  userId?: string | number;
  now?: () => number;
  ttlSeconds?: number;
}): string {
  const iat = Math.floor((input.now ?? Date.now)() / 1000);
  const claims: SessionTokenClaims = {
    iss: `https://${input.shop}/admin`,
    dest: `https://${input.shop}`,
    aud: input.apiKey,
    sub: String(input.userId ?? 1),
    exp: iat + (input.ttlSeconds ?? 60),
    nbf: iat,
    iat,
    jti: randomUUID(),
    sid: randomUUID().replace(/-/g, ""),
  };
  const head = `${base64url(JSON.stringify({ alg: "HS256", typ: "JWT" }))}.${base64url(JSON.stringify(claims))}`;
  return `${head}.${createHmac("sha256", input.apiSecret).update(head).digest("base64url")}`;
}

export class InvalidSessionTokenError extends Error {}

/** Verifies a session token the way Shopify does when the app exchanges it; returns its claims. */
export function verifySessionToken(
  token: string,
  apiSecret: string,
  now: () => number = Date.now,
  toleranceSeconds = 10,
): SessionTokenClaims {
  const parts = token.split(".");
  if (parts.length !== 3) throw new InvalidSessionTokenError("not a JWT");
  const expected = createHmac("sha256", apiSecret).update(`${parts[0]}.${parts[1]}`).digest();
  const given = Buffer.from(parts[2], "base64url");
  if (given.length !== expected.length || !timingSafeEqual(given, expected))
    throw new InvalidSessionTokenError("signature verification failed");
  let header: { alg?: string };
  let claims: SessionTokenClaims;
  try {
    header = JSON.parse(Buffer.from(parts[0], "base64url").toString("utf8"));
    claims = JSON.parse(Buffer.from(parts[1], "base64url").toString("utf8"));
  } catch {
    throw new InvalidSessionTokenError("malformed JWT");
  }
  if (header.alg !== "HS256") throw new InvalidSessionTokenError(`unexpected alg ${header.alg}`);
  const t = Math.floor(now() / 1000);
  if (typeof claims.exp !== "number" || t > claims.exp + toleranceSeconds)
    throw new InvalidSessionTokenError("token expired");
  if (typeof claims.nbf === "number" && t < claims.nbf - toleranceSeconds)
    throw new InvalidSessionTokenError("token not yet valid");
  return claims;
}
