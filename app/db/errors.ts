// Prisma error checks that hold for both generated clients (their error classes differ, so no instanceof).
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
