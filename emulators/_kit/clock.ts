// A controllable clock for emulators: real time plus an offset, or frozen at one instant so a test can
// make "eleven requests in the same second" happen without racing the wall clock.

export interface ClockSnapshot {
  now: string;
  frozen: boolean;
}

export class EmulatorClock {
  private offsetMs = 0;
  private frozenAt: number | null = null;

  constructor(private readonly base: () => number = Date.now) {}

  now(): number {
    return this.frozenAt ?? this.base() + this.offsetMs;
  }

  date(): Date {
    return new Date(this.now());
  }

  /** Moves time forward (or back with a negative value), frozen or not. */
  advance(ms: number): void {
    if (this.frozenAt !== null) this.frozenAt += ms;
    else this.offsetMs += ms;
  }

  /** Jumps to an instant; a running clock keeps running from there. */
  set(at: number | Date): void {
    const target = typeof at === "number" ? at : at.getTime();
    if (this.frozenAt !== null) this.frozenAt = target;
    else this.offsetMs = target - this.base();
  }

  /** Stops time where it is (or at `at`) until resume(). */
  freeze(at?: number | Date): void {
    this.frozenAt = at === undefined ? this.now() : typeof at === "number" ? at : at.getTime();
  }

  /** Lets time run again from the frozen instant. */
  resume(): void {
    if (this.frozenAt === null) return;
    this.offsetMs = this.frozenAt - this.base();
    this.frozenAt = null;
  }

  /** Back to real time. */
  reset(): void {
    this.offsetMs = 0;
    this.frozenAt = null;
  }

  get frozen(): boolean {
    return this.frozenAt !== null;
  }

  snapshot(): ClockSnapshot {
    return { now: this.date().toISOString(), frozen: this.frozen };
  }
}
