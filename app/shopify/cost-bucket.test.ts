import { describe, expect, it } from "vitest";
import { CostBucket } from "./cost-bucket";

const standard = (currentlyAvailable: number) => ({ maximumAvailable: 2000, currentlyAvailable, restoreRate: 100 });

/** A bucket on a fake clock; `sleep` records each wait and lets that much time pass. */
function bucketAt(start = 0) {
  let now = start;
  const bucket = new CostBucket(() => now);
  const waits: number[] = [];
  const sleep = async (ms: number) => {
    waits.push(ms);
    now += ms;
  };
  return { bucket, waits, sleep, advance: (ms: number) => (now += ms) };
}

/** A sleep that only ends when the test says so. */
function heldSleep() {
  const asked: number[] = [];
  let release = () => {};
  const sleep = (ms: number) => {
    asked.push(ms);
    return new Promise<void>((resolve) => (release = resolve));
  };
  return { sleep, asked, release: () => release() };
}

const settled = async <T>(promise: Promise<T>) => {
  let done = false;
  void promise.then(() => (done = true));
  for (let i = 0; i < 5; i++) await Promise.resolve();
  return done;
};

describe("CostBucket", () => {
  it("sends at once before knowing anything about the shop", async () => {
    const { bucket, waits, sleep } = bucketAt();
    await bucket.acquire(500, sleep);
    expect(waits).toEqual([]);
  });

  it("waits exactly the refill time for what is missing", async () => {
    const { bucket, waits, sleep } = bucketAt();
    bucket.observe(standard(100));
    // 300 points wanted, 100 there, 100 points/s → 2 s.
    await bucket.acquire(300, sleep);
    expect(waits).toEqual([2000]);
  });

  it("refills with time, up to the bucket size", () => {
    const { bucket, advance } = bucketAt();
    bucket.observe(standard(0));
    advance(5_000);
    expect(bucket.available()).toBe(500);
    advance(60_000);
    expect(bucket.available()).toBe(2000);
  });

  it("lets concurrent callers go one behind the other, in the order they asked", async () => {
    const { bucket, waits, sleep } = bucketAt();
    bucket.observe(standard(1000));
    const order: string[] = [];
    await Promise.all(
      ["a", "b", "c"].map((name, i) => bucket.acquire(i === 0 ? 1000 : 500, sleep).then(() => order.push(name))),
    );
    expect(order).toEqual(["a", "b", "c"]);
    expect(waits).toEqual([5000, 5000]);
  });

  it("lets waiting calls go as soon as Shopify's figures say the points are back", async () => {
    const { bucket } = bucketAt();
    // A THROTTLED answer: nothing left by Shopify's figures, so a 500-point call must wait 5 s…
    bucket.observe(standard(0));
    const held = heldSleep();
    const call = bucket.acquire(500, held.sleep);
    expect(held.asked).toEqual([5000]);
    expect(await settled(call)).toBe(false);
    // …until another answer reports a full bucket: it goes now, not when its 5 s are over.
    bucket.settle(10, standard(2000));
    expect(await settled(call)).toBe(true);
    expect(bucket.available()).toBe(1500);
  });

  it("keeps calls still waiting to go out booked when Shopify's figures arrive", async () => {
    const { bucket, sleep } = bucketAt();
    bucket.observe(standard(600));
    await bucket.acquire(500, sleep); // call A goes out
    const held = heldSleep();
    const b = bucket.acquire(500, held.sleep); // call B waits for the refill: 400 more points, 4 s
    expect(held.asked).toEqual([4000]);
    // A's answer: Shopify charged A only and reports 100 left; B still waits, for the same 400 points.
    bucket.settle(500, standard(100));
    expect(held.asked).toEqual([4000, 4000]);
    held.release();
    expect(await settled(b)).toBe(true);
    expect(bucket.available()).toBe(-400);
  });

  it("never waits for more than a full bucket", async () => {
    const { bucket, waits, sleep } = bucketAt();
    bucket.observe(standard(2000));
    await bucket.acquire(5000, sleep);
    expect(waits).toEqual([]);
  });
});
