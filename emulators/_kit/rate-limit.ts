// A sliding-window request limit per key (API key, shop, IP…), on the emulator's clock so a frozen clock
// makes "eleven requests within one second" exact.
import type { EmulatorClock } from "./clock";

export class SlidingWindowLimiter {
  private readonly hits = new Map<string, number[]>();

  constructor(
    private readonly clock: EmulatorClock,
    private readonly limit: number,
    private readonly windowMs: number,
  ) {}

  /** Counts one request for `key`; false when it is past the limit (a refused request is not counted). */
  take(key: string): boolean {
    const now = this.clock.now();
    const recent = (this.hits.get(key) ?? []).filter((at) => at > now - this.windowMs && at <= now);
    if (recent.length >= this.limit) {
      this.hits.set(key, recent);
      return false;
    }
    recent.push(now);
    this.hits.set(key, recent);
    return true;
  }

  reset(): void {
    this.hits.clear();
  }
}
