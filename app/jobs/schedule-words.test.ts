import { describe, expect, it } from "vitest";
import {
  canonicalTimeZone,
  cronFromPlan,
  describeCron,
  planFromCron,
  timesFromText,
  windowsFromText,
  type SchedulePlan,
} from "./schedule-words";

const plan = (fields: Partial<SchedulePlan> & Pick<SchedulePlan, "kind">): SchedulePlan => ({
  every: 0,
  minutes: [],
  hours: [],
  windows: [],
  days: [],
  monthDays: [],
  months: [],
  ...fields,
});

describe("cron in plain words", () => {
  it.each([
    ["*/2 * * * *", "every 2 minutes"],
    ["* * * * *", "every minute"],
    ["*/15 8-18 * * 1-5", "every 15 minutes, from 8:00 to 18:45, on weekdays (Monday to Friday)"],
    ["35 * * * *", "every hour at :35"],
    // The seed's stock schedule: hourly, outside the ERP's nightly maintenance.
    ["10 0-2,5-23 * * *", "every hour at :10, from 0:10 to 2:10 and 5:10 to 23:10"],
    ["30 6 * * *", "every day at 6:30"],
    ["0 7 * * 1,3,5", "every Monday, Wednesday and Friday at 7:00"],
    ["0 9 * * 0,6", "every Saturday and Sunday at 9:00"],
    ["0 9 * * SUN", "every Sunday at 9:00"],
    ["0 */6 * * *", "every 6 hours at :00"],
    ["0,30 9-17 * * *", "every 30 minutes, from 9:00 to 17:30"],
    ["5,35 9-17 * * *", "every hour at :05 and :35, from 9:05 to 17:35"],
    ["15 2 1 * *", "at 2:15, on day 1 of the month"],
    ["0 4 * 1,7 *", "every day at 4:00, in January and July"],
  ])("says %s as “%s”", (cron, words) => {
    expect(describeCron(cron)).toBe(words);
  });

  it("reads no invalid cron", () => {
    for (const cron of ["", "* * * *", "61 * * * *", "0 24 * * *", "0 0 0 * *", "a b c d e", "5-1 * * * *"])
      expect(describeCron(cron)).toBeNull();
  });
});

describe("picker plan ↔ cron", () => {
  it.each<[SchedulePlan, string]>([
    [plan({ kind: "minutes", every: 5 }), "*/5 * * * *"],
    [plan({ kind: "minutes", every: 1 }), "* * * * *"],
    [plan({ kind: "hourly", minutes: [40] }), "40 * * * *"],
    [
      plan({
        kind: "hourly",
        minutes: [10],
        windows: [
          { from: 0, to: 2 },
          { from: 5, to: 23 },
        ],
      }),
      "10 0-2,5-23 * * *",
    ],
    [plan({ kind: "daily", minutes: [20], hours: [4] }), "20 4 * * *"],
    [plan({ kind: "daily", minutes: [0], hours: [8, 12, 18], days: [1, 2, 3, 4, 5] }), "0 8,12,18 * * 1-5"],
    [plan({ kind: "minutes", every: 10, windows: [{ from: 8, to: 19 }], days: [6, 0] }), "*/10 8-19 * * 0,6"],
  ])("writes %o as %s and reads it back", (picked, cron) => {
    expect(cronFromPlan(picked)).toBe(cron);
    expect(planFromCron(cron)).toEqual({ ...picked, days: [...picked.days].sort((a, b) => a - b) });
  });

  it("keeps what any cron means through a round trip", () => {
    for (const cron of ["*/45 * * * *", "0 */2 * * *", "5 1-3,7 * * MON-FRI", "0 0 1,15 * *", "30 6 * * 7"]) {
      const first = planFromCron(cron)!;
      expect(planFromCron(cronFromPlan(first))).toEqual(first);
      expect(describeCron(cronFromPlan(first))).toBe(describeCron(cron));
    }
  });

  it("reads the picker's hour windows and times as a merchant types them", () => {
    expect(windowsFromText("0-2, 5-23")).toEqual([
      { from: 0, to: 2 },
      { from: 5, to: 23 },
    ]);
    expect(windowsFromText("5 to 23 and 0–2")).toEqual([
      { from: 0, to: 2 },
      { from: 5, to: 23 },
    ]);
    expect(windowsFromText("")).toEqual([]);
    expect(windowsFromText("22-3")).toBeNull();
    expect(timesFromText("8:30, 12:30")).toEqual({ hours: [8, 12], minute: 30 });
    expect(timesFromText("6")).toEqual({ hours: [6], minute: 0 });
    expect(timesFromText("8:30, 12:15")).toBeNull();
  });
});

describe("time zones", () => {
  it("stores the canonical name", () => {
    expect(canonicalTimeZone("europe/paris")).toBe("Europe/Paris");
    expect(canonicalTimeZone(" Europe/Paris ")).toBe("Europe/Paris");
    expect(canonicalTimeZone("utc")).toBe("UTC");
    expect(canonicalTimeZone("Mars/Olympus")).toBeNull();
  });
});
