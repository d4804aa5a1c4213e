// The per-(app, shop) leaky bucket of the Admin API (reference/shopify.md): it refills continuously at
// the plan's restore rate up to its size; a call is charged its requested cost up front, refused whole
// (THROTTLED, nothing charged) when that is more than what is available, and refunded down to its
// actual cost afterwards. Time comes from an injected clock so tests can do exact arithmetic.
export type ShopPlan = "Standard" | "Advanced" | "Plus" | "Enterprise";

export interface BucketLimits {
  maximumAvailable: number;
  restoreRate: number;
}

export const PLAN_LIMITS: Record<ShopPlan, BucketLimits> = {
  Standard: { maximumAvailable: 2_000, restoreRate: 100 },
  Advanced: { maximumAvailable: 4_000, restoreRate: 200 },
  Plus: { maximumAvailable: 20_000, restoreRate: 1_000 },
  // Shopify documents the rate only; a bucket of 20 s of restore mirrors the other plans.
  Enterprise: { maximumAvailable: 40_000, restoreRate: 2_000 },
};

export interface ThrottleStatus {
  maximumAvailable: number;
  currentlyAvailable: number;
  restoreRate: number;
}

export class LeakyBucket {
  private level: number;
  private at: number;

  constructor(
    readonly limits: BucketLimits,
    private readonly now: () => number = Date.now,
  ) {
    this.level = limits.maximumAvailable;
    this.at = now();
  }

  /** Points available now (fractional: the refill is continuous). */
  available(): number {
    const t = this.now();
    this.level = Math.min(this.limits.maximumAvailable, this.level + ((t - this.at) / 1000) * this.limits.restoreRate);
    this.at = t;
    return this.level;
  }

  /** Charges `cost` if it fits and says so; charges nothing otherwise. */
  tryCharge(cost: number): boolean {
    if (cost > this.available()) return false;
    this.level -= cost;
    return true;
  }

  refund(points: number): void {
    this.available();
    this.level = Math.min(this.limits.maximumAvailable, this.level + Math.max(0, points));
  }

  /** For tests and the demo: start from a given level (e.g. a drained bucket). */
  setAvailable(points: number): void {
    this.available();
    this.level = Math.max(0, Math.min(this.limits.maximumAvailable, points));
  }

  /** What Shopify reports in `extensions.cost.throttleStatus` (whole points, rounded down). */
  status(): ThrottleStatus {
    return {
      maximumAvailable: this.limits.maximumAvailable,
      currentlyAvailable: Math.floor(this.available()),
      restoreRate: this.limits.restoreRate,
    };
  }
}
