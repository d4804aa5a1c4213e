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
  /** Points booked by calls of this process that Shopify has not answered yet. */
  private pending = 0;

  constructor(private readonly now: () => number = Date.now) {}

  /** Points available now by our estimate, or undefined before the first response. */
  available(): number | undefined {
    if (!this.status) return undefined;
    const elapsedSeconds = (this.now() - this.observedAt) / 1000;
    return Math.min(
      this.status.maximumAvailable,
      this.status.currentlyAvailable + elapsedSeconds * this.status.restoreRate,
    );
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
    this.pending += affordable;
    return Math.ceil(waitMs);
  }

  /** A call booked with reserve(cost) got its answer (with Shopify's figures, when it had them).
   *  Shopify's figure does not yet count calls still waiting to go out, so those stay booked. */
  settle(cost: number, reported?: ThrottleStatus): void {
    this.pending = Math.max(0, this.pending - Math.min(cost, this.status?.maximumAvailable ?? cost));
    if (reported) this.observe(reported);
  }

  /** Takes Shopify's figures, less what other calls of this process have booked but not spent yet. */
  observe(status: ThrottleStatus): void {
    this.status = { ...status, currentlyAvailable: status.currentlyAvailable - this.pending };
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
