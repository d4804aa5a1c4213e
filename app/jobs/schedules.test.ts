import { describe, expect, it } from "vitest";
import { ValidationError } from "../lib/errors";
import {
  describeSchedule,
  fireTimesBetween,
  hourlyOutside,
  nextRunAfter,
  previewNextRuns,
  scheduleErrors,
} from "./schedules.server";
import { skippedToCsv } from "./skipped.server";

// The seed's crons; the registered job types' own defaults are checked where they are registered
// (tests/integration/jobs-schedule.test.ts).
describe("describeSchedule", () => {
  it.each([
    ["*/2 * * * *", "every 2 minutes, Europe/Paris"],
    ["35 * * * *", "every hour at :35, Europe/Paris"],
    ["50 * * * *", "every hour at :50, Europe/Paris"],
    ["*/45 * * * *", "every hour at :00 and :45, Europe/Paris"],
    ["10 0-2,5-23 * * *", "every hour at :10, from 0:10 to 2:10 and 5:10 to 23:10, Europe/Paris"],
    ["40 0-2,5-23 * * *", "every hour at :40, from 0:40 to 2:40 and 5:40 to 23:40, Europe/Paris"],
    ["0 */2 * * *", "every 2 hours at :00, Europe/Paris"],
    ["45 21 * * *", "every day at 21:45, Europe/Paris"],
  ])("says %s in plain words", (cron, words) => {
    expect(describeSchedule(cron, "Europe/Paris")).toBe(words);
  });

  it("handles weekdays, lists and anything else", () => {
    expect(describeSchedule("0 6 * * 1", "UTC")).toBe("every Monday at 6:00, UTC");
    expect(describeSchedule("15,45 * * * *", "UTC")).toBe("every hour at :15 and :45, UTC");
    expect(describeSchedule("0 8,12,18 * * *", "UTC")).toBe("every day at 8:00, 12:00 and 18:00, UTC");
    expect(describeSchedule("0 0 1 * *", "UTC")).toBe("at 0:00, on day 1 of the month, UTC");
  });
});

describe("hourlyOutside", () => {
  it("runs every hour outside a source's maintenance hours, and says why", () => {
    expect(hourlyOutside(10, [{ name: "The ERP", fromHour: 3, toHour: 5 }])).toEqual({
      cron: "10 0-2,5-23 * * *",
      hoursNote: "not between 3:00 and 5:00 (The ERP maintenance)",
    });
  });

  it("runs every hour when no source has maintenance hours", () => {
    expect(hourlyOutside(40, [])).toEqual({ cron: "40 * * * *" });
  });

  it("joins the windows of several sources, at the day's edges too", () => {
    const schedule = hourlyOutside(0, [
      { name: "A", fromHour: 0, toHour: 1 },
      { name: "B", fromHour: 22, toHour: 24 },
    ]);
    expect(schedule).toEqual({
      cron: "0 1-21 * * *",
      hoursNote: "not between 0:00 and 1:00 (A maintenance) or 22:00 and 24:00 (B maintenance)",
    });
    expect(() => hourlyOutside(0, [{ name: "A", fromHour: 0, toHour: 24 }])).toThrow(/no hour/);
  });
});

describe("schedule validation and preview", () => {
  it("explains what is wrong with a cron or a time zone", () => {
    expect(scheduleErrors("35 * * * *", "Europe/Paris")).toEqual({});
    expect(scheduleErrors("35 * * *", "Europe/Paris").cron).toMatch(/5 fields/);
    expect(scheduleErrors("61 * * * *", "Europe/Paris").cron).toMatch(/not valid/);
    expect(scheduleErrors("35 * * * *", "Mars/Olympus").timezone).toMatch(/Unknown time zone/);
    expect(() => previewNextRuns("nope", "UTC")).toThrow(ValidationError);
  });

  it("previews the next runs in the schedule's time zone", () => {
    const from = new Date("2026-10-25T00:50:00Z"); // 02:50 CEST, ten minutes before clocks go back
    expect(previewNextRuns("35 * * * *", "Europe/Paris", 3, from).map((d) => d.toISOString())).toEqual([
      "2026-10-25T01:35:00.000Z",
      "2026-10-25T02:35:00.000Z",
      "2026-10-25T03:35:00.000Z",
    ]);
    expect(previewNextRuns("45 21 * * *", "Europe/Paris", 2, from).map((d) => d.toISOString())).toEqual([
      "2026-10-25T20:45:00.000Z",
      "2026-10-26T20:45:00.000Z",
    ]);
  });

  it("previews, from inside an hour that happens twice, the run the scheduler will enqueue", () => {
    // 02:30 CET, the second 02:30 of the night clocks go back: 02:40 fired the first time round.
    const from = new Date("2026-10-25T01:30:00Z");
    const enqueued = fireTimesBetween("40 2 * * *", "Europe/Paris", from, new Date("2026-10-27T00:00:00Z"));
    expect(enqueued.map((d) => d.toISOString())).toEqual(["2026-10-26T01:40:00.000Z"]);
    expect(previewNextRuns("40 2 * * *", "Europe/Paris", 1, from)).toEqual(enqueued);
    expect(nextRunAfter("40 2 * * *", "Europe/Paris", from)).toEqual(enqueued[0]);
  });

  it("answers the next run as previewNextRuns does, whenever in a minute it is asked", () => {
    const cron = "10 0-2,5-23 * * *";
    // Around the night clocks go back in Paris (01:00 UTC), asked twice in each minute.
    const asks = ["00:50:00", "00:50:40", "01:05:00", "01:05:59", "01:09:59", "01:10:00", "01:10:30", "02:45:12"].map(
      (time) => new Date(`2026-10-25T${time}Z`),
    );
    for (const from of asks)
      for (const tz of ["Europe/Paris", "America/New_York"])
        expect(nextRunAfter(cron, tz, from).toISOString()).toBe(previewNextRuns(cron, tz, 1, from)[0]!.toISOString());
  });

  it("gives the same fire times whatever window they are asked for", () => {
    const whole = fireTimesBetween(
      "10 0-2,5-23 * * *",
      "Europe/Paris",
      new Date("2026-10-24T20:00:00Z"),
      new Date("2026-10-25T06:00:00Z"),
    );
    const pieces = [
      ...fireTimesBetween(
        "10 0-2,5-23 * * *",
        "Europe/Paris",
        new Date("2026-10-24T20:00:00Z"),
        new Date("2026-10-25T01:05:00Z"),
      ),
      ...fireTimesBetween(
        "10 0-2,5-23 * * *",
        "Europe/Paris",
        new Date("2026-10-25T01:05:00Z"),
        new Date("2026-10-25T06:00:00Z"),
      ),
    ];
    expect(pieces).toEqual(whole);
  });
});

describe("skippedToCsv", () => {
  it("writes a spreadsheet-safe CSV", () => {
    const csv = skippedToCsv([
      { entity: "variant", externalId: "SKU-1", reason: 'No price, "PV" empty', at: "2026-06-01T10:00:00.000Z" },
      { entity: "order", externalId: "=HYPERLINK()", reason: "line\nbreak", at: "2026-06-01T10:00:01.000Z" },
    ]);
    expect(csv).toBe(
      '\uFEFFentity,external_id,reason,at\r\nvariant,SKU-1,"No price, ""PV"" empty",2026-06-01T10:00:00.000Z\r\n' +
        'order,\'=HYPERLINK(),"line\nbreak",2026-06-01T10:00:01.000Z\r\n',
    );
  });
});
