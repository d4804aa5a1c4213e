// SQLite's write lock without freezing the process. better-sqlite3 is synchronous: its busy timeout
// sleeps inside the driver call, so while another process holds the write lock every page of this
// process waits too (and each concurrent request adds its own wait). Here the driver waits at most
// 10 ms, which covers a lock changing hands between short transactions. Once a statement finds the
// lock held longer, the connection stops waiting in the driver at all until a write gets through again:
// statements are tried again on timers, so the event loop stays free. When the lock does not come
// within about 0.6 s, the statement fails with DatabaseBusyError (503 for a request, a retry for a job).
// WAL mode, set when the connection opens, lets readers go on while someone writes.
import type { SqlDriverAdapter, SqlDriverAdapterFactory, SqlQuery, Transaction } from "@prisma/driver-adapter-utils";
import { sqliteSynchronousFromEnv } from "../env.server";
import { DatabaseBusyError } from "../lib/errors";
import { sleep } from "../lib/time";

/** How long the driver itself may block on a held lock (the whole event loop waits that long). */
export const DRIVER_BUSY_TIMEOUT_MS = 10;
/** Pauses between attempts on a held lock, on timers; their sum is how long a statement waits for it. */
const RETRY_PAUSES_MS = [5, 10, 20, 40, 60, 80, 100, 120, 140];

/** The SQLite result code of a driver error as the adapter reports it, if any. */
function sqliteCode(error: unknown): string | undefined {
  if (typeof error !== "object" || error === null) return undefined;
  const direct = (error as { code?: unknown }).code;
  if (typeof direct === "string" && direct.startsWith("SQLITE_")) return direct;
  const cause = (error as { cause?: { originalCode?: unknown } }).cause;
  return typeof cause?.originalCode === "string" ? cause.originalCode : undefined;
}

export function isSqliteBusy(error: unknown): boolean {
  const code = sqliteCode(error);
  return code !== undefined && (code.startsWith("SQLITE_BUSY") || code.startsWith("SQLITE_LOCKED"));
}

// Statements that get through without the write lock (BEGIN is deferred: it takes no lock).
const isRead = (sql: string) => /^\s*(SELECT|WITH|PRAGMA|BEGIN)\b/i.test(sql);

/** One connection's waits for the write lock. */
class LockWaits {
  #contended = false;
  constructor(private readonly raw: SqlDriverAdapter) {}

  // busy_timeout belongs to the connection and takes effect at once (the driver is synchronous).
  #driverWait(ms: number) {
    void this.raw.executeScript(`PRAGMA busy_timeout = ${ms}`);
  }

  /**
   * Runs `attempt` again while the lock is held, pausing on timers. A stale read snapshot inside a
   * transaction (SQLITE_BUSY_SNAPSHOT) cannot succeed by waiting: it fails at once.
   */
  async run<T>(sql: string, attempt: () => Promise<T>): Promise<T> {
    for (let i = 0; ; i++) {
      try {
        const result = await attempt();
        // A write went through: the lock changes hands normally again. (Reads pass under WAL anyway.)
        if (this.#contended && !isRead(sql)) {
          this.#contended = false;
          this.#driverWait(DRIVER_BUSY_TIMEOUT_MS);
        }
        return result;
      } catch (error) {
        if (!isSqliteBusy(error)) throw error;
        if (!this.#contended) {
          this.#contended = true;
          this.#driverWait(0);
        }
        if (i >= RETRY_PAUSES_MS.length || sqliteCode(error) === "SQLITE_BUSY_SNAPSHOT")
          throw new DatabaseBusyError({ cause: error });
        await sleep(RETRY_PAUSES_MS[i]!);
      }
    }
  }
}

function busyAwareTransaction(tx: Transaction, waits: LockWaits): Transaction {
  return new Proxy(tx, {
    get(target, prop) {
      if (prop === "queryRaw") return (query: SqlQuery) => waits.run(query.sql, () => target.queryRaw(query));
      if (prop === "executeRaw") return (query: SqlQuery) => waits.run(query.sql, () => target.executeRaw(query));
      const value = Reflect.get(target, prop, target) as unknown;
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
}

function busyAwareAdapter(adapter: SqlDriverAdapter): SqlDriverAdapter {
  const waits = new LockWaits(adapter);
  return new Proxy(adapter, {
    get(target, prop) {
      if (prop === "queryRaw") return (query: SqlQuery) => waits.run(query.sql, () => target.queryRaw(query));
      if (prop === "executeRaw") return (query: SqlQuery) => waits.run(query.sql, () => target.executeRaw(query));
      if (prop === "executeScript") return (script: string) => waits.run(script, () => target.executeScript(script));
      if (prop === "startTransaction")
        return async (...args: Parameters<SqlDriverAdapter["startTransaction"]>) =>
          busyAwareTransaction(await waits.run("BEGIN", () => target.startTransaction(...args)), waits);
      const value = Reflect.get(target, prop, target) as unknown;
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
}

/** Wraps the better-sqlite3 adapter factory: WAL on connect, short driver waits, retries on timers. */
export function busyAwareSqlite<F extends SqlDriverAdapterFactory>(factory: F): F {
  return new Proxy(factory, {
    get(target, prop) {
      if (prop === "connect")
        return async () => {
          const adapter = busyAwareAdapter(await target.connect());
          // Persistent in the file (migrations set it too); a no-op when already on. Should the lock
          // be held right now, the file keeps the mode it has and queries still work.
          await adapter.executeScript("PRAGMA journal_mode = WAL").catch(() => undefined);
          // NORMAL unless configured: a commit survives a killed process; a power cut can undo the last
          // ones. FULL flushes the disk at every commit (docs/decisions/0008-sqlite-synchronous-normal.md).
          await adapter.executeScript(`PRAGMA synchronous = ${sqliteSynchronousFromEnv()}`);
          return adapter;
        };
      const value = Reflect.get(target, prop, target) as unknown;
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
}
