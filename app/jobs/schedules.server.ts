// Cron schedules in the merchant's terms: the default crons (the seed's), validation,
// the next few run times, and a description in plain words ("every hour at :35, Europe/Paris").
import parser from "cron-parser";
import type { Db } from "../db.server";
import { ValidationError } from "../lib/errors";
import { defineWords } from "../i18n/define";
import type { Locale } from "../i18n/locale";
import { assertParsableCron, cronFireTimes } from "./cron-times";
import { canonicalTimeZone, describeScheduleIn, planFromCron } from "./schedule-words";
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
  return canonicalTimeZone(tz) !== null;
}

const ERROR_WORDS = defineWords({
  en: {
    cron: "This schedule is not valid: use 5 fields — minute (0–59), hour (0–23), day of the month (1–31), month (1–12), day of the week (0–7, 0 and 7 are Sunday) — for example 35 * * * *.",
    timezone: (tz: string) => `Unknown time zone "${tz}": choose one from the list (e.g. Europe/Paris).`,
  },
  fr: {
    cron: "Cet horaire n'est pas valide : utilisez 5 champs — minute (0–59), heure (0–23), jour du mois (1–31), mois (1–12), jour de la semaine (0–7, 0 et 7 sont le dimanche) — par exemple 35 * * * *.",
    timezone: (tz: string) =>
      `Fuseau horaire inconnu « ${tz} » : choisissez-en un dans la liste (par ex. Europe/Paris).`,
  },
});

/** Field errors for a cron and timezone a merchant typed; empty when both are fine. */
export function scheduleErrors(cron: string, tz: string, locale: Locale = "en"): Record<string, string> {
  const words = ERROR_WORDS[locale];
  const errors: Record<string, string> = {};
  const fields = cron.trim().split(/\s+/);
  const plainError = words.cron;
  if (fields.length !== 5 || planFromCron(cron) === null) errors.cron = plainError;
  else {
    try {
      assertParsableCron(cron); // the time zone plays no part in parsing
    } catch {
      errors.cron = plainError;
    }
  }
  if (!isValidTimezone(tz)) errors.timezone = words.timezone(tz);
  return errors;
}

export function assertValidSchedule(cron: string, tz: string): void {
  const errors = scheduleErrors(cron, tz);
  if (Object.keys(errors).length) throw new ValidationError("The schedule is not valid.", errors);
}

// cron-parser's answer around a daylight-saving change depends on where iteration starts (started
// inside a repeated hour, "10 2 * * *" fires at the second 02:10 too). Starting a few hours early makes
// the answer a function of the instant alone, and the same as a long-running node-schedule process.
// (cron-times.ts computes that answer itself; the cron-parser fallback starts this early.)
const LOOKBACK_MS = 3 * 60 * 60_000;
// How far previewNextRuns looks before leaving a rare cron ("0 0 29 2 *") to cron-parser.
const PREVIEW_HORIZON_MS = 5 * 366 * 24 * 60 * 60_000;

/** The next `n` run times after `from`: the fires the scheduler will enqueue (fireTimesBetween's). */
export function previewNextRuns(cron: string, tz: string, n = 5, from: Date = new Date()): Date[] {
  assertValidSchedule(cron, tz);
  const fast = cronFireTimes(cron, tz, from, new Date(from.getTime() + PREVIEW_HORIZON_MS), n);
  if (fast && fast.length === n) return fast;
  const it = parser.parseExpression(cron, { currentDate: new Date(from.getTime() - LOOKBACK_MS), tz });
  const times: Date[] = [];
  while (times.length < n) {
    const next = it.next().toDate();
    if (next.getTime() > from.getTime()) times.push(next);
  }
  return times;
}

// The next run of each schedule, per minute asked from: the Syncs screen asks for every schedule's at
// each load and, while a run is under way, every 1.5 s.
const nextRuns = new Map<string, Date>();

/** The first fire time after `from`: previewNextRuns(cron, tz, 1, from). */
export function nextRunAfter(cron: string, tz: string, from: Date = new Date()): Date {
  // Crons fire on whole minutes: the first one after any instant of a minute is the one after its start.
  const minute = Math.floor(from.getTime() / 60_000) * 60_000;
  const key = `${tz}\n${cron}\n${minute}`;
  let next = nextRuns.get(key);
  if (!next) {
    next = previewNextRuns(cron, tz, 1, new Date(minute))[0]!;
    if (nextRuns.size >= 1_000) nextRuns.clear();
    nextRuns.set(key, next);
  }
  return next;
}

/** Fire times in (from, to], in order: what the scheduler enqueues over that span. */
export function fireTimesBetween(cron: string, tz: string, from: Date, to: Date): Date[] {
  const fast = cronFireTimes(cron, tz, from, to);
  if (fast) return fast;
  // No endDate/hasNext: cron-parser's hasNext computes the next time and throws it away.
  const it = parser.parseExpression(cron, { currentDate: new Date(from.getTime() - LOOKBACK_MS), tz });
  const times: Date[] = [];
  for (;;) {
    const next = it.next().toDate();
    if (next.getTime() > to.getTime()) return times;
    if (next.getTime() > from.getTime()) times.push(next);
  }
}

/** "every hour at :10, from 0:10 to 2:10 and 5:10 to 23:10, Europe/Paris": any cron, in plain words. */
export function describeSchedule(cron: string, tz: string, locale: Locale = "en"): string {
  return describeScheduleIn(cron, tz, locale);
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
