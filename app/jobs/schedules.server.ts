// Cron schedules in the merchant's terms: the defaults for a Fastmag shop (the seed's crons), validation,
// the next few run times, and a description in plain words ("every hour at :35, Europe/Paris").
import parser from "cron-parser";
import type { Db } from "../db.server";
import { ValidationError } from "../lib/errors";
import { registeredJobTypes } from "./registry.server";

/** Default cron per job type. Only types with a registered handler get a Schedule row. */
export const DEFAULT_SCHEDULES: Record<string, { cron: string; hoursNote?: string }> = {
  "fastmag.differential-stock": { cron: "*/2 * * * *" },
  "fastmag.order-statuses": { cron: "35 * * * *" },
  "fastmag.order-deliveries": { cron: "50 * * * *" },
  // Cron counts minutes within each hour, so "every 45 minutes" becomes :00 and :45 of every hour.
  "fastmag.giftcard-mails": {
    cron: "*/45 * * * *",
    hoursNote: "at :00 and :45 (cron cannot express a true 45-minute interval)",
  },
  "fastmag.full-stock": { cron: "10 0-2,5-23 * * *", hoursNote: "not between 3:00 and 5:00 (Fastmag maintenance)" },
  "fastmag.prices": { cron: "40 0-2,5-23 * * *", hoursNote: "not between 3:00 and 5:00 (Fastmag maintenance)" },
  "fastmag.sftp-images": { cron: "0 */2 * * *" },
  "fastmag.publish-ready-products": { cron: "45 21 * * *" },
  "maintenance.prune-job-history": { cron: "20 4 * * *" },
};

export function defaultCronFor(type: string): string | undefined {
  const registered = registeredJobTypes().find((t) => t.type === type);
  return registered?.defaultSchedule?.cron ?? DEFAULT_SCHEDULES[type]?.cron;
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
