// OAuth 2 as R-Series does it: POST /auth/oauth/token with grant_type authorization_code or
// refresh_token. Access tokens expire (expires_in, on the emulator clock); each refresh issues a new
// refresh token and retires the one used, so an old or revoked refresh token answers invalid_grant.
import { randomBytes } from "node:crypto";
import type { EmulatorClock } from "../_kit/index";
import { LightspeedError, OAuthError } from "./errors";

export interface OAuthClient {
  clientId: string;
  clientSecret: string;
}

interface Grant {
  id: number;
  clientId: string;
  accountId: string;
  revoked: boolean;
}

interface AccessToken {
  grant: Grant;
  expiresAt: number;
}

interface RefreshToken {
  grant: Grant;
  /** "rotated" once used; only the newest refresh token of a grant works. */
  status: "active" | "rotated";
}

export interface TokenPair {
  access_token: string;
  refresh_token: string;
  expires_in: number;
  token_type: "bearer";
  scope: string;
}

const SCOPE = "employee:all";

export class TokenBook {
  private readonly access = new Map<string, AccessToken>();
  private readonly refresh = new Map<string, RefreshToken>();
  private readonly codes = new Map<string, Grant>();
  private nextGrant = 1;
  readonly log: { at: string; grantType: string; outcome: string }[] = [];

  constructor(
    private readonly clock: EmulatorClock,
    private readonly clients: OAuthClient[],
    public accessTtlSeconds: number,
  ) {}

  /** A new grant (as if the merchant had authorised the app) and its first token pair. */
  issue(accountId: string, clientId = this.clients[0]?.clientId ?? ""): TokenPair {
    return this.pair({ id: this.nextGrant++, clientId, accountId, revoked: false });
  }

  /** An authorization code, as the redirect after the merchant's consent would carry. */
  code(accountId: string, clientId = this.clients[0]?.clientId ?? ""): string {
    const code = token("code");
    this.codes.set(code, { id: this.nextGrant++, clientId, accountId, revoked: false });
    return code;
  }

  private pair(grant: Grant): TokenPair {
    const accessToken = token("at");
    const refreshToken = token("rt");
    this.access.set(accessToken, { grant, expiresAt: this.clock.now() + this.accessTtlSeconds * 1000 });
    this.refresh.set(refreshToken, { grant, status: "active" });
    return {
      access_token: accessToken,
      refresh_token: refreshToken,
      expires_in: this.accessTtlSeconds,
      token_type: "bearer",
      scope: SCOPE,
    };
  }

  /** The token endpoint. */
  exchange(fields: Record<string, string>, basic?: { clientId: string; clientSecret: string }): TokenPair {
    const grantType = fields.grant_type ?? "";
    try {
      const clientId = fields.client_id ?? basic?.clientId;
      const clientSecret = fields.client_secret ?? basic?.clientSecret;
      if (!grantType) throw new OAuthError(400, "invalid_request", "The grant type is missing.");
      if (grantType !== "refresh_token" && grantType !== "authorization_code")
        throw new OAuthError(400, "unsupported_grant_type", `Unsupported grant type ${grantType}.`);
      const client = this.clients.find((candidate) => candidate.clientId === clientId);
      if (!client || client.clientSecret !== clientSecret)
        throw new OAuthError(401, "invalid_client", "Client authentication failed.");
      const answer =
        grantType === "refresh_token" ? this.rotate(client, fields.refresh_token) : this.redeem(client, fields.code);
      this.log.push({ at: this.clock.date().toISOString(), grantType, outcome: "issued" });
      return answer;
    } catch (error) {
      if (error instanceof OAuthError)
        this.log.push({ at: this.clock.date().toISOString(), grantType, outcome: error.code });
      throw error;
    }
  }

  private rotate(client: OAuthClient, refreshToken: string | undefined): TokenPair {
    if (!refreshToken) throw new OAuthError(400, "invalid_request", "The refresh token is missing.");
    const known = this.refresh.get(refreshToken);
    if (!known || known.grant.clientId !== client.clientId)
      throw new OAuthError(400, "invalid_grant", "The refresh token is invalid.");
    if (known.grant.revoked) throw new OAuthError(400, "invalid_grant", "The refresh token has been revoked.");
    if (known.status === "rotated")
      throw new OAuthError(400, "invalid_grant", "The refresh token has already been used.");
    known.status = "rotated";
    return this.pair(known.grant);
  }

  private redeem(client: OAuthClient, code: string | undefined): TokenPair {
    const grant = code ? this.codes.get(code) : undefined;
    if (!grant || grant.clientId !== client.clientId)
      throw new OAuthError(400, "invalid_grant", "The authorization code is invalid or was already used.");
    this.codes.delete(code!);
    return this.pair(grant);
  }

  /** The account an API request's Bearer token opens, or the 401 to answer. */
  authenticate(header: string | undefined): string {
    const match = /^Bearer\s+(\S+)$/i.exec(header ?? "");
    const known = match ? this.access.get(match[1]) : undefined;
    if (!known || known.grant.revoked) throw LightspeedError.invalidToken();
    if (this.clock.now() >= known.expiresAt) throw LightspeedError.expiredToken();
    return known.grant.accountId;
  }

  /** The merchant disconnects the app: the grant's tokens (access and refresh) stop working. */
  revoke(refreshToken?: string): number {
    let revoked = 0;
    for (const [value, known] of this.refresh) {
      if (refreshToken !== undefined && value !== refreshToken) continue;
      if (!known.grant.revoked) revoked++;
      known.grant.revoked = true;
    }
    return revoked;
  }

  /** Makes access tokens expire now (one, or all). */
  expire(accessToken?: string): number {
    let expired = 0;
    for (const [value, known] of this.access) {
      if (accessToken !== undefined && value !== accessToken) continue;
      known.expiresAt = Math.min(known.expiresAt, this.clock.now());
      expired++;
    }
    return expired;
  }

  clear(): void {
    this.access.clear();
    this.refresh.clear();
    this.codes.clear();
    this.log.length = 0;
  }
}

function token(prefix: string): string {
  return `${prefix}_${randomBytes(18).toString("hex")}`;
}
