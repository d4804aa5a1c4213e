// What an API method receives, and the cursor helper every Square list shares.
import type { EmulatorClock } from "../_kit/index";
import { SquareError } from "./errors";
import type { Merchant } from "./store";
import type { Webhooks } from "./webhooks";

export interface IdempotentAnswer {
  fingerprint: string;
  status: number;
  body: Record<string, unknown>;
}

export interface SquareContext {
  merchant: Merchant;
  clock: EmulatorClock;
  webhooks: Webhooks;
  /** Answers already given, by endpoint and idempotency key. */
  idempotency: Map<string, IdempotentAnswer>;
  catalogPageSize: number;
  body: Record<string, unknown>;
  query: URLSearchParams;
  path: Record<string, string>;
}

export interface SquareAnswer {
  status?: number;
  body: Record<string, unknown>;
}

export type SquareMethod = (context: SquareContext) => SquareAnswer | Promise<SquareAnswer>;

/** An opaque cursor: where the next page starts, bound to the query that produced it. */
export function encodeCursor(offset: number, query: string): string {
  return Buffer.from(JSON.stringify({ o: offset, q: query })).toString("base64url");
}

/** The offset a cursor points at (0 without one); a cursor from another query is refused. */
export function decodeCursor(cursor: unknown, query: string): number {
  if (cursor === undefined || cursor === null || cursor === "") return 0;
  if (typeof cursor !== "string") throw SquareError.badRequest("INVALID_CURSOR", "Invalid cursor.", "cursor");
  try {
    const value = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8")) as { o?: unknown; q?: unknown };
    if (typeof value.o === "number" && Number.isInteger(value.o) && value.o >= 0 && value.q === query) return value.o;
  } catch {
    // falls through to the refusal
  }
  throw SquareError.badRequest("INVALID_CURSOR", "The cursor is not valid for this query.", "cursor");
}

export function stringList(value: unknown, field: string): string[] | undefined {
  if (value === undefined || value === null) return undefined;
  if (!Array.isArray(value) || value.some((entry) => typeof entry !== "string"))
    throw SquareError.invalid(field, `Expected \`${field}\` to be an array of strings.`);
  return value as string[];
}

export function limitOf(value: unknown, field: string, max: number, fallback: number): number {
  if (value === undefined || value === null) return fallback;
  if (typeof value !== "number" || !Number.isInteger(value) || value < 1 || value > max)
    throw SquareError.invalid(field, `\`${field}\` must be between 1 and ${max}.`);
  return value;
}
