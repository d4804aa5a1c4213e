// Delivers the outbox: claims due deliveries with a lease (as the job engine and the webhook processor
// do: a claim by a process that died is taken again when its lease runs out, at once after a restart on
// the same host), POSTs each through the event destination and records the attempt. Per resource
// order: a delivery is only claimed while it is the earliest unfinished one of its resource for its
// endpoint, so a later update waits for the earlier one's success or dead-letter. Paused and disabled
// endpoints keep their deliveries pending.
import { randomBytes } from "node:crypto";
import os from "node:os";
import { alertDeadDelivery } from "../alerts/listeners.server";
import type { ShopEvent } from "../capabilities/event-destination";
import { eventDestinationFor } from "../connectors/registry.server";
import type { Prisma } from "@prisma/client";
import type { Db } from "../db.server";
import { env } from "../env.server";
import { isTransientDatabaseError } from "../db/errors";
import { textOf } from "../i18n/stored-words";
import { errorMessage } from "../lib/errors";
import { type Logger, logger as rootLogger } from "../lib/logger.server";
import { sleep } from "../lib/time";
import { waitWhileIntakeBusy } from "../webhooks/wake.server";
import { onFeedDoorbell } from "./doorbell.server";
import { endpointTarget } from "./endpoints.server";
import { AUTO_PAUSE_REASON } from "./feed.server";

export interface FeedDelivererOptions {
  db: Db;
  owner?: string;
  /** A claim holds this long (well over batch × timeout / concurrency). */
  leaseMs?: number;
  pollMs?: number;
  batchSize?: number;
  /** Deliveries in flight at once. */
  concurrency?: number;
  /** Per attempt (the whole exchange). */
  timeoutMs?: number;
  /** First retry after about this long, doubling each attempt… */
  baseDelayMs?: number;
  /** …up to this (both ±50% jitter). */
  capDelayMs?: number;
  /** Retried this long after the first attempt, then dead-lettered. */
  retryWindowMs?: number;
  /** An endpoint failing this long without a success is paused. */
  autoPauseMs?: number;
  now?: () => Date;
  random?: () => number;
  logger?: Logger;
}

type Settings = Required<FeedDelivererOptions>;

const HOST = `${os.hostname()}:`;

function settingsFrom(options: FeedDelivererOptions): Settings {
  return {
    db: options.db,
    owner: options.owner ?? `${HOST}${process.pid}:${randomBytes(3).toString("hex")}`,
    leaseMs: options.leaseMs ?? 2 * 60_000,
    pollMs: options.pollMs ?? 1_000,
    batchSize: options.batchSize ?? 32,
    concurrency: options.concurrency ?? 8,
    timeoutMs: options.timeoutMs ?? 10_000,
    baseDelayMs: options.baseDelayMs ?? 30_000,
    capDelayMs: options.capDelayMs ?? 60 * 60_000,
    retryWindowMs: options.retryWindowMs ?? env().EVENT_FEED_RETRY_HOURS * 3_600_000,
    autoPauseMs: options.autoPauseMs ?? env().EVENT_FEED_AUTO_PAUSE_HOURS * 3_600_000,
    now: options.now ?? (() => new Date()),
    random: options.random ?? Math.random,
    logger: options.logger ?? rootLogger.child({ component: "event-feed" }),
  };
}

/** The delay before attempt `attempts + 1`: exponential, capped, with jitter in [50%, 100%]. */
export function retryDelay(attempts: number, s: Pick<Settings, "baseDelayMs" | "capDelayMs" | "random">): number {
  const full = Math.min(s.capDelayMs, s.baseDelayMs * 2 ** Math.max(0, attempts - 1));
  return Math.round(full * (0.5 + 0.5 * s.random()));
}

export interface FeedDeliverer {
  readonly owner: string;
  stop(): Promise<void>;
}

/** The background loop (app/jobs/runtime.server.ts starts it in every app process). */
export function startFeedDeliverer(options: FeedDelivererOptions): FeedDeliverer {
  const s = settingsFrom(options);
  let stopping = false;
  let nudged = false;
  let wake: (() => void) | null = null;
  const stopListening = onFeedDoorbell(() => {
    nudged = true;
    wake?.();
  });
  const nap = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, ms);
      wake = () => {
        clearTimeout(timer);
        resolve();
      };
    }).finally(() => (wake = null));
  const loop = (async () => {
    await releaseClaimsOfDeadProcesses(s).catch((error: unknown) =>
      s.logger.warn("could not look for feed claims left by stopped processes", { error: errorMessage(error) }),
    );
    while (!stopping) {
      nudged = false;
      let claimed = 0;
      try {
        // A webhook burst in this process is answered first: the claim waits for its end (≤ 1 s).
        await waitWhileIntakeBusy();
        claimed = await deliverBatch(s);
      } catch (error) {
        s.logger.error("could not take feed deliveries", { error: errorMessage(error) });
      }
      if (claimed === 0 && !nudged && !stopping) await nap(s.pollMs);
    }
  })();
  return {
    owner: s.owner,
    async stop() {
      stopping = true;
      stopListening();
      wake?.();
      await loop;
    },
  };
}

/** Attempts every delivery due now, once each, until none is (tests, scripts). Returns how many. */
export async function deliverDueEvents(options: FeedDelivererOptions): Promise<number> {
  const s = settingsFrom(options);
  let total = 0;
  for (;;) {
    const claimed = await deliverBatch(s);
    total += claimed;
    if (claimed === 0) return total;
  }
}

async function releaseClaimsOfDeadProcesses(s: Settings): Promise<void> {
  const owners = await s.db.feedDelivery.findMany({
    where: { status: "delivering", leaseOwner: { startsWith: HOST } },
    distinct: ["leaseOwner"],
    select: { leaseOwner: true },
  });
  const dead = owners
    .map((row) => row.leaseOwner!)
    .filter((owner) => {
      const pid = Number(owner.slice(HOST.length).split(":")[0]);
      return Number.isInteger(pid) && pid > 0 && pid !== process.pid && !isRunning(pid);
    });
  if (dead.length === 0) return;
  await s.db.feedDelivery.updateMany({
    where: { status: "delivering", leaseOwner: { in: dead } },
    data: { leaseExpiresAt: s.now() },
  });
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

function claimable(now: Date) {
  return {
    OR: [
      { status: "pending", nextAttemptAt: { lte: now } },
      { status: "delivering", leaseExpiresAt: { lt: now } },
    ],
    endpoint: { status: "enabled" },
  };
}

const ORDER = [{ occurredAt: "asc" as const }, { createdAt: "asc" as const }, { id: "asc" as const }];

/** Claims due deliveries that are first in line for their endpoint and resource. */
export async function claimDueDeliveries(db: Db, input: { owner: string; now: Date; leaseMs: number; limit: number }) {
  const due = await db.feedDelivery.findMany({
    where: claimable(input.now),
    orderBy: ORDER,
    take: input.limit * 4,
    select: { id: true, endpointId: true, resourceKey: true },
  });
  if (due.length === 0) return [];
  // The earliest unfinished delivery of each (endpoint, resource) among those due: only it may go.
  const open = await db.feedDelivery.findMany({
    where: {
      status: { in: ["pending", "delivering"] },
      endpointId: { in: [...new Set(due.map((d) => d.endpointId))] },
      resourceKey: { in: [...new Set(due.map((d) => d.resourceKey))] },
    },
    orderBy: ORDER,
    select: { id: true, endpointId: true, resourceKey: true },
  });
  const heads = new Set<string>();
  const seen = new Set<string>();
  for (const row of open) {
    const key = `${row.endpointId}\u0000${row.resourceKey}`;
    if (seen.has(key)) continue;
    seen.add(key);
    heads.add(row.id);
  }
  const eligible = due.filter((d) => heads.has(d.id)).slice(0, input.limit);
  if (eligible.length === 0) return [];
  const lease = `${input.owner}/${randomBytes(4).toString("hex")}`;
  await db.feedDelivery.updateMany({
    where: { id: { in: eligible.map((d) => d.id) }, ...claimable(input.now) },
    data: {
      status: "delivering",
      leaseOwner: lease,
      leaseExpiresAt: new Date(input.now.getTime() + input.leaseMs),
      attempts: { increment: 1 },
    },
  });
  return db.feedDelivery.findMany({
    where: { leaseOwner: lease, status: "delivering" },
    orderBy: ORDER,
    include: { event: true, endpoint: true },
  });
}

type Claimed = Awaited<ReturnType<typeof claimDueDeliveries>>[number];

type Write = Prisma.PrismaPromise<unknown>;
/** Builds an outcome's writes; called again for each try (a Prisma promise runs once). */
type Writes = () => Write[];
interface Pending {
  writes: Writes;
  done: (error: unknown, results?: unknown[]) => void;
}
const recorders = new WeakMap<Db, { pending: Pending[]; writing: boolean }>();

/** Pauses between tries of a group the database could not take: short, doubling to 1 s, jittered. */
export function recordRetryPauseMs(tries: number, random: () => number = Math.random): number {
  return Math.round(Math.min(1_000, 50 * 2 ** Math.max(0, tries - 1)) * (0.5 + 0.5 * random()));
}

/**
 * Records a delivery's outcome (its attempt, its new state, the endpoint's health) in one transaction, as
 * one group with the outcomes of the other lanes: what arrives while a write is in flight goes in the
 * next one. Under load that is one commit for many deliveries instead of one each, and fewer moments
 * holding SQLite's one write lock (the intake's inserts wait for it, and Shopify waits for those);
 * a lone delivery is written at once.
 *
 * The endpoint has already answered when this runs (for a 2xx, it has the event): a group the database
 * cannot take right now (busy or locked, a write conflict, a lost connection) is built and tried again
 * on timers, with short pauses, until it is written or the process dies. Giving up would leave the
 * delivery claimed, and once its lease ran out it would be sent again: a duplicate for the ERP caused
 * by a busy database. A group that fails otherwise fails each of its deliveries, whose leases then run
 * out and are taken again, as when a single write failed.
 */
function record(s: Settings, writes: Writes): Promise<unknown[]> {
  let recorder = recorders.get(s.db);
  if (!recorder) recorders.set(s.db, (recorder = { pending: [], writing: false }));
  const state = recorder;
  return new Promise<unknown[]>((resolve, reject) => {
    state.pending.push({ writes, done: (error, results) => (error ? reject(error) : resolve(results ?? [])) });
    if (state.writing) return;
    state.writing = true;
    void (async () => {
      while (state.pending.length > 0) {
        const group = state.pending.splice(0, 64);
        for (let tries = 1; ; tries++) {
          try {
            const built = group.map((p) => p.writes());
            const results: unknown[] = await s.db.$transaction(built.flat());
            let from = 0;
            group.forEach((p, i) => p.done(null, results.slice(from, (from += built[i]!.length))));
            if (tries > 1) s.logger.info("feed outcomes recorded after the database was busy", { tries });
            break;
          } catch (error) {
            if (isTransientDatabaseError(error)) {
              // Once, then every 20 tries: a database busy for minutes does not flood the log.
              if (tries % 20 === 1)
                s.logger.warn("could not record feed outcomes yet; trying again", {
                  deliveries: group.length,
                  tries,
                  error: errorMessage(error),
                });
              await sleep(recordRetryPauseMs(tries));
              continue;
            }
            for (const p of group) p.done(error ?? new Error("the group could not be recorded"));
            break;
          }
        }
      }
      state.writing = false;
    })();
  });
}

async function deliverBatch(s: Settings): Promise<number> {
  const batch = await claimDueDeliveries(s.db, {
    owner: s.owner,
    now: s.now(),
    leaseMs: s.leaseMs,
    limit: s.batchSize,
  });
  let next = 0;
  const lane = async () => {
    while (next < batch.length) {
      const delivery = batch[next++]!;
      await deliverOne(s, delivery).catch((error: unknown) =>
        // The lease runs out and the delivery is taken again: nothing is lost.
        s.logger.error("could not record a feed delivery", { id: delivery.id, error: errorMessage(error) }),
      );
    }
  };
  await Promise.all(Array.from({ length: Math.min(s.concurrency, batch.length) }, lane));
  return batch.length;
}

export function shopEventOf(event: Claimed["event"]): ShopEvent {
  return {
    id: event.id,
    topic: event.topic,
    shop: event.shop,
    apiVersion: event.apiVersion,
    occurredAt: event.occurredAt,
    resourceKey: event.resourceKey,
    body: Buffer.from(event.body, "utf8"),
  };
}

async function deliverOne(s: Settings, delivery: Claimed): Promise<void> {
  const at = s.now();
  const target = {
    ...endpointTarget(delivery.endpoint, at),
    timeoutMs: s.timeoutMs,
    source: delivery.event.source,
    now: s.now,
  };
  const destination = await eventDestinationFor({ shop: delivery.shop, db: s.db }, target);
  const result = await destination.port.deliver(shopEventOf(delivery.event));
  const now = s.now();
  const fence = { id: delivery.id, leaseOwner: delivery.leaseOwner, status: "delivering" };
  const released = { leaseOwner: null, leaseExpiresAt: null };
  const firstAttemptAt = delivery.firstAttemptAt ?? at;
  const status = "status" in result ? (result.status ?? null) : null;
  const error =
    result.outcome === "retry"
      ? textOf(result.reason)
      : result.outcome === "gone"
        ? "The endpoint answered 410 Gone."
        : null;
  const attempt = () =>
    s.db.feedAttempt.create({
      data: {
        deliveryId: delivery.id,
        at,
        httpStatus: status,
        ms: Math.round(result.ms),
        outcome: result.outcome,
        error,
        answer: result.answer ?? null,
      },
    });
  const endpointId = delivery.endpointId;
  if (result.outcome === "delivered") {
    await record(s, () => [
      attempt(),
      s.db.feedDelivery.updateMany({
        where: fence,
        data: {
          status: "delivered",
          finishedAt: now,
          firstAttemptAt,
          lastStatus: status,
          lastError: null,
          ...released,
        },
      }),
      s.db.feedEndpoint.updateMany({
        where: { id: endpointId, failingSince: { not: null } },
        data: { failingSince: null },
      }),
    ]);
    return;
  }
  if (result.outcome === "gone") {
    s.logger.warn("an event feed endpoint answered 410: disabled", { shop: delivery.shop, endpointId });
    await record(s, () => [
      attempt(),
      // Waits for the merchant to enable the endpoint again; not an attempt lost.
      s.db.feedDelivery.updateMany({
        where: fence,
        data: {
          status: "pending",
          nextAttemptAt: now,
          firstAttemptAt,
          lastStatus: status,
          lastError: error,
          ...released,
        },
      }),
      s.db.feedEndpoint.updateMany({
        where: { id: endpointId, status: { not: "disabled" } },
        data: {
          status: "disabled",
          statusReason: `The endpoint answered 410 Gone on ${now.toISOString()}: it said it no longer wants events. Sending stopped; events wait until you enable it again.`,
        },
      }),
    ]);
    return;
  }
  const dead = now.getTime() - firstAttemptAt.getTime() >= s.retryWindowMs;
  const pauseBefore = new Date(now.getTime() - s.autoPauseMs);
  const [, marked] = (await record(s, () => [
    attempt(),
    s.db.feedDelivery.updateMany({
      where: fence,
      data: dead
        ? { status: "dead", finishedAt: now, firstAttemptAt, lastStatus: status, lastError: error, ...released }
        : {
            status: "pending",
            nextAttemptAt: new Date(now.getTime() + retryDelay(delivery.attempts, s)),
            firstAttemptAt,
            lastStatus: status,
            lastError: error,
            ...released,
          },
    }),
    s.db.feedEndpoint.updateMany({ where: { id: endpointId, failingSince: null }, data: { failingSince: at } }),
    s.db.feedEndpoint.updateMany({
      where: { id: endpointId, status: "enabled", failingSince: { lte: pauseBefore } },
      data: {
        status: "paused",
        statusReason: `${AUTO_PAUSE_REASON} on ${now.toISOString()}: no delivery succeeded for ${Math.round(s.autoPauseMs / 3_600_000)} hours. Nothing is dropped; resume it once the ERP answers again.`,
      },
    }),
  ])) as [unknown, Prisma.BatchPayload];
  // Given up: the merchant hears of it (Alerts), once — only the worker whose write landed reports it.
  if (dead && marked.count === 1)
    await alertDeadDelivery(
      s.db,
      {
        id: delivery.id,
        shop: delivery.shop,
        endpointId,
        endpointName: delivery.endpoint.name,
        topic: delivery.event.topic,
        error,
      },
      now,
    ).catch((e: unknown) => s.logger.warn("dead-letter alert not recorded", { shop: delivery.shop, error: String(e) }));
}
