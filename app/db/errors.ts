// Prisma error checks that hold for both generated clients (their error classes differ, so no instanceof).
import { DatabaseBusyError } from "../lib/errors";

export function isUniqueViolation(error: unknown): boolean {
  return typeof error === "object" && error !== null && (error as { code?: unknown }).code === "P2002";
}

// Prisma codes for "the database cannot answer right now": unreachable, timed out, connection closed,
// no free connection in the pool. Worth a retry, never the caller's fault.
const UNAVAILABLE_CODES = new Set(["P1001", "P1002", "P1008", "P1017", "P2024"]);

// The same, as a driver adapter reports it to a caller that uses the adapter directly (driverConnection).
const UNAVAILABLE_KINDS = new Set(["DatabaseNotReachable", "ConnectionClosed", "SocketTimeout", "TooManyConnections"]);

export function isDatabaseUnavailable(error: unknown): boolean {
  if (typeof error !== "object" || error === null) return false;
  const code = (error as { code?: unknown }).code;
  if (typeof code === "string" && UNAVAILABLE_CODES.has(code)) return true;
  const cause = (error as { name?: unknown; cause?: { kind?: unknown } }).cause;
  return (
    (error as { name?: unknown }).name === "DriverAdapterError" &&
    typeof cause?.kind === "string" &&
    UNAVAILABLE_KINDS.has(cause.kind)
  );
}

// PostgreSQL SQLSTATEs that a second try can get past: a serialization failure or deadlock (the
// transaction was rolled back), the server ending the session (shutdown, crash, an administrator).
const PG_TRANSIENT_STATES = new Set(["40001", "40P01", "57P01", "57P02", "57P03"]);
const isPgTransientState = (code: unknown) =>
  typeof code === "string" && (PG_TRANSIENT_STATES.has(code) || code.startsWith("08")); // 08: connection

/**
 * True for a write that failed only because of the database's state right now and may succeed if run
 * again: SQLite busy or locked (as DatabaseBusyError after the adapter's own waits, or the driver's
 * code), PostgreSQL's write conflict or deadlock (P2034), a connection the server ended or that broke
 * (pg reports that as a plain Error "Connection terminated…"), and what isDatabaseUnavailable covers.
 * A caller that runs the write again must build it again (a Prisma promise runs once).
 */
export function isTransientDatabaseError(error: unknown): boolean {
  if (error instanceof DatabaseBusyError || isDatabaseUnavailable(error)) return true;
  if (typeof error !== "object" || error === null) return false;
  const { code, name, message, cause } = error as {
    code?: unknown;
    name?: unknown;
    message?: unknown;
    cause?: unknown;
  };
  if (code === "P2034" || isPgTransientState(code)) return true;
  // A raw query ($queryRaw, $executeRaw) that failed in the driver: Prisma wraps the adapter's error.
  if (code === "P2010") {
    const inner = (error as { meta?: { driverAdapterError?: unknown } }).meta?.driverAdapterError;
    if (inner !== undefined && inner !== error) return isTransientDatabaseError(inner);
  }
  if (typeof code === "string" && /^SQLITE_(BUSY|LOCKED)/.test(code)) return true;
  if (name === "DriverAdapterError" && typeof cause === "object" && cause !== null) {
    const { kind, originalCode } = cause as { kind?: unknown; originalCode?: unknown };
    if (kind === "TransactionWriteConflict") return true;
    if (typeof originalCode === "string" && /^SQLITE_(BUSY|LOCKED)/.test(originalCode)) return true;
    if (kind === "postgres" && isPgTransientState((cause as { code?: unknown }).code)) return true;
  }
  return error instanceof Error && typeof message === "string" && /^Connection terminated\b/.test(message);
}
