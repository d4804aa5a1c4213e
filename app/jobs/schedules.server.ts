// Cron schedules in the merchant's terms: the default crons (the seed's), validation,
// the next few run times, and a description in plain words ("every hour at :35, Europe/Paris").
import parser from "cron-parser";
import type { Db } from "../db.server";
import { ValidationError } from "../lib/errors";
import { registeredJobTypes } from "./registry.server";

/** A job type's default schedule, as its feature declares it when registering (app/modules.server.ts). */
export interface DefaultSchedule {
  cron: string;
  /** Why the hours are what they are, in the merchant's words ("not between 3:00 and 5:00 (… maintenance)"). */
  hoursNote?: string;
}

/** Hours of the day, in the schedule's time zone, when a system is down for maintenance: [fromHour, toHour). */
export interface QuietHours {
  /** Who is down, in the merchant's words (a connector's name). */
  name: string;
  fromHour: number;
  toHour: number;
}

/**
 * Every hour at `minute`, except during the quiet hours of the systems the job reads (e.g. a stock
 * source's nightly maintenance): "10 0-2,5-23 * * *" for 3:00–5:00. No quiet hours: every hour.
 */
export function hourlyOutside(minute: number, quiet: readonly QuietHours[]): DefaultSchedule {
  const off = new Set(
    quiet.flatMap((q) => Array.from({ length: Math.max(0, q.toHour - q.fromHour) }, (_, i) => q.fromHour + i)),
  );
  const ranges: string[] = [];
  for (let h = 0; h < 24; h++) {
    if (off.has(h)) continue;
    let end = h;
    while (end + 1 < 24 && !off.has(end + 1)) end++;
    ranges.push(end === h ? `${h}` : `${h}-${end}`);
    h = end;
  }
  if (ranges.length === 0) throw new Error("quiet hours leave no hour to run in");
  const hours = off.size === 0 ? "*" : ranges.join(",");
  const notes = quiet.map((q) => `${q.fromHour}:00 and ${q.toHour}:00 (${q.name} maintenance)`);
  return {
    cron: `${minute} ${hours} * * *`,
    ...(notes.length ? { hoursNote: `not between ${notes.join(" or ")}` } : {}),
  };
}

export function defaultCronFor(type: string): string | undefined {
  return registeredJobTypes().find((t) => t.type === type)?.defaultSchedule?.cron;
}

export function isValidTimezone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat("en", { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

/** Field errors for a cron and timezone a merchant typed; empty when both are fine. */
export function scheduleErrors(cron: string, tz: string): Record<string, string> {
  const errors: Record<string, string> = {};
  const fields = cron.trim().split(/\s+/);
  if (fields.length !== 5) errors.cron = "Use 5 fields: minute hour day-of-month month day-of-week (e.g. 35 * * * *).";
  else {
    try {
      parser.parseExpression(cron, { tz: isValidTimezone(tz) ? tz : "UTC" });
    } catch (error) {
      errors.cron = `This schedule is not valid: ${(error as Error).message}`;
    }
  }
  if (!isValidTimezone(tz)) errors.timezone = `Unknown time zone "${tz}" (use a name like Europe/Paris).`;
  return errors;
}

export function assertValidSchedule(cron: string, tz: string): void {
  const errors = scheduleErrors(cron, tz);
  if (Object.keys(errors).length) throw new ValidationError("The schedule is not valid.", errors);
}

/** The next `n` run times after `from`. */
export function previewNextRuns(cron: string, tz: string, n = 5, from: Date = new Date()): Date[] {
  assertValidSchedule(cron, tz);
  const it = parser.parseExpression(cron, { currentDate: from, tz });
  return Array.from({ length: n }, () => it.next().toDate());
}

// cron-parser's answer around a daylight-saving change depends on where iteration starts (started
// inside a repeated hour, "10 2 * * *" fires at the second 02:10 too). Starting a few hours early makes
// the answer a function of the instant alone, and the same as a long-running node-schedule process.
const LOOKBACK_MS = 3 * 60 * 60_000;

/** Fire times in (from, to], in order: what the scheduler enqueues over that span. */
export function fireTimesBetween(cron: string, tz: string, from: Date, to: Date): Date[] {
  const it = parser.parseExpression(cron, { currentDate: new Date(from.getTime() - LOOKBACK_MS), endDate: to, tz });
  const times: Date[] = [];
  while (it.hasNext()) {
    const next = it.next().toDate();
    if (next.getTime() > to.getTime()) break;
    if (next.getTime() > from.getTime()) times.push(next);
  }
  return times;
}

const pad = (n: number) => String(n).padStart(2, "0");
const DAYS = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];

function list(items: string[]): string {
  return items.length <= 1 ? items.join("") : `${items.slice(0, -1).join(", ")} and ${items.at(-1)}`;
}

/** "every hour at :10, from 0:10 to 2:10 and 5:10 to 23:10, Europe/Paris" — or the cron itself if unusual. */
export function describeSchedule(cron: string, tz: string): string {
  const [minute, hour, dom, month, dow] = cron.trim().split(/\s+/);
  const zone = `, ${tz}`;
  const everyDay = dom === "*" && month === "*" && dow === "*";
  const minutes = /^\d+(,\d+)*$/.test(minute ?? "") ? minute!.split(",").map(Number) : null;
  const step = /^\*\/(\d+)$/.exec(minute ?? "");
  if (!everyDay && !(dom === "*" && month === "*" && /^[0-7]$/.test(dow ?? "")))
    return `on the schedule “${cron}”${zone}`;
  const daily = everyDay ? "every day" : `every ${DAYS[Number(dow)]}`;

  if (step && hour === "*" && everyDay) {
    const n = Number(step[1]);
    return n === 1
      ? `every minute${zone}`
      : 60 % n === 0
        ? `every ${n} minutes${zone}`
        : `every hour at ${list(minuteMarks(n))}${zone}`;
  }
  if (!minutes) return `on the schedule “${cron}”${zone}`;
  const marks = list(minutes.map((m) => `:${pad(m)}`));
  if (hour === "*" && everyDay) return `every hour at ${marks}${zone}`;
  const hourStep = /^\*\/(\d+)$/.exec(hour ?? "");
  if (hourStep && everyDay) return `every ${hourStep[1]} hours at ${marks}${zone}`;
  if (/^\d+(-\d+)?(,\d+(-\d+)?)*$/.test(hour ?? "")) {
    const ranges = hour!.split(",").map((r) => r.split("-").map(Number));
    if (ranges.every((r) => r.length === 1) && minutes.length === 1) {
      return `${daily} at ${list(ranges.map(([h]) => `${h}:${pad(minutes[0]!)}`))}${zone}`;
    }
    if (minutes.length === 1 && everyDay) {
      const m = pad(minutes[0]!);
      const spans = ranges.map(([a, b]) => (b === undefined ? `${a}:${m}` : `${a}:${m} to ${b}:${m}`));
      return `every hour at :${m}, from ${list(spans)}${zone}`;
    }
  }
  return `on the schedule “${cron}”${zone}`;
}

function minuteMarks(step: number): string[] {
  const marks: string[] = [];
  for (let m = 0; m < 60; m += step) marks.push(`:${pad(m)}`);
  return marks;
}

/**
 * A job type added by an update gets its default schedule in every installed shop, as a new install
 * would (the scheduler does this when it starts). Existing rows, paused or edited, are left alone;
 * uninstalled shops get nothing (a reinstall creates theirs).
 */
export async function addMissingDefaultSchedules(db: Db): Promise<number> {
  const defaults = registeredJobTypes().flatMap((definition) => {
    const cron = defaultCronFor(definition.type);
    return cron ? [{ type: definition.type, cron }] : [];
  });
  if (defaults.length === 0) return 0;
  const [shops, existing] = await Promise.all([
    db.shop.findMany({ where: { uninstalledAt: null }, select: { domain: true, ianaTimezone: true } }),
    db.schedule.findMany({ where: { type: { in: defaults.map((d) => d.type) } }, select: { shop: true, type: true } }),
  ]);
  const present = new Set(existing.map((row) => `${row.shop}\n${row.type}`));
  let created = 0;
  for (const shop of shops)
    for (const { type, cron } of defaults) {
      if (present.has(`${shop.domain}\n${type}`)) continue;
      await db.schedule.upsert({
        where: { shop_type: { shop: shop.domain, type } },
        create: { shop: shop.domain, type, cron, timezone: shop.ianaTimezone },
        update: {},
      });
      created += 1;
    }
  return created;
}

/** Creates the default schedules of every registered job type for a shop; leaves existing rows alone. */
export async function ensureDefaultSchedules(db: Db, shop: string, timezone: string): Promise<number> {
  let created = 0;
  for (const definition of registeredJobTypes()) {
    const cron = defaultCronFor(definition.type);
    if (!cron) continue;
    const existing = await db.schedule.findUnique({ where: { shop_type: { shop, type: definition.type } } });
    if (existing) continue;
    await db.schedule.upsert({
      where: { shop_type: { shop, type: definition.type } },
      create: { shop, type: definition.type, cron, timezone },
      update: {},
    });
    created += 1;
  }
  return created;
}
