// GET /ping for monitors: is this instance able to do its work? The version it runs, whether the
// database answers, how far behind the job queue and the webhook processor are, and when each
// connected system last answered, summed over every shop. Counts and times only: no shop domain, no
// setting, no error text from a driver (a connection error can quote the database URL).
import { json } from "@remix-run/node";
import { version as packageVersion } from "../../package.json";
import { CONNECTORS } from "../connectors/registry.server";
import { db as appDb, type Db } from "../db.server";
import { oldestClaimableSince } from "../jobs/claim.server";
import { registeredJobTypes } from "../jobs/registry.server";
import { logger } from "../lib/logger.server";

/** How long the database gets to answer `SELECT 1`: a monitor must get an answer, never a hang. */
export const DATABASE_DEADLINE_MS = 2_000;
/** How long the backlog and connector reads get together, once the database has answered. */
export const READS_DEADLINE_MS = 3_000;
/**
 * A queued job due this long ago means no worker is taking jobs (stopped, stuck, or far too slow):
 * the busiest schedule (stock changes) fires every 2 minutes and a run is claimed within seconds, so
 * 15 minutes is well past any normal wait, retries included.
 */
export const JOB_BACKLOG_LIMIT_SECONDS = 15 * 60;
/**
 * A webhook received this long ago and still not processed means the processor is not running: it
 * handles a delivery within seconds, and its retries' backoff stays under this.
 */
export const WEBHOOK_BACKLOG_LIMIT_SECONDS = 15 * 60;

export type CheckName = "database" | "jobs" | "webhooks";

export interface Backlog {
  /** Items due now and not done yet. */
  due: number;
  /** How long the oldest of them has waited, in seconds; null when there is none. */
  oldestDueSeconds: number | null;
  limitSeconds: number;
}

export interface ConnectorHealth {
  id: string;
  name: string;
  /** Shops where this system is set up (every shop for a built-in one). */
  shopsSetUp: number;
  /** The last successful call: a succeeded sync that uses it, or a passed connection test. */
  lastSuccessAt: string | null;
}

export interface HealthReport {
  healthy: boolean;
  /** The checks that failed, with a sentence each; empty when healthy. */
  failing: { check: CheckName; message: string }[];
  version: { app: string; commit: string | null };
  checkedAt: string;
  database: { reachable: boolean; ms: number | null };
  jobs: Backlog | null;
  webhooks: Backlog | null;
  connectors: ConnectorHealth[] | null;
}

export interface HealthDeps {
  db: Db;
  now?: () => Date;
}

// Written by vite.config.ts at build time (git, or SOURCE_COMMIT); absent under tests and tsx.
declare const __PASSERELLE_COMMIT__: string | null | undefined;

/** The version this process runs, known when it was built: nothing is run per request. */
export function appVersion(): { app: string; commit: string | null } {
  const commit = typeof __PASSERELLE_COMMIT__ === "string" ? __PASSERELLE_COMMIT__ : null;
  return { app: packageVersion, commit };
}

class DeadlinePassed extends Error {}

/** The promise's value, or DeadlinePassed after `ms`; the work left running cannot fail the process. */
function withDeadline<T>(work: Promise<T>, ms: number): Promise<T> {
  work.catch(() => undefined);
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new DeadlinePassed()), ms);
  });
  return Promise.race([work, deadline]).finally(() => clearTimeout(timer));
}

export async function checkHealth(deps: HealthDeps = { db: appDb }): Promise<HealthReport> {
  const now = (deps.now ?? (() => new Date()))();
  const report: HealthReport = {
    healthy: true,
    failing: [],
    version: appVersion(),
    checkedAt: now.toISOString(),
    database: { reachable: false, ms: null },
    jobs: null,
    webhooks: null,
    connectors: null,
  };
  const fail = (check: CheckName, message: string) => {
    report.healthy = false;
    report.failing.push({ check, message });
  };

  const started = performance.now();
  try {
    await withDeadline(deps.db.$queryRawUnsafe("SELECT 1"), DATABASE_DEADLINE_MS);
    report.database = { reachable: true, ms: Math.round(performance.now() - started) };
  } catch (error) {
    const late = error instanceof DeadlinePassed;
    logger.warn("health check: database not reachable", { late, error: late ? undefined : String(error) });
    fail(
      "database",
      late
        ? `The database did not answer within ${DATABASE_DEADLINE_MS / 1000} s.`
        : "The database could not be reached.",
    );
    // Nothing else can be read without it.
    return report;
  }

  try {
    const [jobs, webhooks, connectors] = await withDeadline(
      Promise.all([jobBacklog(deps.db, now), webhookBacklog(deps.db, now), connectorHealth(deps.db)]),
      READS_DEADLINE_MS,
    );
    Object.assign(report, { jobs, webhooks, connectors });
  } catch (error) {
    const late = error instanceof DeadlinePassed;
    logger.warn("health check: backlog not readable", { late, error: late ? undefined : String(error) });
    fail(
      "database",
      late
        ? `The database answered, but the queues could not be read within ${READS_DEADLINE_MS / 1000} s.`
        : "The database answered, but the queues could not be read.",
    );
    return report;
  }

  if ((report.jobs!.oldestDueSeconds ?? 0) > JOB_BACKLOG_LIMIT_SECONDS)
    fail(
      "jobs",
      `The oldest queued job has been due for ${minutes(report.jobs!.oldestDueSeconds!)}: no worker is taking jobs.`,
    );
  if ((report.webhooks!.oldestDueSeconds ?? 0) > WEBHOOK_BACKLOG_LIMIT_SECONDS)
    fail(
      "webhooks",
      `The oldest unprocessed webhook has waited ${minutes(report.webhooks!.oldestDueSeconds!)}: the processor is not keeping up.`,
    );
  return report;
}

const minutes = (seconds: number) => `${Math.floor(seconds / 60)} min`;
const secondsSince = (now: Date, then: Date | null | undefined) =>
  then ? Math.max(0, Math.round((now.getTime() - then.getTime()) / 1000)) : null;

async function jobBacklog(db: Db, now: Date): Promise<Backlog> {
  const [due, oldest] = await Promise.all([
    db.job.count({ where: { status: "queued", runAfter: { lte: now } } }),
    // The types this build's workers claim; a job waiting behind a run of its own shop, type and key
    // counts in `due` but its wait is no sign of a stopped worker.
    oldestClaimableSince(
      db,
      now,
      registeredJobTypes().map((t) => t.type),
    ),
  ]);
  return { due, oldestDueSeconds: secondsSince(now, oldest), limitSeconds: JOB_BACKLOG_LIMIT_SECONDS };
}

/**
 * Deliveries not processed yet: waiting (received) or in a processor's hands. The wait counts from
 * when a delivery became due, as the processor sees it: a retry's backoff is no wait, and one whose
 * processor died waits from its lease's end.
 */
async function webhookBacklog(db: Db, now: Date): Promise<Backlog> {
  const [waiting, orphaned, processing] = await Promise.all([
    db.webhookDelivery.aggregate({
      where: { status: "received", runAfter: { lte: now } },
      _count: { _all: true },
      _min: { runAfter: true },
    }),
    db.webhookDelivery.aggregate({
      where: { status: "processing", leaseExpiresAt: { lt: now } },
      _min: { leaseExpiresAt: true },
    }),
    db.webhookDelivery.count({ where: { status: "processing" } }),
  ]);
  const since = [waiting._min.runAfter, orphaned._min.leaseExpiresAt].filter((d): d is Date => !!d);
  const oldest = since.length ? new Date(Math.min(...since.map((d) => d.getTime()))) : null;
  return {
    due: waiting._count._all + processing,
    oldestDueSeconds: secondsSince(now, oldest),
    limitSeconds: WEBHOOK_BACKLOG_LIMIT_SECONDS,
  };
}

/**
 * The app keeps no log of each outbound call, so a system's last success is the later of: the last
 * succeeded run of a sync needing a part the system plays, in a shop where it is set up (a built-in
 * one: in any shop), and its last passed connection test.
 */
async function connectorHealth(db: Db): Promise<ConnectorHealth[]> {
  const types = registeredJobTypes();
  return Promise.all(
    CONNECTORS.map(async (connector): Promise<ConnectorHealth> => {
      const offered = new Set(Object.keys(connector.capabilities));
      const usedBy = types.filter((t) => t.needs?.some((c) => offered.has(c))).map((t) => t.type);
      const shops = connector.builtIn
        ? null
        : (
            await db.connectorSetting.findMany({
              where: {
                connector: connector.id,
                enabled: true,
                ...(connector.secrets.length > 0 ? { secretsCiphertext: { not: null } } : {}),
              },
              select: { shop: true },
            })
          ).map((row) => row.shop);
      const [shopsSetUp, lastRun, lastTest] = await Promise.all([
        shops ? shops.length : db.shop.count({ where: { uninstalledAt: null } }),
        usedBy.length === 0 || shops?.length === 0
          ? null
          : db.job.findFirst({
              where: { status: "succeeded", type: { in: usedBy }, ...(shops ? { shop: { in: shops } } : {}) },
              orderBy: { finishedAt: "desc" },
              select: { finishedAt: true },
            }),
        db.connectorSetting.aggregate({
          where: { connector: connector.id, lastCheckOk: true },
          _max: { lastCheckAt: true },
        }),
      ]);
      const times = [lastRun?.finishedAt, lastTest._max.lastCheckAt].filter((t): t is Date => !!t);
      const last = times.length ? new Date(Math.max(...times.map((t) => t.getTime()))) : null;
      return { id: connector.id, name: connector.name, shopsSetUp, lastSuccessAt: last?.toISOString() ?? null };
    }),
  );
}

/** The answer monitors read: 200 when healthy, 503 otherwise, never cached. */
export function healthResponse(report: HealthReport): Response {
  return json(report, { status: report.healthy ? 200 : 503, headers: { "Cache-Control": "no-store" } });
}
