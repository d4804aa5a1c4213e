// Our estimate of a shop's leaky bucket (reference/shopify.md): refilled at `restoreRate` points/s up to
// `maximumAvailable`, corrected by every response's throttleStatus. Shared by all callers of a shop in
// this process, so concurrent syncs pace together instead of each believing the bucket is theirs.
export interface ThrottleStatus {
  maximumAvailable: number;
  currentlyAvailable: number;
  restoreRate: number;
}

export class CostBucket {
  private status: ThrottleStatus | undefined;
  private observedAt = 0;

  constructor(private readonly now: () => number = Date.now) {}

  /** Points available now by our estimate, or undefined before the first response. */
  available(): number | undefined {
    if (!this.status) return undefined;
    const elapsedSeconds = (this.now() - this.observedAt) / 1000;
    return Math.min(this.status.maximumAvailable, this.status.currentlyAvailable + elapsedSeconds * this.status.restoreRate);
  }

  /** Milliseconds to wait before a call costing `cost` fits, then reserves those points. */
  reserve(cost: number): number {
    const available = this.available();
    if (available === undefined || !this.status) return 0;
    const affordable = Math.min(cost, this.status.maximumAvailable);
    const waitMs = available >= affordable ? 0 : ((affordable - available) / this.status.restoreRate) * 1000;
    // Book the points at the moment the call will go out.
    this.status = { ...this.status, currentlyAvailable: available - affordable };
    this.observedAt = this.now();
    return Math.ceil(waitMs);
  }

  /** Gives back what we booked beyond what Shopify reported after the call. */
  observe(status: ThrottleStatus): void {
    this.status = { ...status };
    this.observedAt = this.now();
  }

  get restoreRate(): number | undefined {
    return this.status?.restoreRate;
  }
}

const bucketsByShop = new Map<string, CostBucket>();

export function bucketForShop(shop: string): CostBucket {
  let bucket = bucketsByShop.get(shop);
  if (!bucket) {
    bucket = new CostBucket();
    bucketsByShop.set(shop, bucket);
  }
  return bucket;
}
