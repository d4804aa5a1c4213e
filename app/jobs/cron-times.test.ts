// cron-times.ts against cron-parser, fire by fire: every registered job type's default cron and a few
// trickier ones, in zones with whole-hour, half-hour and no daylight-saving changes, around each change
// of 2026 and in a few windows drawn across the year. cron-parser takes 10–35 ms per fire, so each
// window is as wide as holds 6 fires (never narrower than 20 minutes either side of its middle).
import parser from "cron-parser";
import { describe, expect, it } from "vitest";
import { registerModules } from "../modules.server";
import { cronFireTimes } from "./cron-times";
import { registeredJobTypes } from "./registry.server";

const HOUR = 60 * 60_000;
const DAY = 24 * HOUR;
const YEAR_START = Date.UTC(2026, 0, 1);
const YEAR_END = Date.UTC(2027, 0, 1);

/**
 * What the scheduler enqueued before cron-times.ts: cron-parser started three hours early (around a
 * clock change its answer depends on where it starts; elsewhere it does not, and starting at `from`
 * saves the three hours of fires it would throw away).
 */
function cronParserFires(cron: string, tz: string, from: number, to: number, lookback = 3 * HOUR): string[] {
  const it = parser.parseExpression(cron, { currentDate: new Date(from - lookback), tz });
  const times: string[] = [];
  for (;;) {
    const next = it.next().getTime();
    if (next > to) return times;
    if (next > from) times.push(new Date(next).toISOString());
  }
}

function ours(cron: string, tz: string, from: number, to: number): string[] {
  const times = cronFireTimes(cron, tz, new Date(from), new Date(to));
  if (!times) throw new Error(`${cron}: no fast path`);
  return times.map((d) => d.toISOString());
}

function offsetMinutes(tz: string, t: number): number {
  const name = new Intl.DateTimeFormat("en-US", { timeZone: tz, timeZoneName: "longOffset" })
    .formatToParts(new Date(t))
    .find((p) => p.type === "timeZoneName")!.value; // "GMT+05:45", "GMT"
  const m = /GMT([+-])(\d\d):(\d\d)/.exec(name);
  return m ? (m[1] === "-" ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3])) : 0;
}

/** The instants of 2026 where the zone's offset changes (to the minute). */
function changesOf(tz: string): number[] {
  const changes: number[] = [];
  for (let t = YEAR_START; t < YEAR_END; t += HOUR) {
    if (offsetMinutes(tz, t) === offsetMinutes(tz, t + HOUR)) continue;
    let lo = t;
    let hi = t + HOUR;
    while (hi - lo > 60_000) {
      const mid = lo + Math.floor((hi - lo) / 120_000) * 60_000;
      if (offsetMinutes(tz, mid) === offsetMinutes(tz, t)) lo = mid;
      else hi = mid;
    }
    changes.push(hi);
  }
  return changes;
}

/** Fixed pseudo-random instants of 2026 (the same every run). */
function sampleInstants(seed: number, count: number): number[] {
  let x = seed;
  return Array.from({ length: count }, () => {
    x = (x * 1103515245 + 12345) % 2 ** 31;
    return YEAR_START + Math.floor((x / 2 ** 31) * ((YEAR_END - YEAR_START) / HOUR)) * HOUR;
  });
}

const HALF_WIDTHS = [20 / 60, 40 / 60, 1.5, 3, 6, 14, 26, 50, 4 * 24, 8 * 24, 16 * 24, 32 * 24, 64 * 24].map(
  (h) => h * HOUR,
);

/** The widest window around `middle` holding at most 6 of our fires. */
function windowAround(cron: string, tz: string, middle: number): [number, number] {
  let chosen: [number, number] = [middle - HALF_WIDTHS[0]!, middle + HALF_WIDTHS[0]!];
  for (const half of HALF_WIDTHS.slice(1)) {
    if (ours(cron, tz, middle - half, middle + half).length > 6) break;
    chosen = [middle - half, middle + half];
  }
  return chosen;
}

registerModules();
const DEFAULTS = [...new Set(registeredJobTypes().flatMap((t) => (t.defaultSchedule ? [t.defaultSchedule.cron] : [])))];
const OTHERS = [
  "0 0 1 * *",
  "30 2 * * 0",
  "15 1-3 * * 1-5",
  "0 9 13 * 5",
  "10 2 * * *",
  "40 1,2 * * *",
  "0 0 * * *",
  "5,35 * * * 1-5",
  "0 12 1-30 * 5", // a day-of-month list as long as a 30-day month is a wildcard there, to cron-parser
].filter((cron) => !DEFAULTS.includes(cron));
const ZONES = ["Europe/Paris", "America/New_York", "Australia/Lord_Howe", "Asia/Kathmandu", "UTC"];
const CHANGES = new Map(ZONES.map((tz) => [tz, changesOf(tz)]));

describe("cronFireTimes fires when cron-parser does", { timeout: 120_000 }, () => {
  it("finds the daylight-saving changes the comparison is about", () => {
    expect(CHANGES.get("Europe/Paris")!.map((t) => new Date(t).toISOString())).toEqual([
      "2026-03-29T01:00:00.000Z",
      "2026-10-25T01:00:00.000Z",
    ]);
    expect(CHANGES.get("Australia/Lord_Howe")).toHaveLength(2);
    expect(CHANGES.get("Asia/Kathmandu")).toEqual([]);
    expect(DEFAULTS.length).toBeGreaterThan(5);
  });

  /** Compares the windows around each change of `tz` (and `samples` drawn across the year) for `cron`. */
  function compare(cron: string, tz: string, samples: number[]) {
    const windows = [
      ...CHANGES.get(tz)!.map((middle) => ({ middle, lookback: 3 * HOUR })),
      ...samples.map((middle) => ({ middle, lookback: 0 })),
    ];
    for (const { middle, lookback } of windows) {
      const [from, to] = windowAround(cron, tz, middle);
      const at = `${cron} in ${tz}, ${new Date(from).toISOString()} to ${new Date(to).toISOString()}`;
      expect(ours(cron, tz, from, to), at).toEqual(cronParserFires(cron, tz, from, to, lookback));
    }
  }

  it.each(DEFAULTS.map((cron, i) => [cron, ZONES[i % ZONES.length]!] as const))(
    "the default %s, around each change (and once across the year in %s)",
    (cron, sampled) => {
      for (const tz of ZONES) compare(cron, tz, tz === sampled ? sampleInstants(cron.length * 31, 1) : []);
    },
  );

  it.each(OTHERS.flatMap((cron) => ZONES.map((tz) => [cron, tz] as const)))(
    "%s in %s, around each change and across the year",
    (cron, tz) => compare(cron, tz, sampleInstants(cron.length * 17 + tz.length, 2)),
  );

  it("leaves to cron-parser what it does not implement, and rejects what cron-parser rejects", () => {
    const from = new Date(Date.UTC(2026, 5, 1));
    const to = new Date(from.getTime() + 40 * DAY);
    expect(cronFireTimes("0 0 L * *", "UTC", from, to)).toBeNull();
    expect(cronFireTimes("0 0 * * 5#2", "UTC", from, to)).toBeNull();
    expect(cronFireTimes("30 0 0 * * *", "UTC", from, to)).toBeNull();
    expect(cronFireTimes("0 0 0 1 * *", "UTC", from, to)).toHaveLength(1); // seconds 0: ours
    expect(() => cronFireTimes("61 * * * *", "UTC", from, to)).toThrow();
  });
});
