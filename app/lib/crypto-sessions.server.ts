// Shopify access tokens at rest: the Session table holds them encrypted with APP_ENCRYPTION_KEY, so
// a copy of the database (a backup, a leaked dump) does not hand out API access to every shop.
// Rows written before encryption (plain tokens) stay readable and are encrypted on their next store.
import { Session } from "@shopify/shopify-app-remix/server";
import type { SessionStorage } from "@shopify/shopify-app-session-storage";
import { decryptSecret, encryptSecret } from "./crypto.server";

const PREFIX = "enc:";

/** A stored token as stored: encrypted with the app's key. */
export function sealAccessToken(token: string): string {
  return token === "" || token.startsWith(PREFIX) ? token : `${PREFIX}${encryptSecret(token)}`;
}

/** A token as read from the Session table, encrypted or (from before encryption) plain. */
export function openAccessToken(stored: string): string {
  return stored.startsWith(PREFIX) ? decryptSecret(stored.slice(PREFIX.length)) : stored;
}

function withTokens(session: Session, transform: (value: string) => string): Session {
  const copy = new Session(session.toObject());
  if (session.accessToken) copy.accessToken = transform(session.accessToken);
  if (session.refreshToken) copy.refreshToken = transform(session.refreshToken);
  return copy;
}

/** Wraps a session storage (Prisma's) so tokens are encrypted on the way in and out. */
export class EncryptedSessionStorage<
  T extends SessionStorage & { isReady?: () => Promise<boolean> },
> implements SessionStorage {
  constructor(private readonly inner: T) {}

  storeSession(session: Session): Promise<boolean> {
    return this.inner.storeSession(withTokens(session, sealAccessToken));
  }

  async loadSession(id: string): Promise<Session | undefined> {
    const session = await this.inner.loadSession(id);
    return session && withTokens(session, openAccessToken);
  }

  deleteSession(id: string): Promise<boolean> {
    return this.inner.deleteSession(id);
  }

  deleteSessions(ids: string[]): Promise<boolean> {
    return this.inner.deleteSessions(ids);
  }

  async findSessionsByShop(shop: string): Promise<Session[]> {
    return (await this.inner.findSessionsByShop(shop)).map((s) => withTokens(s, openAccessToken));
  }

  isReady(): Promise<boolean> {
    return this.inner.isReady ? this.inner.isReady() : Promise.resolve(true);
  }
}
