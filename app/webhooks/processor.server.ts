// The webhook processor: takes recorded deliveries (WebhookDelivery is the queue), runs the topic's
// use-case, marks them processed. Claims carry a lease, renewed while the batch runs; a delivery
// whose lease ran out (its process died mid-way) is claimed again, which is the sweep that recovers
// interrupted work. A failed attempt is retried with backoff; one that cannot succeed, or that kept
// failing, ends `failed` with a reason the merchant reads on the Logs page.
import { randomBytes } from "node:crypto";
import os from "node:os";
import { alertFailedWebhook } from "../alerts/listeners.server";
import type { Db } from "../db.server";
import { type Message, said, textOf, wordsJson } from "../i18n/stored-words";
import { AppError, errorMessage, merchantMessageOf } from "../lib/errors";
import { type Logger, logger as rootLogger } from "../lib/logger.server";
import { backoffDelay } from "../lib/time";
import { WEBHOOK_USE_CASES } from "./handlers.server";
import { isWebhookTopic } from "./topics";
import { giveWayToIntake, onWebhookRecorded, paceBehindIntake } from "./wake.server";

export interface WebhookProcessorOptions {
  db: Db;
  /** Shows in WebhookDelivery.leaseOwner; unique per processor. */
  owner?: string;
  /** How long a claim holds without renewal; after that another processor takes the delivery over. */
  leaseMs?: number;
  /** Wait between looks at the queue when it is empty (a webhook recorded in this process wakes it). */
  pollMs?: number;
  batchSize?: number;
  /** Deliveries processed at the same time. */
  concurrency?: number;
  /** Attempts before a delivery is left `failed` (a new delivery of it by Shopify gives it another). */
  maxAttempts?: number;
  baseDelayMs?: number;
  capDelayMs?: number;
  now?: () => Date;
  logger?: Logger;
}

/** `yieldToIntake`: pace processing behind deliveries arriving in this process (the running processor). */
type Settings = Required<WebhookProcessorOptions> & { yieldToIntake: boolean };

export interface WebhookProcessor {
  readonly owner: string;
  /** Stops claiming and waits for the batch in hand. */
  stop(): Promise<void>;
}

function settingsFrom(options: WebhookProcessorOptions): Settings {
  return {
    db: options.db,
    owner: options.owner ?? `${HOST}${process.pid}:${randomBytes(3).toString("hex")}`,
    leaseMs: options.leaseMs ?? 2 * 60_000,
    pollMs: options.pollMs ?? 2_000,
    batchSize: options.batchSize ?? 20,
    concurrency: options.concurrency ?? 4,
    maxAttempts: options.maxAttempts ?? 8,
    baseDelayMs: options.baseDelayMs ?? 15_000,
    capDelayMs: options.capDelayMs ?? 30 * 60_000,
    now: options.now ?? (() => new Date()),
    logger: options.logger ?? rootLogger.child({ component: "webhooks.processor" }),
    yieldToIntake: false,
  };
}

export function startWebhookProcessor(options: WebhookProcessorOptions): WebhookProcessor {
  const s = { ...settingsFrom(options), yieldToIntake: true };
  let stopping = false;
  let nudged = false;
  let wake: (() => void) | null = null;
  const stopListening = onWebhookRecorded(() => {
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
      s.logger.warn("could not look for claims left by stopped processes", { error: errorMessage(error) }),
    );
    while (!stopping) {
      nudged = false;
      let claimed = 0;
      try {
        claimed = await processBatch(s);
      } catch (error) {
        s.logger.error("could not take webhooks to process", { error: errorMessage(error) });
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

const HOST = `${os.hostname()}:`;

/**
 * After a crash and restart on the same machine: claims held by a process of this host that no
 * longer exists are due at once, instead of when their lease runs out. (Another host's claims, or a
 * reused process id, just wait for the lease.)
 */
async function releaseClaimsOfDeadProcesses(s: Settings): Promise<void> {
  const owners = await s.db.webhookDelivery.findMany({
    where: { status: "processing", leaseOwner: { startsWith: HOST } },
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
  const { count } = await s.db.webhookDelivery.updateMany({
    where: { status: "processing", leaseOwner: { in: dead } },
    data: { leaseExpiresAt: s.now() },
  });
  s.logger.info("took back webhooks a stopped process was processing", { count });
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** Processes due deliveries in this call until none is left (tests, scripts). Returns how many it took. */
export async function processDueWebhooks(options: WebhookProcessorOptions & { limit?: number }): Promise<number> {
  const s = settingsFrom(options);
  let total = 0;
  for (;;) {
    const claimed = await processBatch(s);
    total += claimed;
    if (claimed === 0 || total >= (options.limit ?? Infinity)) return total;
  }
}

type Claimed = Awaited<ReturnType<typeof claimDueWebhooks>>[number];

/** Due: received and not waiting for a retry, or claimed by a processor whose lease ran out. */
function claimable(now: Date) {
  return {
    OR: [
      { status: "received", runAfter: { lte: now } },
      { status: "processing", leaseExpiresAt: { lt: now } },
    ],
  };
}

/**
 * Takes up to `limit` due deliveries for this processor. The UPDATE repeats the "due" condition, so
 * of two processors reaching for one row, the second finds it no longer due (PostgreSQL re-checks
 * the row after the first commits; SQLite runs writers one at a time).
 */
export async function claimDueWebhooks(db: Db, input: { owner: string; now: Date; leaseMs: number; limit: number }) {
  const candidates = await db.webhookDelivery.findMany({
    where: claimable(input.now),
    orderBy: { receivedAt: "asc" },
    take: input.limit,
    select: { webhookId: true },
  });
  if (candidates.length === 0) return [];
  const lease = `${input.owner}/${randomBytes(4).toString("hex")}`;
  await db.webhookDelivery.updateMany({
    where: { webhookId: { in: candidates.map((c) => c.webhookId) }, ...claimable(input.now) },
    data: {
      status: "processing",
      leaseOwner: lease,
      leaseExpiresAt: new Date(input.now.getTime() + input.leaseMs),
      attempts: { increment: 1 },
    },
  });
  return db.webhookDelivery.findMany({
    where: { leaseOwner: lease, status: "processing" },
    orderBy: { receivedAt: "asc" },
  });
}

async function processBatch(s: Settings): Promise<number> {
  if (s.yieldToIntake) await giveWayToIntake();
  const batch = await claimDueWebhooks(s.db, {
    owner: s.owner,
    now: s.now(),
    leaseMs: s.leaseMs,
    limit: s.batchSize,
  });
  if (batch.length === 0) return 0;
  const lease = batch[0]!.leaseOwner!;
  let renewing: Promise<unknown> = Promise.resolve();
  const renewal = setInterval(
    () => {
      renewing = renewing
        .then(() =>
          s.db.webhookDelivery.updateMany({
            where: { leaseOwner: lease, status: "processing" },
            data: { leaseExpiresAt: new Date(s.now().getTime() + s.leaseMs) },
          }),
        )
        .catch((error) => s.logger.warn("could not renew the webhook lease", { error: errorMessage(error) }));
    },
    Math.max(50, Math.floor(s.leaseMs / 3)),
  );
  try {
    // While deliveries arrive, one lane works at a measured pace and the others wait (answers first).
    let next = 0;
    const lane = async (index: number) => {
      while (next < batch.length) {
        if (index > 0 && s.yieldToIntake) await giveWayToIntake();
        const delivery = batch[next++];
        if (!delivery) return;
        const started = performance.now();
        await processOne(s, delivery);
        if (index === 0 && s.yieldToIntake) await paceBehindIntake(performance.now() - started);
      }
    };
    await Promise.all(Array.from({ length: Math.min(s.concurrency, batch.length) }, (_, index) => lane(index)));
  } finally {
    clearInterval(renewal);
    await renewing;
  }
  return batch.length;
}

async function processOne(s: Settings, delivery: Claimed): Promise<void> {
  // Every write is fenced on our lease: if it ran out and another processor took over, we write nothing.
  const fence = { webhookId: delivery.webhookId, leaseOwner: delivery.leaseOwner, status: "processing" };
  const released = { leaseOwner: null, leaseExpiresAt: null };
  try {
    if (!isWebhookTopic(delivery.topic))
      throw new UnhandledTopicError(said("webhooks.unhandledTopic", { topic: delivery.topic }));
    const payload = JSON.parse(delivery.payloadJson) as Record<string, unknown>;
    await WEBHOOK_USE_CASES[delivery.topic]({
      shop: delivery.shop,
      topic: delivery.topic,
      webhookId: delivery.webhookId,
      payload,
      body: delivery.payloadJson,
      triggeredAt: delivery.triggeredAt,
    });
    // updateMany: shop/redact erases the shop's deliveries, this one included.
    await s.db.webhookDelivery.updateMany({
      where: fence,
      data: { status: "processed", processedAt: s.now(), error: null, errorWords: null, ...released },
    });
  } catch (error) {
    const retry = (!(error instanceof AppError) || error.transient) && delivery.attempts < s.maxAttempts;
    // Stored with its words, so the Logs screen says it in the admin's language (app/i18n/stored-words.ts).
    const reason = merchantMessageOf(error) ?? said("app.couldNotProcess");
    s.logger.error("webhook processing failed", {
      shop: delivery.shop,
      topic: delivery.topic,
      webhookId: delivery.webhookId,
      attempt: delivery.attempts,
      willRetry: retry,
      error: errorMessage(error),
    });
    const runAfter = new Date(s.now().getTime() + backoffDelay(delivery.attempts - 1, s.baseDelayMs, s.capDelayMs));
    const marked = await s.db.webhookDelivery
      .updateMany({
        where: fence,
        data: retry
          ? { status: "received", runAfter, ...storedError(tryingAgain(reason, delivery.attempts + 1)), ...released }
          : { status: "failed", ...storedError(reason), ...released },
      })
      .catch((writeError) => {
        // The lease runs out and the delivery is taken again: nothing is lost.
        s.logger.error("could not record a webhook failure", {
          webhookId: delivery.webhookId,
          error: errorMessage(writeError),
        });
        return { count: 0 };
      });
    // Given up: the merchant hears of it (Alerts), once — only the processor whose write landed reports it.
    if (!retry && marked.count === 1)
      await alertFailedWebhook(
        s.db,
        {
          webhookId: delivery.webhookId,
          shop: delivery.shop,
          topic: delivery.topic,
          attempts: delivery.attempts,
          error: merchantMessageOf(error),
        },
        s.now(),
      ).catch((alertError: unknown) =>
        s.logger.warn("failed-webhook alert not recorded", {
          shop: delivery.shop,
          webhookId: delivery.webhookId,
          error: errorMessage(alertError),
        }),
      );
  }
}

function tryingAgain(reason: Message, attempt: number): Message {
  return said("webhooks.tryingAgain", { reason, attempt });
}

function storedError(message: Message): { error: string; errorWords: string | null } {
  return { error: textOf(message), errorWords: wordsJson(message) };
}

class UnhandledTopicError extends AppError {
  readonly transient = false;
}
