// Schedules only enqueue. Every app process runs this scheduler; each fire inserts a job with the
// dedupe key schedule:<scheduleId>:<fire time>, so however many processes fire, one insert wins.
// Tests and catch-up use enqueueFiresBetween, which computes the fire times the cron-parser node-schedule
// uses gives (cron-times.ts, checked against it) and calls the same enqueueFire.
import nodeSchedule from "node-schedule";
import type { Db } from "../db.server";
import { type Logger, logger as rootLogger } from "../lib/logger.server";
import { setupNeededFor } from "../shops/setup.server";
import { type Clock, systemClock } from "./clock";
import { describeCause, enqueue } from "./queue.server";
import { jobType } from "./registry.server";
import { addMissingDefaultSchedules, fireTimesBetween } from "./schedules.server";

export interface ScheduleRow {
  id: string;
  shop: string;
  type: string;
  cron: string;
  timezone: string;
  enabled: boolean;
  paramsJson: string;
}

/** Fire times are whole seconds (cron's finest unit); rounding keeps the key identical across processes. */
export function fireKey(scheduleId: string, fireAt: Date): string {
  const second = new Date(Math.floor(fireAt.getTime() / 1_000) * 1_000);
  return `schedule:${scheduleId}:${second.toISOString()}`;
}

/**
 * Enqueues the job of one fire; `created: false` when another process already did. With `coalesce`
 * (what the running scheduler uses), a fire is skipped while an earlier scheduled run of the same shop
 * and type still waits in the queue, so a sync slower than its interval does not pile up runs.
 */
export async function enqueueFire(
  db: Db,
  schedule: ScheduleRow,
  fireAt: Date,
  clock: Clock = systemClock,
  options: { coalesce?: boolean } = {},
): Promise<{ jobId: string; created: boolean; coalesced?: boolean }> {
  if (options.coalesce) {
    const waiting = await db.job.findFirst({
      where: { shop: schedule.shop, type: schedule.type, trigger: "schedule", status: "queued" },
      select: { id: true },
    });
    if (waiting) return { jobId: waiting.id, created: false, coalesced: true };
  }
  const { job, created } = await enqueue(
    db,
    {
      shop: schedule.shop,
      type: schedule.type,
      trigger: "schedule",
      params: JSON.parse(schedule.paramsJson) as Record<string, unknown>,
      dedupeKey: fireKey(schedule.id, fireAt),
      runAfter: fireAt,
    },
    clock,
  );
  return { jobId: job.id, created };
}

/**
 * One fire of the running scheduler: nothing while the shop has not set up what the sync needs
 * (no run every 2 minutes that could only fail), otherwise a coalesced enqueue.
 */
export async function fireSchedule(
  db: Db,
  schedule: ScheduleRow,
  fireAt: Date,
  clock: Clock = systemClock,
): Promise<{ jobId: string | null; created: boolean; waitingForSetup?: string }> {
  const missing = await setupNeededFor(db, schedule.shop, schedule.type);
  if (missing) return { jobId: null, created: false, waitingForSetup: missing.what };
  return enqueueFire(db, schedule, fireAt, clock, { coalesce: true });
}

/** Enqueues every fire of `schedule` in (from, to]. */
export async function enqueueFiresBetween(
  db: Db,
  schedule: ScheduleRow,
  from: Date,
  to: Date,
  clock: Clock = systemClock,
) {
  const results = [];
  for (const fireAt of fireTimesBetween(schedule.cron, schedule.timezone, from, to)) {
    results.push({ fireAt, ...(await enqueueFire(db, schedule, fireAt, clock)) });
  }
  return results;
}

export interface SchedulerOptions {
  db: Db;
  /** How often to re-read Schedule rows (edits made through another process). */
  refreshMs?: number;
  clock?: Clock;
  logger?: Logger;
}

export interface Scheduler {
  /** Re-reads the schedules now (call after editing one in this process). */
  reload(): Promise<void>;
  stop(): Promise<void>;
}

export async function startScheduler(options: SchedulerOptions): Promise<Scheduler> {
  const { db } = options;
  const clock = options.clock ?? systemClock;
  const log = options.logger ?? rootLogger.child({ component: "jobs.scheduler" });
  const timers = new Map<string, { signature: string; job: nodeSchedule.Job }>();

  const reload = async () => {
    const rows = await db.schedule.findMany({ where: { enabled: true } });
    const seen = new Set<string>();
    for (const row of rows) {
      // Rows for types this build cannot run stay in the database but do not fire.
      if (!jobType(row.type)) continue;
      seen.add(row.id);
      const signature = `${row.cron}|${row.timezone}|${row.paramsJson}`;
      const current = timers.get(row.id);
      if (current?.signature === signature) continue;
      current?.job.cancel();
      const job = nodeSchedule.scheduleJob({ rule: row.cron, tz: row.timezone }, (fireDate: Date) => {
        fireSchedule(db, row, fireDate, clock)
          .then(({ created, jobId, waitingForSetup }) =>
            log.debug("schedule fired", { scheduleId: row.id, jobId, created, waitingForSetup }),
          )
          .catch((error) =>
            log.error("could not enqueue a scheduled job", { scheduleId: row.id, error: describeCause(error) }),
          );
      });
      if (job) timers.set(row.id, { signature, job });
      else log.warn("schedule has no future run", { scheduleId: row.id, cron: row.cron });
    }
    for (const [id, timer] of timers) {
      if (seen.has(id)) continue;
      timer.job.cancel();
      timers.delete(id);
    }
  };

  try {
    const added = await addMissingDefaultSchedules(db);
    if (added > 0) log.info("default schedules added for job types new to installed shops", { added });
  } catch (error) {
    // Not worth failing the start over: the next start tries again.
    log.error("could not add default schedules", { error: describeCause(error) });
  }
  await reload();
  const refresh = setInterval(() => {
    reload().catch((error) => log.error("could not reload schedules", { error: describeCause(error) }));
  }, options.refreshMs ?? 60_000);
  refresh.unref?.();

  return {
    reload,
    async stop() {
      clearInterval(refresh);
      for (const timer of timers.values()) timer.job.cancel();
      timers.clear();
    },
  };
}
