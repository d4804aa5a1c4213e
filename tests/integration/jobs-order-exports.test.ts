// Order exports through the real worker, against the Shopify and Fastmag emulators (Fastmag answering
// in 150 ms): exports of two orders of one shop run at the same time, and two export jobs of one order
// never do, nor put the order twice into Fastmag.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "~/db.server";
import { enqueue } from "~/jobs/queue.server";
import { startWorker } from "~/jobs/worker.server";
import { sleep } from "~/lib/time";
import { EXPORT_JOB } from "~/sync/orders/orders.server";
import { startOrdersWorld, type OrdersWorld } from "./orders-harness";

let world: OrdersWorld;

beforeAll(async () => {
  world = await startOrdersWorld("exports-cc", { fastmagFaults: { latencyMs: 150 } });
});

afterAll(async () => {
  await world?.close();
});

describe("order exports in the worker", () => {
  it("run side by side for different orders of a shop, one at a time and once in Fastmag for one order", async () => {
    const first = await world.createOrder();
    const second = await world.createOrder();
    expect((await world.deliverOrderCreated(first.legacyId)).status).toBe(200);
    expect((await world.deliverOrderCreated(second.legacyId)).status).toBe(200);
    // The same order queued twice (a webhook delivered again, a retry…).
    await enqueue(db, { shop: world.shop, type: EXPORT_JOB, trigger: "manual", params: { shopifyOrderId: first.id } });

    const worker = startWorker({ db, types: [EXPORT_JOB], concurrency: 4, pollMs: 60_000 });
    try {
      const end = Date.now() + 20_000;
      let jobs = await db.job.findMany({ where: { shop: world.shop, type: EXPORT_JOB } });
      while (jobs.some((j) => j.status !== "succeeded") && Date.now() < end) {
        await sleep(50);
        jobs = await db.job.findMany({ where: { shop: world.shop, type: EXPORT_JOB } });
      }
      expect(jobs.map((j) => j.status)).toEqual(["succeeded", "succeeded", "succeeded"]);

      const span = (j: (typeof jobs)[number]) => ({ start: j.startedAt!.getTime(), end: j.finishedAt!.getTime() });
      const overlap = (a: { start: number; end: number }, b: { start: number; end: number }) =>
        a.start < b.end && b.start < a.end;
      const ofOrder = (id: string) => jobs.filter((j) => JSON.parse(j.paramsJson).shopifyOrderId === id).map(span);
      const [firstA, firstB] = ofOrder(first.id);
      const [secondA] = ofOrder(second.id);
      expect(overlap(firstA!, secondA!) || overlap(firstB!, secondA!)).toBe(true);
      expect(overlap(firstA!, firstB!)).toBe(false);

      expect(world.fastmagOrdersFor(first.id)).toHaveLength(1);
      expect(world.fastmagOrdersFor(second.id)).toHaveLength(1);
      expect((await world.exportRow(first.id)).status).toBe("exported");
    } finally {
      await worker.stop();
    }
  });
});
