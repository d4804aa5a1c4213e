// How fast and how side by side the worker takes jobs, against the real test database (SQLite, or
// PostgreSQL with TEST_DATABASE=postgresql): an enqueue wakes an idle worker (the poll interval is a
// minute, so only the wake-up can explain a prompt run), a run ending lets the next job of its shop go
// at once, jobs of one shop with different concurrency keys overlap and two of one key never do.
import { afterEach, describe, expect, it } from "vitest";
import { db } from "../../app/db.server";
import { claimJobs } from "../../app/jobs/claim.server";
import { enqueue } from "../../app/jobs/queue.server";
import { registerJobType } from "../../app/jobs/registry.server";
import { startWorker, type Worker } from "../../app/jobs/worker.server";
import { sleep } from "../../app/lib/time";
import { uniqueShop } from "../support/shops";

const runs = new Map<string, { key: string; start: number; end: number }>();

for (const [type, concurrency] of [
  ["test.cc-keyed", { key: (p: { key: string }) => p.key }],
  ["test.cc-shop", "shop"],
] as const) {
  registerJobType<{ key: string; ms: number }>({
    type,
    title: `Concurrency ${type}`,
    description: "Records when it runs.",
    retry: { maxAttempts: 1, baseDelayMs: 10 },
    concurrency,
    handler: async (ctx) => {
      const start = Date.now();
      await sleep(ctx.params.ms);
      runs.set(ctx.jobId, { key: ctx.params.key, start, end: Date.now() });
    },
  });
}

const MINUTE = 60_000;
let worker: Worker | null = null;
afterEach(async () => {
  await worker?.stop();
  worker = null;
});

async function allDone(ids: string[], timeoutMs = 8_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    const done = await db.job.count({ where: { id: { in: ids }, status: "succeeded" } });
    if (done === ids.length) return;
    await sleep(20);
  }
  const rows = await db.job.findMany({ where: { id: { in: ids } }, select: { id: true, status: true } });
  throw new Error(`not all jobs ran in time: ${JSON.stringify(rows)}`);
}

const overlap = (a: { start: number; end: number }, b: { start: number; end: number }) =>
  a.start < b.end && b.start < a.end;

describe("worker wake-ups and concurrency keys", () => {
  it("runs a job enqueued in this process at once, although its next poll is a minute away", async () => {
    const shop = uniqueShop();
    const job = (key: string) =>
      enqueue(db, { shop, type: "test.cc-shop", trigger: "api", params: { key, ms: 1 } }).then((r) => r.job.id);
    worker = startWorker({ db, types: ["test.cc-shop"], pollMs: MINUTE });
    // A first run makes sure the worker has looked at the queue, found it empty and now waits.
    await allDone([await job("first")]);
    await sleep(100);
    await allDone([await job("second")]);
  });

  it("takes the next job of a shop as soon as the running one ends, without waiting for a poll", async () => {
    const shop = uniqueShop();
    const ids: string[] = [];
    for (let i = 0; i < 3; i++)
      ids.push(
        (await enqueue(db, { shop, type: "test.cc-shop", trigger: "api", params: { key: "x", ms: 100 } })).job.id,
      );
    worker = startWorker({ db, types: ["test.cc-shop"], pollMs: MINUTE, concurrency: 2 });
    await allDone(ids);
    const [a, b, c] = ids.map((id) => runs.get(id)!);
    // One per shop at a time for a type without a key.
    expect(overlap(a!, b!) || overlap(b!, c!) || overlap(a!, c!)).toBe(false);
  });

  it("runs jobs of one shop with different keys side by side, never two of one key", async () => {
    const shop = uniqueShop();
    const add = async (key: string) =>
      (await enqueue(db, { shop, type: "test.cc-keyed", trigger: "api", params: { key, ms: 400 } })).job.id;
    const first = await add("order-1");
    const other = await add("order-2");
    const again = await add("order-1");
    worker = startWorker({ db, types: ["test.cc-keyed"], pollMs: MINUTE, concurrency: 4 });
    await allDone([first, other, again]);
    expect(overlap(runs.get(first)!, runs.get(other)!)).toBe(true);
    expect(overlap(runs.get(first)!, runs.get(again)!)).toBe(false);
    expect(await db.job.findUniqueOrThrow({ where: { id: first } })).toMatchObject({ concurrencyKey: "order-1" });
  });

  it("claims a batch with at most one job per key, and the database refuses a second running one", async () => {
    const shop = uniqueShop();
    const ids: string[] = [];
    for (const key of ["a", "a", "b", "c"])
      ids.push((await enqueue(db, { shop, type: "test.cc-keyed", trigger: "api", params: { key, ms: 1 } })).job.id);
    const now = new Date(Date.now() + 1_000);
    const claimed = await claimJobs(db, {
      workerId: "batch",
      leaseMs: MINUTE,
      now,
      types: ["test.cc-keyed"],
      limit: 10,
    });
    const mine = claimed.filter((c) => ids.includes(c.id));
    expect(mine.map((c) => c.id).sort()).toEqual([ids[0], ids[2], ids[3]].sort());
    expect(mine[0]).toMatchObject({ shop, type: "test.cc-keyed", trigger: "api", attempt: 1 });
    await expect(db.job.update({ where: { id: ids[1] }, data: { status: "running" } })).rejects.toThrow();
    await db.job.updateMany({ where: { id: { in: ids } }, data: { status: "cancelled", leaseOwner: null } });
  });
});
