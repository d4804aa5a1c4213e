// Lightspeed's leaky bucket, per account, on the emulator clock: each request pours its cost in (GET 1,
// writes 10), the bucket drips at a steady rate, and a request that would overflow it is refused with 429
// and Retry-After (seconds until it fits). Every answer carries X-LS-API-Bucket-Level "level/size".
import type { EmulatorClock } from "../_kit/index";

export interface BucketSettings {
  size: number;
  /** Units drained per second. */
  dripPerSecond: number;
}

export const DEFAULT_BUCKET: BucketSettings = { size: 60, dripPerSecond: 1 };

export function requestCost(method: string): number {
  return method === "GET" || method === "HEAD" ? 1 : 10;
}

export class LeakyBucket {
  private level = 0;
  private at: number;

  constructor(
    private readonly clock: EmulatorClock,
    public settings: BucketSettings,
  ) {
    this.at = clock.now();
  }

  private drain(): void {
    const now = this.clock.now();
    const elapsed = Math.max(0, now - this.at) / 1000;
    this.level = Math.max(0, this.level - elapsed * this.settings.dripPerSecond);
    this.at = now;
  }

  /** Pours `cost` in; when it would overflow, nothing is poured and the wait in seconds is returned. */
  pour(cost: number): { ok: true } | { ok: false; retryAfterSeconds: number } {
    this.drain();
    if (this.level + cost > this.settings.size) {
      const overflow = this.level + cost - this.settings.size;
      return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil(overflow / this.settings.dripPerSecond)) };
    }
    this.level += cost;
    return { ok: true };
  }

  /** Fills the bucket to `level` (control API: "another app used the account"). */
  fill(level: number): void {
    this.drain();
    this.level = Math.min(this.settings.size, Math.max(0, level));
  }

  headers(): Record<string, string> {
    this.drain();
    return {
      "x-ls-api-bucket-level": `${trim(this.level)}/${this.settings.size}`,
      "x-ls-api-drip-rate": String(this.settings.dripPerSecond),
    };
  }

  snapshot() {
    this.drain();
    return { level: trim(this.level), ...this.settings };
  }
}

function trim(value: number): number {
  return Math.round(value * 1000) / 1000;
}
