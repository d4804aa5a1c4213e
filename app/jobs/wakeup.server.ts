// How an idle worker learns that there is work, without waiting for its next look at the queue:
//  - in this process, enqueue() and a run that ends ring every worker's doorbell;
//  - across processes on PostgreSQL, a trigger (migration job_concurrency_key) sends NOTIFY on the
//    channel below whenever a job is queued, and each worker LISTENs on its own connection.
// SQLite has no such channel: workers of other processes see new jobs at their next (short) poll.
import pg from "pg";
import type { Logger } from "../lib/logger.server";

export const JOBS_CHANNEL = "passerelle_jobs_queued";

/** A wake-up that is never lost: a ring while nobody waits makes the next wait return at once. */
export class Doorbell {
  private rung = false;
  private waiter: (() => void) | null = null;

  ring(): void {
    this.rung = true;
    this.waiter?.();
  }

  /** Resolves on the next ring (or a pending one), or after `ms`. */
  wait(ms: number): Promise<void> {
    if (this.rung) {
      this.rung = false;
      return Promise.resolve();
    }
    return new Promise<void>((resolve) => {
      const timer = setTimeout(done, ms);
      const self = this; // eslint-disable-line @typescript-eslint/no-this-alias
      function done() {
        clearTimeout(timer);
        self.waiter = null;
        self.rung = false;
        resolve();
      }
      this.waiter = done;
    });
  }
}

const listeners = new Set<() => void>();

/** Called by enqueue (and a run going back to the queue): wakes this process's workers. */
export function announceQueuedJob(): void {
  for (const listener of listeners) listener();
}

export function onQueuedJob(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** LISTENs for queued jobs on PostgreSQL; reconnects after a lost connection (and rings then, as it may have missed some). */
export function listenForQueuedJobs(url: string, onQueued: () => void, log: Logger): { close(): Promise<void> } {
  let closed = false;
  let client: pg.Client | null = null;
  let retry: NodeJS.Timeout | null = null;

  const connect = async () => {
    const next = new pg.Client({ connectionString: url });
    next.on("notification", () => onQueued());
    next.on("error", (error) => {
      log.warn("job notifications: connection lost", { error: error.message });
      void next.end().catch(() => undefined);
      schedule();
    });
    try {
      await next.connect();
      await next.query(`LISTEN ${JOBS_CHANNEL}`);
    } catch (error) {
      log.warn("job notifications: could not listen", { error: (error as Error).message });
      void next.end().catch(() => undefined);
      return schedule();
    }
    if (closed) return void (await next.end().catch(() => undefined));
    client = next;
    onQueued();
  };
  const schedule = () => {
    client = null;
    if (closed || retry) return;
    retry = setTimeout(() => {
      retry = null;
      void connect();
    }, 1_000);
    retry.unref?.();
  };
  void connect();

  return {
    async close() {
      closed = true;
      if (retry) clearTimeout(retry);
      await client?.end().catch(() => undefined);
    },
  };
}
