// A shop POS system account (Square, Hiboutik, Lightspeed Retail…): its items, its per-location counts, and
// the sales an online order makes it record. A shop may hold several accounts, of any mix of systems, so a
// POS system is reached through an account (a row of its own), not through the one-connection-per-system
// settings; the POS stock sync and the sale dispatch use this port only, and each system's shapes, auth,
// pagination and rate limits stay inside its connector.
import type { Db } from "../db.server";
import type { SkippedRecord } from "../domain/results";
import type { Message } from "../i18n/stored-words";

export interface PosLocation {
  /** The POS's own id for the location (Square location id, Hiboutik store id, Lightspeed shopID). */
  id: string;
  name: string;
}

export interface PosItem {
  /** The POS's own id for the sellable item (Square item variation id, Hiboutik product[/size] id, Lightspeed itemID). */
  posItemId: string;
  name: string;
  sku?: string;
  barcode?: string;
}

export interface PosCount {
  posItemId: string;
  posLocationId: string;
  /** Units the POS says it holds to sell at that location. */
  quantity: number;
}

/** One order line's effect on one POS location: quantity > 0 sold (stock goes down), < 0 given back. */
export interface PosStockMove {
  posItemId: string;
  posLocationId: string;
  quantity: number;
  /** Unique per order line and kind (sale, refund, cancellation): the POS call's idempotency key, and the
   *  key under which the dispatch is recorded once. At most 40 characters, [A-Za-z0-9_-]. */
  key: string;
  /** What the POS shows next to the move, e.g. the Shopify order name "#1042". */
  reference: string;
}

export interface PosMoveResult {
  key: string;
  ok: boolean;
  /** Refused for good (unknown item…): the merchant reads this (stored with its words, PosDispatch.reasonWords);
   *  a temporary failure throws instead. */
  reason?: Message;
}

/** How much of a rate limit or quota is used, for the screens ("1,840 of 2,000 requests left today"). */
export interface PosUsage {
  used: number;
  limit: number;
  /** When the window starts afresh (Hiboutik's daily quota); absent for a rolling limit. */
  resetsAt?: Date;
  /** Plain words, e.g. "Slowing down: 90% of today's requests used". */
  note?: string;
}

export interface PointOfSale {
  /** Checks the credentials and says what it found, in plain words ("Connected: 3 locations"); a failure
   *  with its words when the connector's error has them, so the admin reads it in their language. */
  test(): Promise<{ ok: boolean; message: Message }>;
  locations(): Promise<PosLocation[]>;
  /** Every sellable item, handed one at a time as pages are read. */
  items(onItem: (item: PosItem) => void): Promise<{ skipped: SkippedRecord[] }>;
  /** Every count at these locations (all when omitted), handed one at a time as pages are read. */
  counts(onCount: (count: PosCount) => void, locationIds?: string[]): Promise<{ skipped: SkippedRecord[] }>;
  /** Records the moves; safe to call again with the same keys (the POS applies each key once). */
  applyMoves(moves: PosStockMove[]): Promise<PosMoveResult[]>;
  usage?(): Promise<PosUsage | null>;
}

/**
 * One rotation of an account's secrets. `rotate` runs only while no other process rotates them, with the
 * secrets as stored then, and only when `needed` says so of them (false: another process has just rotated
 * them, and the stored ones are the answer). What it returns is stored before the answer is given.
 */
export interface SecretsRotation {
  needed(stored: Record<string, string>): boolean;
  rotate(stored: Record<string, string>): Promise<Record<string, string>>;
  /** The longest a rotation takes: a claim older than this was left by a stopped process. */
  claimMs: number;
}

/** What a POS connector builds its port from: one account of a shop. */
export interface PosAccountContext {
  db: Db;
  shop: string;
  accountId: string;
  /** The account's plain settings (URLs, ids, quota…), as its connector's schema defines them. */
  settings: Record<string, unknown>;
  /** Decrypted secrets (tokens, keys); server-only. */
  secrets: Record<string, string>;
  /** Stores rotated secrets (Lightspeed's refresh token) encrypted, before the new ones are used. */
  saveSecrets(update: Record<string, string>): Promise<void>;
  /**
   * Rotates the stored secrets once for all the app's processes (a refresh token works once): absent for
   * values not stored (a form's "Test connection"), where saveSecrets is used.
   */
  rotateSecrets?(rotation: SecretsRotation): Promise<Record<string, string>>;
  /** Outbound deadline per call. */
  timeoutMs?: number;
}
