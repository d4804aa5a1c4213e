// Who hears that a run failed. The engine knows no feature: a feature (alerts) subscribes here and the
// worker announces each run it recorded as failed, after the write. A listener's trouble is logged and
// never changes the run.
import type { Db } from "../db.server";
import type { Message } from "../i18n/stored-words";
import { logger } from "../lib/logger.server";

export interface FailedRun {
  db: Db;
  shop: string;
  jobId: string;
  type: string;
  /** The job type's title, the merchant's word ("Stock (full)"). */
  title: string;
  trigger: string;
  /** The message the merchant reads (with its words when it was said with a key). */
  message: Message;
  /** The run gave up on a failure worth retrying (no answer, timeout, 5xx): a system is down. */
  transient: boolean;
  attempt: number;
  finishedAt: Date;
}

type Listener = (run: FailedRun) => Promise<void> | void;
const listeners = new Set<Listener>();

/** Subscribes to failed runs; returns the unsubscribe. */
export function onRunFailed(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export async function announceRunFailed(run: FailedRun): Promise<void> {
  for (const listener of listeners) {
    try {
      await listener(run);
    } catch (error) {
      logger.warn("a failed-run listener failed", { shop: run.shop, jobId: run.jobId, error: String(error) });
    }
  }
}
