import { describe, expect, it } from "vitest";
import { CostBucket } from "./cost-bucket";

const standard = (currentlyAvailable: number) => ({ maximumAvailable: 2000, currentlyAvailable, restoreRate: 100 });

function bucketAt(start = 0) {
  let now = start;
  const bucket = new CostBucket(() => now);
  return { bucket, advance: (ms: number) => (now += ms) };
}

describe("CostBucket", () => {
  it("sends at once before knowing anything about the shop", () => {
    expect(bucketAt().bucket.reserve(500)).toBe(0);
  });

  it("waits exactly the refill time for what is missing", () => {
    const { bucket } = bucketAt();
    bucket.observe(standard(100));
    // 300 points wanted, 100 there, 100 points/s → 2 s.
    expect(bucket.reserve(300)).toBe(2000);
  });

  it("refills with time, up to the bucket size", () => {
    const { bucket, advance } = bucketAt();
    bucket.observe(standard(0));
    advance(5_000);
    expect(bucket.available()).toBe(500);
    advance(60_000);
    expect(bucket.available()).toBe(2000);
  });

  it("queues concurrent callers one behind the other", () => {
    const { bucket } = bucketAt();
    bucket.observe(standard(1000));
    expect(bucket.reserve(1000)).toBe(0);
    expect(bucket.reserve(500)).toBe(5000);
    expect(bucket.reserve(500)).toBe(10000);
  });

  it("keeps calls still waiting to go out booked when Shopify's figures arrive", () => {
    const { bucket } = bucketAt();
    bucket.observe(standard(600));
    bucket.reserve(500); // call A goes out
    bucket.reserve(500); // call B waits for the refill
    // A's answer: Shopify charged A only, so it reports 100 left; B still needs its 500.
    bucket.settle(500, standard(100));
    expect(bucket.available()).toBe(-400);
    expect(bucket.reserve(100)).toBe(5000);
  });

  it("never waits for more than a full bucket", () => {
    const { bucket } = bucketAt();
    bucket.observe(standard(2000));
    expect(bucket.reserve(5000)).toBe(0);
  });
});
