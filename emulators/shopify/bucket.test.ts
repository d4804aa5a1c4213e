// The leaky bucket with a controllable clock: exact refill, all-or-nothing charges, refunds.
import { describe, expect, it } from "vitest";
import { LeakyBucket, PLAN_LIMITS } from "./bucket";

function clock(start = 1_000_000) {
  let t = start;
  return { now: () => t, advance: (ms: number) => (t += ms) };
}

describe("LeakyBucket", () => {
  it("starts full at the plan's documented size and rate", () => {
    const c = clock();
    expect(new LeakyBucket(PLAN_LIMITS.Standard, c.now).status()).toEqual({
      maximumAvailable: 2000,
      currentlyAvailable: 2000,
      restoreRate: 100,
    });
    expect(new LeakyBucket(PLAN_LIMITS.Advanced, c.now).status()).toEqual({
      maximumAvailable: 4000,
      currentlyAvailable: 4000,
      restoreRate: 200,
    });
    expect(new LeakyBucket(PLAN_LIMITS.Plus, c.now).status()).toEqual({
      maximumAvailable: 20000,
      currentlyAvailable: 20000,
      restoreRate: 1000,
    });
  });

  it("charges up front and refuses, charging nothing, what does not fit", () => {
    const c = clock();
    const bucket = new LeakyBucket(PLAN_LIMITS.Standard, c.now);
    expect(bucket.tryCharge(1500)).toBe(true);
    expect(bucket.status().currentlyAvailable).toBe(500);
    expect(bucket.tryCharge(501)).toBe(false);
    expect(bucket.status().currentlyAvailable).toBe(500);
    expect(bucket.tryCharge(500)).toBe(true);
    expect(bucket.status().currentlyAvailable).toBe(0);
  });

  it("restores continuously at the restore rate, up to the maximum", () => {
    const c = clock();
    const bucket = new LeakyBucket(PLAN_LIMITS.Standard, c.now);
    bucket.setAvailable(0);
    c.advance(250);
    expect(bucket.available()).toBe(25);
    c.advance(1750);
    expect(bucket.status().currentlyAvailable).toBe(200);
    expect(bucket.tryCharge(201)).toBe(false);
    c.advance(10);
    expect(bucket.tryCharge(201)).toBe(true);
    c.advance(60_000);
    expect(bucket.status().currentlyAvailable).toBe(2000);
  });

  it("refunds down to the actual cost without overflowing", () => {
    const c = clock();
    const bucket = new LeakyBucket(PLAN_LIMITS.Standard, c.now);
    bucket.tryCharge(102);
    bucket.refund(102 - 12);
    expect(bucket.status().currentlyAvailable).toBe(1988);
    bucket.refund(500);
    expect(bucket.status().currentlyAvailable).toBe(2000);
  });
});
