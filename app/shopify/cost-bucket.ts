// Our estimate of a shop's leaky bucket (reference/shopify.md): refilled at `restoreRate` points/s up to
// `maximumAvailable`, corrected by every response's throttleStatus. Shared by all callers of a shop in
// this process, so concurrent syncs pace together instead of each believing the bucket is theirs.
export interface ThrottleStatus {
  maximumAvailable: number;
  currentlyAvailable: number;
  restoreRate: number;
}

type Sleep = (ms: number) => Promise<void>;

interface Waiter {
  cost: number;
  sleep: Sleep;
  go: () => void;
}

const realSleep: Sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

export class CostBucket {
  private status: ThrottleStatus | undefined;
  private observedAt = 0;
  /** Points booked by calls of this process that Shopify has not answered yet. */
  private pending = 0;
  /** Calls waiting for their points, in the order they asked. */
  private readonly queue: Waiter[] = [];
  /** Only the newest refill timer may release the head; older ones are stale. */
  private timer = 0;

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

  /**
   * Resolves when a call costing `cost` may go out, and books its points then. Calls go out in the order
   * they asked. The wait is never fixed in advance: every answer's figures re-check the head at once, so
   * a pessimistic estimate (e.g. a burst of THROTTLED answers) cannot commit a caller to a long sleep
   * once Shopify says the points are back.
   */
  acquire(cost: number, sleep: Sleep = realSleep): Promise<void> {
    return new Promise((go) => {
      this.queue.push({ cost, sleep, go });
      if (this.queue.length === 1) this.pump(false);
    });
  }

  /** A call booked through acquire(cost) got its answer (with Shopify's figures, when it had them).
   *  Shopify's figure does not yet count calls still waiting to go out, so those stay booked. */
  settle(cost: number, reported?: ThrottleStatus): void {
    this.pending = Math.max(0, this.pending - Math.min(cost, this.status?.maximumAvailable ?? cost));
    if (reported) this.observe(reported);
  }

  /** Takes Shopify's figures, less what other calls of this process have booked but not spent yet. */
  observe(status: ThrottleStatus): void {
    this.status = { ...status, currentlyAvailable: status.currentlyAvailable - this.pending };
    this.observedAt = this.now();
    if (this.queue.length) this.pump(false);
  }

  get restoreRate(): number | undefined {
    return this.status?.restoreRate;
  }

  /** Lets waiting calls go while their points are there; arms a refill timer for the first that must wait.
   *  `refilled`: the head's timer ran out, so it has waited what our estimate asked and goes. */
  private pump(refilled: boolean): void {
    while (this.queue.length) {
      const head = this.queue[0];
      const waitMs = this.refillTime(head.cost);
      if (waitMs > 0 && !refilled) {
        const timer = ++this.timer;
        void head.sleep(waitMs).then(() => {
          if (timer === this.timer && this.queue[0] === head) this.pump(true);
        });
        return;
      }
      refilled = false;
      this.book(head.cost);
      this.queue.shift();
      head.go();
    }
  }

  private refillTime(cost: number): number {
    const available = this.available();
    if (available === undefined || !this.status) return 0;
    const affordable = Math.min(cost, this.status.maximumAvailable);
    return available >= affordable ? 0 : Math.ceil(((affordable - available) / this.status.restoreRate) * 1000);
  }

  /** Books the points at the moment the call goes out. */
  private book(cost: number): void {
    const available = this.available();
    if (available === undefined || !this.status) return;
    const affordable = Math.min(cost, this.status.maximumAvailable);
    this.status = { ...this.status, currentlyAvailable: available - affordable };
    this.observedAt = this.now();
    this.pending += affordable;
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
