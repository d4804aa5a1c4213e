// Fire times of a cron in a time zone, computed here rather than by cron-parser's iterator.
//
// Why: cron-parser 4.9 steps through luxon DateTimes one field at a time and costs ~10 ms of CPU per
// `next()` (three hours of "*/2 * * * *" took seconds). We keep cron-parser for parsing and validation
// (its `fields` are the expanded minute/hour/day/month/weekday sets) and walk UTC minutes ourselves:
// wall time = UTC + the zone's offset, the offset read from one cached Intl.DateTimeFormat per zone,
// once per 15-minute UTC block (per minute in the block where it changes), skipping months, days,
// hours and minutes that cannot match. An expression using what is not implemented here (seconds other
// than 0, `L`, `#`) answers `null` and the caller falls back to cron-parser.
//
// The answers equal cron-parser's as the scheduler uses it (iteration started a few hours early, see
// LOOKBACK_MS in schedules.server.ts), checked fire by fire over 2026 in cron-times.test.ts, including:
// - day of month / day of week: cron-parser's OR rule, with its notion of a wildcard (a day-of-month
//   list as long as the current month, a day-of-week list of all 8 values 0–7);
// - a wall time that does not exist (the hour skipped when clocks go forward a whole hour): with a
//   restricted hour field, the hour after the gap also fires the minutes of the skipped hour
//   ("10 2 * * *" fires at 03:10 summer time in Europe/Paris);
// - a wall hour that happens twice (clocks back a whole hour, on the hour): with a restricted hour
//   field, only the first occurrence fires; "every n minutes" crons (all 24 hours) fire in both.
// Not reproduced: cron-parser's iterator keeps the "skipped hour" state past the day of the change
// when every later hour matches (e.g. "10 0-2,4-23 * * *" would fire at 03:10 every following day
// of one long iteration), a leak that depended on where the iteration started.
import parser from "cron-parser";

const MINUTE = 60_000;
const BLOCK = 15 * MINUTE;
/** cron-parser's table (February 29), used for its "day of month is a wildcard" test. */
const DAYS_IN_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

interface CronSets {
  minutes: boolean[]; // 0–59
  hours: boolean[]; // 0–23
  daysOfMonth: boolean[]; // 1–31
  months: boolean[]; // 1–12
  daysOfWeek: boolean[]; // 0–6
  dayOfMonthCount: number;
  dayOfWeekWildcard: boolean;
  hoursRestricted: boolean;
}

const setsCache = new Map<string, CronSets | null>();

function toFlags(values: readonly unknown[], size: number): boolean[] | null {
  const flags = Array.from({ length: size }, () => false);
  for (const v of values) {
    if (typeof v !== "number" || !Number.isInteger(v) || v < 0) return null;
    if (v < size) flags[v] = true;
  }
  return flags;
}

/** Throws cron-parser's error when it cannot parse `cron` (answers from a cache after the first time). */
export function assertParsableCron(cron: string): void {
  cronSets(cron);
}

/** The expanded fields, or null when the expression needs cron-parser itself. Throws on an invalid cron. */
function cronSets(cron: string): CronSets | null {
  const cached = setsCache.get(cron);
  if (cached !== undefined) return cached;
  const expression = parser.parseExpression(cron, { tz: "UTC", currentDate: new Date(0) });
  const f = expression.fields;
  const nth = (expression as unknown as { _nthDayOfWeek?: number })._nthDayOfWeek ?? 0;
  let sets: CronSets | null = null;
  const minutes = toFlags(f.minute, 60);
  const hours = toFlags(f.hour, 24);
  const daysOfMonth = toFlags(f.dayOfMonth, 32);
  const months = toFlags(f.month, 13);
  const daysOfWeek = toFlags(f.dayOfWeek, 7);
  if (
    nth === 0 &&
    f.second.length === 1 &&
    f.second[0] === 0 &&
    minutes &&
    hours &&
    daysOfMonth &&
    months &&
    daysOfWeek
  ) {
    sets = {
      minutes,
      hours,
      daysOfMonth,
      months,
      daysOfWeek,
      dayOfMonthCount: f.dayOfMonth.length,
      dayOfWeekWildcard: f.dayOfWeek.length === 8,
      hoursRestricted: f.hour.length !== 24,
    };
  }
  if (setsCache.size >= 1_000) setsCache.clear();
  setsCache.set(cron, sets);
  return sets;
}

// ---- offsets ----

interface ZoneOffsets {
  format: Intl.DateTimeFormat;
  blocks: Map<number, number | null>; // block start → offset in minutes, null when it changes inside
}

const zones = new Map<string, ZoneOffsets>();

function zoneOffsets(tz: string): ZoneOffsets {
  let zone = zones.get(tz);
  if (!zone) {
    const format = new Intl.DateTimeFormat("en-US", {
      timeZone: tz,
      hourCycle: "h23",
      year: "numeric",
      month: "numeric",
      day: "numeric",
      hour: "numeric",
      minute: "numeric",
      second: "numeric",
      era: "short",
    });
    zone = { format, blocks: new Map() };
    zones.set(tz, zone);
  }
  return zone;
}

class NotWholeMinutes extends Error {}

/** The zone's offset from UTC at `t` (a whole minute), in minutes, straight from Intl. */
function exactOffset(zone: ZoneOffsets, t: number): number {
  const parts: Record<string, string> = {};
  for (const p of zone.format.formatToParts(new Date(t))) parts[p.type] = p.value;
  let year = Number(parts.year);
  if (parts.era === "BC" || parts.era === "B") year = 1 - year;
  const date = new Date(0);
  date.setUTCFullYear(year, Number(parts.month) - 1, Number(parts.day));
  date.setUTCHours(Number(parts.hour), Number(parts.minute), Number(parts.second), 0);
  const ms = date.getTime() - t;
  if (ms % MINUTE !== 0) throw new NotWholeMinutes();
  return ms / MINUTE;
}

function offsetAt(zone: ZoneOffsets, t: number): number {
  const block = Math.floor(t / BLOCK) * BLOCK;
  let offset = zone.blocks.get(block);
  if (offset === undefined) {
    const first = exactOffset(zone, block);
    offset = exactOffset(zone, block + BLOCK - MINUTE) === first ? first : null;
    if (zone.blocks.size >= 50_000) zone.blocks.clear();
    zone.blocks.set(block, offset);
  }
  return offset ?? exactOffset(zone, t);
}

/** The first minute in (t, t + span] whose offset differs from t's, or null (one change at most assumed). */
function changeWithin(zone: ZoneOffsets, t: number, span: number, offset: number): number | null {
  if (offsetAt(zone, t + span * MINUTE) === offset) return null;
  let lo = 0; // offset at t + lo minutes equals `offset`
  let hi = span; // differs
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (offsetAt(zone, t + mid * MINUTE) === offset) lo = mid;
    else hi = mid;
  }
  return t + hi * MINUTE;
}

// ---- the walk ----

function wallHour(zone: ZoneOffsets, t: number): number {
  return new Date(t + offsetAt(zone, t) * MINUTE).getUTCHours();
}

/**
 * Fire times in (from, to] of `cron` in `tz`, in order, stopping after `limit` of them; null when the
 * expression needs cron-parser. Throws (cron-parser's error) when the cron is invalid.
 */
export function cronFireTimes(cron: string, tz: string, from: Date, to: Date, limit = Infinity): Date[] | null {
  const sets = cronSets(cron);
  if (!sets) return null;
  const zone = zoneOffsets(tz);
  const times: Date[] = [];
  const end = to.getTime();
  let t = Math.floor(from.getTime() / MINUTE) * MINUTE + MINUTE;
  try {
    while (t <= end && times.length < limit) {
      const offset = offsetAt(zone, t);
      const wall = new Date(t + offset * MINUTE);
      const month = wall.getUTCMonth() + 1;
      const day = wall.getUTCDate();
      const hour = wall.getUTCHours();
      const minute = wall.getUTCMinutes();
      const minuteOfDay = hour * 60 + minute;
      // Wall minutes from here to where a fire may be.
      let skip: number;
      if (!sets.months[month]) {
        const next = Date.UTC(wall.getUTCFullYear(), wall.getUTCMonth() + 1, 1);
        skip = (next - wall.getTime()) / MINUTE;
      } else if (!dayMatches(sets, month, day, wall.getUTCDay())) {
        skip = 24 * 60 - minuteOfDay;
      } else {
        const hourStart = t - minute * MINUTE;
        const sameHour = minute === 0 || offsetAt(zone, hourStart) === offset;
        let hourOk = sets.hours[hour]!;
        if (sets.hoursRestricted && sameHour) {
          const before = offsetAt(zone, hourStart - MINUTE);
          if (before !== offset) {
            const previousHour = wallHour(zone, hourStart - MINUTE);
            // Clocks went forward a whole hour into this one: the skipped hour's minutes fire here.
            if (!hourOk && hour >= 2 && previousHour === hour - 2 && sets.hours[hour - 1]) hourOk = true;
            // This wall hour is happening a second time: it fired the first time.
            if (hourOk && previousHour === hour) hourOk = false;
          }
        }
        if (!hourOk) skip = 60 - minute;
        else {
          if (sets.minutes[minute]) times.push(new Date(t));
          let next = minute + 1;
          while (next < 60 && !sets.minutes[next]) next++;
          skip = next - minute;
        }
      }
      if (skip <= 1) {
        t += MINUTE;
        continue;
      }
      // Jump, but stop where the offset changes: the walk resumes there with the new offset.
      t = changeWithin(zone, t, skip, offset) ?? t + skip * MINUTE;
    }
  } catch (error) {
    if (error instanceof NotWholeMinutes) return null;
    throw error;
  }
  return times;
}

function dayMatches(sets: CronSets, month: number, day: number, weekday: number): boolean {
  // cron-parser's rules, term for term (lib/expression.js, _findSchedule).
  const domMatch = sets.daysOfMonth[day]!;
  const dowMatch = sets.daysOfWeek[weekday]!;
  const domWildcard = sets.dayOfMonthCount >= DAYS_IN_MONTH[month - 1]!;
  const dowWildcard = sets.dayOfWeekWildcard;
  if (!domMatch && (!dowMatch || dowWildcard)) return false;
  if (!domWildcard && dowWildcard && !domMatch) return false;
  if (domWildcard && !dowWildcard && !dowMatch) return false;
  return true;
}
