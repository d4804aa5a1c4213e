// Schedules in a merchant's words, both ways: a cron read as a plan ("every hour at :10, from 0:10 to
// 2:10 and 5:10 to 23:10") that the schedule picker edits, and a plan written back as a cron. Plain
// code without server imports: the picker runs it in the browser, the server describes stored crons.
// Every 5-field cron reads as a plan (cron's own text never reaches a merchant); the picker offers
// the usual ones (every N minutes, hourly at :MM, daily at HH:MM, chosen days, hour windows) and keeps
// anything else as a cron to edit under "Custom".

import { defineWords } from "../i18n/define";
import type { Locale } from "../i18n/locale";

export type PlanKind = "minutes" | "hourly" | "daily";

export interface SchedulePlan {
  kind: PlanKind;
  /** "minutes": every this many minutes, from :00 (a divisor of 60). */
  every: number;
  /** "hourly" and "daily": the minutes past the hour (usually one). */
  minutes: number[];
  /** "daily": the hours of the day it runs at. */
  hours: number[];
  /** "minutes" and "hourly": runs only within these hour spans (both ends included); empty = all day. */
  windows: HourWindow[];
  /** Days of the week, 0 = Sunday … 6 = Saturday; empty = every day. */
  days: number[];
  /** Rarely used, kept from a cron: days of the month and months (1–12); empty = all. */
  monthDays: number[];
  months: number[];
}

export interface HourWindow {
  from: number;
  to: number;
}

export const MINUTE_STEPS = [1, 2, 3, 4, 5, 6, 10, 12, 15, 20, 30] as const;
export const DAY_NAMES = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"] as const;
const MONTH_NAMES = [
  "January",
  "February",
  "March",
  "April",
  "May",
  "June",
  "July",
  "August",
  "September",
  "October",
  "November",
  "December",
] as const;

const FIELD_RANGES: [number, number][] = [
  [0, 59],
  [0, 23],
  [1, 31],
  [1, 12],
  [0, 7],
];
const NAMES: Record<number, string[]> = {
  3: ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"],
  4: ["SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"],
};

/** The values one cron field allows, sorted; null when the field is not valid. */
function expandField(text: string, index: number): number[] | null {
  const [min, max] = FIELD_RANGES[index]!;
  const names = NAMES[index];
  const value = (token: string): number | null => {
    const named = names?.indexOf(token.toUpperCase()) ?? -1;
    if (named >= 0) return named + (index === 3 ? 1 : 0);
    if (!/^\d+$/.test(token)) return null;
    const n = Number(token);
    return n >= min && n <= max ? n : null;
  };
  const values = new Set<number>();
  for (const part of text.split(",")) {
    const match = /^([^/]+)(?:\/(\d+))?$/.exec(part);
    if (!match) return null;
    const step = match[2] === undefined ? 1 : Number(match[2]);
    if (step < 1) return null;
    let from: number | null;
    let to: number | null;
    if (match[1] === "*" || match[1] === "?") [from, to] = [min, max];
    else if (match[1]!.includes("-")) {
      const [a, b, extra] = match[1]!.split("-");
      if (extra !== undefined) return null;
      [from, to] = [value(a!), value(b!)];
    } else {
      from = value(match[1]!);
      to = match[2] === undefined ? from : max;
    }
    if (from === null || to === null || from > to) return null;
    for (let v = from; v <= to; v += step) values.add(index === 4 && v === 7 ? 0 : v);
  }
  return [...values].sort((a, b) => a - b);
}

const isAll = (values: number[], index: number) => {
  const [min, max] = FIELD_RANGES[index]!;
  return values.length === (index === 4 ? 7 : max - min + 1);
};

/** Consecutive hours as spans: [0,1,2,5,6] → 0–2, 5–6. */
function spans(hours: number[]): HourWindow[] {
  const result: HourWindow[] = [];
  for (const h of hours) {
    const last = result.at(-1);
    if (last && last.to === h - 1) last.to = h;
    else result.push({ from: h, to: h });
  }
  return result;
}

/** A 5-field cron as a plan; null when it is not a valid cron. */
export function planFromCron(cron: string): SchedulePlan | null {
  const fields = cron.trim().split(/\s+/);
  if (fields.length !== 5) return null;
  const sets = fields.map((field, i) => expandField(field, i));
  if (sets.some((s) => s === null || s.length === 0)) return null;
  const [minutes, hours, monthDays, months, days] = sets as number[][];
  const base = {
    days: isAll(days!, 4) ? [] : days!,
    monthDays: isAll(monthDays!, 2) ? [] : monthDays!,
    months: isAll(months!, 3) ? [] : months!,
  };
  const windows = isAll(hours!, 1) ? [] : spans(hours!);
  const every = minutes!.length > 1 ? minutes![1]! - minutes![0]! : 0;
  const regular = minutes![0] === 0 && every > 0 && 60 % every === 0 && minutes!.length === 60 / every;
  if (regular) return { kind: "minutes", every, minutes: [], hours: [], windows, ...base };
  // Hours one after another read as "every hour … from … to …"; hours apart as times of the day.
  const hourly = windows.length === 0 || windows.some((w) => w.to > w.from);
  return hourly
    ? { kind: "hourly", every: 0, minutes: minutes!, hours: [], windows, ...base }
    : { kind: "daily", every: 0, minutes: minutes!, hours: hours!, windows: [], ...base };
}

/** Days as a cron field, with runs as ranges: [1,2,3,4,5] → "1-5". */
function rangesField(values: number[]): string {
  return spans([...values].sort((a, b) => a - b))
    .map((s) => (s.from === s.to ? `${s.from}` : `${s.from}-${s.to}`))
    .join(",");
}

/** The cron that runs a plan. */
export function cronFromPlan(plan: SchedulePlan): string {
  const minute =
    plan.kind === "minutes"
      ? plan.every === 1
        ? "*"
        : `*/${plan.every}`
      : [...plan.minutes].sort((a, b) => a - b).join(",");
  const hour =
    plan.kind === "daily"
      ? [...plan.hours].sort((a, b) => a - b).join(",")
      : plan.windows.length === 0
        ? "*"
        : plan.windows.map((w) => (w.from === w.to ? `${w.from}` : `${w.from}-${w.to}`)).join(",");
  const list = (values: number[]) => (values.length === 0 ? "*" : rangesField(values));
  return [minute, hour, list(plan.monthDays), list(plan.months), list(plan.days)].join(" ");
}

const pad = (n: number) => String(n).padStart(2, "0");

const FR_DAY_NAMES = ["dimanche", "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi"] as const;
const FR_MONTH_NAMES = [
  "janvier",
  "février",
  "mars",
  "avril",
  "mai",
  "juin",
  "juillet",
  "août",
  "septembre",
  "octobre",
  "novembre",
  "décembre",
] as const;

/** The words a plan is described with; `days` is null for every day, "weekdays" for Monday to Friday. */
const WORDS = defineWords({
  en: {
    and: "and",
    dayNames: DAY_NAMES as readonly string[],
    monthNames: MONTH_NAMES as readonly string[],
    weekend: "Saturday and Sunday",
    onDays: (days: string | "weekdays") => `, on ${days === "weekdays" ? "weekdays (Monday to Friday)" : days}`,
    onMonthDays: (list: string, alsoDays: boolean) =>
      `on day ${list} of the month${alsoDays ? " (or on the days above)" : ""}`,
    inMonths: (list: string) => `in ${list}`,
    mark: (minute: number) => `:${pad(minute)}`,
    everyHoursAt: (step: number, marks: string) => `every ${step} hours at ${marks}`,
    at: (times: string) => `at ${times}`,
    everyDayAt: (days: string | "weekdays" | null, times: string) =>
      `every ${days === "weekdays" ? "weekday (Monday to Friday)" : (days ?? "day")} at ${times}`,
    within: (list: string) => `, from ${list}`,
    span: (from: string, to: string) => `${from} to ${to}`,
    point: (time: string) => time,
    everyMinute: "every minute",
    everyMinutes: (n: number) => `every ${n} minutes`,
    everyHourAt: (marks: string) => `every hour at ${marks}`,
    notValid: "on a schedule that is not valid",
  },
  fr: {
    and: "et",
    dayNames: FR_DAY_NAMES as readonly string[],
    monthNames: FR_MONTH_NAMES as readonly string[],
    weekend: "samedi et dimanche",
    onDays: (days: string | "weekdays") =>
      days === "weekdays" ? ", en semaine (du lundi au vendredi)" : `, le ${days}`,
    onMonthDays: (list: string, alsoDays: boolean) =>
      `le ${list} du mois${alsoDays ? " (ou les jours ci-dessus)" : ""}`,
    inMonths: (list: string) => `en ${list}`,
    mark: (minute: number) => `xx:${pad(minute)}`,
    everyHoursAt: (step: number, marks: string) => `toutes les ${step} heures à ${marks}`,
    at: (times: string) => `à ${times}`,
    everyDayAt: (days: string | "weekdays" | null, times: string) =>
      days === "weekdays"
        ? `en semaine (du lundi au vendredi) à ${times}`
        : `${days === null ? "chaque jour" : `chaque ${days}`} à ${times}`,
    within: (list: string) => `, ${list}`,
    span: (from: string, to: string) => `de ${from} à ${to}`,
    point: (time: string) => `à ${time}`,
    everyMinute: "chaque minute",
    everyMinutes: (n: number) => `toutes les ${n} minutes`,
    everyHourAt: (marks: string) => `toutes les heures à ${marks}`,
    notValid: "selon un horaire non valide",
  },
});

/** The days of the week as the picker shows them (0 = Sunday), capitalised: "Monday" / "Lundi". */
export function dayNames(locale: Locale = "en"): string[] {
  return WORDS[locale].dayNames.map((d) => d.charAt(0).toUpperCase() + d.slice(1));
}

/** "a, b and c" / "a, b et c". */
export function listInWords(items: string[], locale: Locale = "en"): string {
  return items.length <= 1 ? items.join("") : `${items.slice(0, -1).join(", ")} ${WORDS[locale].and} ${items.at(-1)}`;
}

function daysInWords(days: number[], locale: Locale): string | "weekdays" | null {
  if (days.length === 0) return null;
  const key = [...days].sort((a, b) => a - b).join(",");
  if (key === "1,2,3,4,5") return "weekdays";
  if (key === "0,6") return WORDS[locale].weekend;
  // Monday first, as a week reads in most of the world.
  const ordered = [...days].sort((a, b) => ((a + 6) % 7) - ((b + 6) % 7));
  return listInWords(
    ordered.map((d) => WORDS[locale].dayNames[d]!),
    locale,
  );
}

function calendarInWords(plan: SchedulePlan, locale: Locale): string {
  const w = WORDS[locale];
  const parts: string[] = [];
  if (plan.monthDays.length)
    parts.push(w.onMonthDays(listInWords(plan.monthDays.map(String), locale), plan.days.length > 0));
  if (plan.months.length)
    parts.push(
      w.inMonths(
        listInWords(
          plan.months.map((m) => w.monthNames[m - 1]!),
          locale,
        ),
      ),
    );
  return parts.length ? `, ${parts.join(", ")}` : "";
}

/** Regular hours (0, 2, 4 … 22): "every 2 hours". */
function hourStep(hours: number[]): number | null {
  if (hours.length < 3 || hours[0] !== 0) return null;
  const step = hours[1]! - hours[0]!;
  if (24 % step !== 0 || hours.length !== 24 / step) return null;
  return hours.every((h, i) => h === i * step) ? step : null;
}

/** A plan in plain words, without the time zone: "every hour at :10, from 0:10 to 2:10 and 5:10 to 23:10". */
export function describePlan(plan: SchedulePlan, locale: Locale = "en"): string {
  const w = WORDS[locale];
  const list = (items: string[]) => listInWords(items, locale);
  const days = daysInWords(plan.days, locale);
  const onDays = days ? w.onDays(days) : "";
  const calendar = calendarInWords(plan, locale);
  if (plan.kind === "daily") {
    const step = hourStep(plan.hours);
    const marks = list(plan.minutes.map(w.mark));
    if (step) return `${w.everyHoursAt(step, marks)}${onDays}${calendar}`;
    const times = list(plan.hours.flatMap((h) => plan.minutes.map((m) => `${h}:${pad(m)}`)));
    if (plan.monthDays.length && !days) return `${w.at(times)}${calendar}`;
    return `${w.everyDayAt(days, times)}${calendar}`;
  }
  const first = plan.kind === "minutes" ? 0 : plan.minutes[0]!;
  const last = plan.kind === "minutes" ? 60 - plan.every : plan.minutes.at(-1)!;
  const within = plan.windows.length
    ? w.within(
        list(
          plan.windows.map((span) =>
            span.from === span.to && first === last
              ? w.point(`${span.from}:${pad(first)}`)
              : w.span(`${span.from}:${pad(first)}`, `${span.to}:${pad(last)}`),
          ),
        ),
      )
    : "";
  const head =
    plan.kind === "minutes"
      ? plan.every === 1
        ? w.everyMinute
        : w.everyMinutes(plan.every)
      : w.everyHourAt(list(plan.minutes.map(w.mark)));
  return `${head}${within}${onDays}${calendar}`;
}

/** A cron in plain words, without the time zone; null when it is not a valid cron. */
export function describeCron(cron: string, locale: Locale = "en"): string | null {
  const plan = planFromCron(cron);
  return plan ? describePlan(plan, locale) : null;
}

/** "every hour at :10, …, Europe/Paris": any cron, in plain words, with its time zone. */
export function describeScheduleIn(cron: string, tz: string, locale: Locale = "en"): string {
  return `${describeCron(cron, locale) ?? WORDS[locale].notValid}, ${tz}`;
}

/** "0-2, 5-23" (what the picker's hours field holds) ↔ windows. */
export function windowsFromText(text: string): HourWindow[] | null {
  const trimmed = text.trim();
  if (trimmed === "") return [];
  const windows: HourWindow[] = [];
  for (const part of trimmed.split(/\s*(?:,|;|\band\b)\s*/)) {
    const match = /^(\d{1,2})(?::00)?(?:\s*(?:-|–|to)\s*(\d{1,2})(?::00)?)?$/.exec(part.trim());
    if (!match) return null;
    const from = Number(match[1]);
    const to = match[2] === undefined ? from : Number(match[2]);
    if (from > 23 || to > 23 || from > to) return null;
    windows.push({ from, to });
  }
  return windows.sort((a, b) => a.from - b.from);
}

export function windowsToText(windows: HourWindow[]): string {
  return windows.map((w) => (w.from === w.to ? `${w.from}` : `${w.from}-${w.to}`)).join(", ");
}

/** "8:30" or "8:30, 12:30" (one minute for all: a single schedule) ↔ hours and minute. */
export function timesFromText(text: string): { hours: number[]; minute: number } | null {
  const parts = text
    .split(/\s*(?:,|;|\band\b)\s*/)
    .map((p) => p.trim())
    .filter(Boolean);
  if (parts.length === 0) return null;
  const times = parts.map((p) => /^(\d{1,2})(?:[:h.](\d{2}))?$/.exec(p));
  if (times.some((t) => !t)) return null;
  const hours = times.map((t) => Number(t![1]));
  const minutes = times.map((t) => Number(t![2] ?? 0));
  if (hours.some((h) => h > 23) || minutes.some((m) => m > 59) || new Set(minutes).size !== 1) return null;
  return { hours: [...new Set(hours)].sort((a, b) => a - b), minute: minutes[0]! };
}

export function timesToText(hours: number[], minutes: number[]): string {
  return hours.flatMap((h) => minutes.map((m) => `${h}:${pad(m)}`)).join(", ");
}

/** The canonical name of a time zone ("Europe/Paris" for "europe/paris"); null when unknown. */
export function canonicalTimeZone(name: string): string | null {
  const trimmed = name.trim();
  if (trimmed === "") return null;
  const known = timeZoneNames().find((zone) => zone.toLowerCase() === trimmed.toLowerCase());
  if (known) return known;
  try {
    return new Intl.DateTimeFormat("en", { timeZone: trimmed }).resolvedOptions().timeZone;
  } catch {
    return null;
  }
}

let zones: string[] | null = null;

/** Every time zone this runtime knows, by its canonical name, UTC included: the picker's list. */
export function timeZoneNames(): string[] {
  if (!zones) {
    const supported = typeof Intl.supportedValuesOf === "function" ? Intl.supportedValuesOf("timeZone") : [];
    zones = [...new Set(["UTC", ...supported])];
  }
  return zones;
}
