// Fault storms on the Admin API for reliability runs: for a window of time, a share of calls answers
// HTTP 5xx (as Shopify does during incidents) or THROTTLED with an empty bucket, instead of running.
// Set through PUT /_emulator/faults; off by default, so nothing else sees them.

export interface AdminFaultConfig {
  /** For the next n ms, calls answer HTTP `status5xx`. */
  http5xxMs?: number;
  /** 503 by default (Shopify answers 502/503/504 during incidents). */
  status5xx?: number;
  /** For the next n ms, calls answer THROTTLED whatever the bucket holds. */
  throttledMs?: number;
  /** Share of calls hit during a window (default 1 = all), from a fixed-seed sequence. */
  rate?: number;
}

export type AdminFaultDecision = { kind: "none" } | { kind: "http5xx"; status: number } | { kind: "throttled" };

export interface AdminFaultStatus {
  http5xxUntil: number | null;
  throttledUntil: number | null;
  status5xx: number;
  rate: number;
  /** Calls answered with a fault since the last set(). */
  injected: { http5xx: number; throttled: number };
}

export class AdminFaults {
  private http5xxUntil = 0;
  private throttledUntil = 0;
  private status5xx = 503;
  private rate = 1;
  private draws = 0;
  private injected = { http5xx: 0, throttled: 0 };

  constructor(private readonly now: () => number = Date.now) {}

  set(config: AdminFaultConfig = {}): void {
    const now = this.now();
    this.http5xxUntil = config.http5xxMs ? now + config.http5xxMs : 0;
    this.throttledUntil = config.throttledMs ? now + config.throttledMs : 0;
    this.status5xx = config.status5xx ?? 503;
    this.rate = config.rate ?? 1;
    this.draws = 0;
    this.injected = { http5xx: 0, throttled: 0 };
  }

  status(): AdminFaultStatus {
    const now = this.now();
    return {
      http5xxUntil: this.http5xxUntil > now ? this.http5xxUntil : null,
      throttledUntil: this.throttledUntil > now ? this.throttledUntil : null,
      status5xx: this.status5xx,
      rate: this.rate,
      injected: { ...this.injected },
    };
  }

  /** The fate of one Admin API call. */
  next(): AdminFaultDecision {
    const now = this.now();
    const in5xx = this.http5xxUntil > now;
    const inThrottle = this.throttledUntil > now;
    if (!in5xx && !inThrottle) return { kind: "none" };
    if (this.rate < 1 && draw(this.draws++) >= this.rate) return { kind: "none" };
    if (in5xx) {
      this.injected.http5xx++;
      return { kind: "http5xx", status: this.status5xx };
    }
    this.injected.throttled++;
    return { kind: "throttled" };
  }
}

/** The nth number of a fixed sequence in [0, 1). */
function draw(n: number): number {
  let t = (n + 1) * 0x9e3779b9;
  t = Math.imul(t ^ (t >>> 16), 0x85ebca6b);
  t = Math.imul(t ^ (t >>> 13), 0xc2b2ae35);
  return ((t ^ (t >>> 16)) >>> 0) / 4294967296;
}
