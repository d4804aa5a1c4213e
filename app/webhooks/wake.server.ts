// An in-process nudge from the webhook routes to the processor of the same process, so a recorded
// webhook is processed at once instead of at the next poll. Other processes find it by polling.
declare global {
  var __passerelleWebhookWakers: Set<() => void> | undefined;
}

const wakers = (globalThis.__passerelleWebhookWakers ??= new Set());
let lastIntakeAt = -Infinity;
let intakeInFlight = 0;

/** Around each delivery the route handles: processing gives way while any is in flight. */
export async function duringIntake<T>(handle: () => Promise<T>): Promise<T> {
  intakeInFlight++;
  lastIntakeAt = performance.now();
  try {
    return await handle();
  } finally {
    intakeInFlight--;
    lastIntakeAt = performance.now();
  }
}

/** Deliveries are being handled, or were within the last half second (their answers are still being written). */
const intakeBusy = () => intakeInFlight > 0 || performance.now() - lastIntakeAt < 500;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Lets the event loop take in what the network brought. On SQLite the driver answers at once, so a
 * chain of processing awaits never left the microtask queue: a burst's requests sat unread (not yet
 * "in flight") until a whole batch was processed. One turn of the loop lets them be seen first.
 */
const turnOfTheLoop = () => new Promise((resolve) => setImmediate(resolve));

/** While deliveries keep arriving, waits (up to `maxWaitMs`): answering Shopify comes first. */
export async function giveWayToIntake(maxWaitMs = 1_000): Promise<void> {
  await turnOfTheLoop();
  await waitWhileIntakeBusy(maxWaitMs);
}

/**
 * For the other background loops of a web process (jobs, event feed): their next claim waits while
 * deliveries are being taken (up to `maxWaitMs`), instead of running its queries on the event loop
 * that answers them. Resolves at once in a process that takes no webhooks (the worker process).
 */
export async function waitWhileIntakeBusy(maxWaitMs = 1_000): Promise<void> {
  const started = performance.now();
  while (intakeBusy() && performance.now() - started < maxWaitMs) await sleep(50);
}

/**
 * After a piece of processing that took `spentMs`: while deliveries keep arriving, rest three times
 * as long, so processing takes at most about a quarter of the process and a long flood still drains.
 */
export async function paceBehindIntake(spentMs: number): Promise<void> {
  await turnOfTheLoop();
  if (intakeBusy()) await sleep(Math.min(1_000, Math.max(20, 3 * spentMs)));
}

export function onWebhookRecorded(wake: () => void): () => void {
  wakers.add(wake);
  return () => wakers.delete(wake);
}

export function wakeWebhookProcessors(): void {
  for (const wake of wakers) wake();
}
