// Which database errors a caller may run its write again for, in the shapes the drivers give them
// (as the event feed's deliverer received them from a held SQLite lock and a PostgreSQL connection the
// server ended).
import { describe, expect, it } from "vitest";
import { DatabaseBusyError } from "../lib/errors";
import { isTransientDatabaseError } from "./errors";

const adapterError = (cause: Record<string, unknown>) =>
  Object.assign(new Error("driver adapter error"), { name: "DriverAdapterError", cause });

describe("isTransientDatabaseError", () => {
  it.each([
    [
      "SQLite busy after the adapter's waits",
      new DatabaseBusyError({ cause: adapterError({ originalCode: "SQLITE_BUSY" }) }),
    ],
    ["SQLite busy from the driver", adapterError({ kind: "SocketTimeout", originalCode: "SQLITE_BUSY" })],
    ["SQLite locked", adapterError({ kind: "postgres", originalCode: "SQLITE_LOCKED_SHAREDCACHE" })],
    ["a write conflict or deadlock (Prisma)", Object.assign(new Error("conflict"), { code: "P2034" })],
    ["a write conflict (adapter)", adapterError({ kind: "TransactionWriteConflict", originalCode: "40001" })],
    ["a deadlock (adapter)", adapterError({ kind: "postgres", code: "40P01" })],
    ["the server ended the session", adapterError({ kind: "postgres", code: "57P01" })],
    ["a connection exception", Object.assign(new Error("lost"), { code: "08006", severity: "FATAL" })],
    ["pg's connection cut mid-query", new Error("Connection terminated unexpectedly")],
    [
      "the server ending the session under a raw query",
      Object.assign(new Error("raw query failed"), {
        code: "P2010",
        meta: { driverAdapterError: adapterError({ kind: "postgres", code: "57P01", originalCode: "57P01" }) },
      }),
    ],
    ["the database unreachable", Object.assign(new Error("unreachable"), { code: "P1001" })],
    ["the pool exhausted", Object.assign(new Error("pool"), { code: "P2024" })],
  ])("takes %s as transient", (_, error) => {
    expect(isTransientDatabaseError(error)).toBe(true);
  });

  it.each([
    ["a unique violation", Object.assign(new Error("unique"), { code: "P2002" })],
    ["a missing record", Object.assign(new Error("missing"), { code: "P2025" })],
    [
      "a raw query's constraint",
      Object.assign(new Error("raw query failed"), {
        code: "P2010",
        meta: { driverAdapterError: adapterError({ kind: "postgres", code: "23505" }) },
      }),
    ],
    ["a constraint from PostgreSQL", adapterError({ kind: "postgres", code: "23514" })],
    ["a SQLite constraint", adapterError({ kind: "postgres", originalCode: "SQLITE_CONSTRAINT" })],
    ["a plain error", new Error("Cannot read properties of undefined")],
    ["a message that only mentions a connection", new Error("the ERP said: Connection terminated")],
    ["not an error", "SQLITE_BUSY"],
    ["nothing", null],
  ])("does not take %s as transient", (_, error) => {
    expect(isTransientDatabaseError(error)).toBe(false);
  });
});
