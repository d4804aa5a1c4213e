// Hiboutik's call limit: a number of API calls per calendar period (the account's MaximumRequests),
// counted on the emulator clock; a refused call is not counted.
import type { EmulatorClock } from "../_kit/index";

export type QuotaPeriod = "day" | "month";

export class CallQuota {
  private periodKey = "";
  private count = 0;

  constructor(
    private readonly clock: EmulatorClock,
    public limit: number,
    public period: QuotaPeriod,
  ) {}

  private current(): string {
    const iso = this.clock.date().toISOString();
    return this.period === "day" ? iso.slice(0, 10) : iso.slice(0, 7);
  }

  private roll(): void {
    const key = this.current();
    if (key !== this.periodKey) {
      this.periodKey = key;
      this.count = 0;
    }
  }

  /** Counts one call; false when the period's calls are used up. */
  take(): boolean {
    this.roll();
    if (this.count >= this.limit) return false;
    this.count++;
    return true;
  }

  /** Uses up calls as if another application had made them (control API). */
  consume(calls: number): void {
    this.roll();
    this.count = Math.min(this.limit, this.count + calls);
  }

  snapshot() {
    this.roll();
    return {
      limit: this.limit,
      period: this.period,
      periodStart: this.periodKey,
      used: this.count,
      left: this.limit - this.count,
    };
  }

  reset(): void {
    this.count = 0;
    this.periodKey = "";
  }
}
