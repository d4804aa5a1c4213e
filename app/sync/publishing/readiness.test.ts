import { describe, expect, it } from "vitest";
import { fireTimesBetween } from "../../jobs/schedules.server";
import { publishReadyJob } from "./jobs.server";
import { ALL_RULES_ON, READINESS_RULES, notReadyReasons, rulesFrom, type ProductFacts } from "./readiness";

const ready: ProductFacts = {
  images: 2,
  prices: [29.9, 29.9],
  sellableStock: 4,
  descriptionHtml: "<p>Soft cotton.</p>",
  sourceId: "BOXE20",
};

const failing: Record<string, Partial<ProductFacts>> = {
  image: { images: 0 },
  price: { prices: [29.9, 0] },
  stock: { sellableStock: 0 },
  description: { descriptionHtml: "<p> </p>" },
  sourceId: { sourceId: null },
};

describe("readiness rules", () => {
  it("passes a product meeting every rule", () => {
    expect(notReadyReasons(ready, ALL_RULES_ON)).toEqual([]);
  });

  it.each(READINESS_RULES.map((rule) => [rule.key, rule.reason] as const))(
    "fails the %s rule alone, with its reason, and passes once it is turned off",
    (key, reason) => {
      const facts = { ...ready, ...failing[key] };
      expect(notReadyReasons(facts, ALL_RULES_ON)).toEqual([reason]);
      expect(notReadyReasons(facts, { ...ALL_RULES_ON, [key]: false })).toEqual([]);
    },
  );

  it("gives every reason at once", () => {
    expect(notReadyReasons({ ...ready, images: 0, sellableStock: -1 }, ALL_RULES_ON)).toEqual(["no image", "no stock"]);
  });

  it("reads stored rules leniently: unknown or missing is on", () => {
    expect(rulesFrom('{"stock": false, "other": false}')).toEqual({ ...ALL_RULES_ON, stock: false });
    expect(rulesFrom("not json")).toEqual(ALL_RULES_ON);
  });
});

describe("the 21:45 publishing schedule", () => {
  it("fires at 21:45 in the shop's time zone every day across the spring and autumn clock changes", () => {
    const cron = publishReadyJob.defaultSchedule!.cron;
    const spring = fireTimesBetween(
      cron,
      "Europe/Paris",
      new Date("2026-03-27T00:00:00Z"),
      new Date("2026-03-31T00:00:00Z"),
    );
    expect(spring.map((d) => d.toISOString())).toEqual([
      "2026-03-27T20:45:00.000Z",
      "2026-03-28T20:45:00.000Z",
      "2026-03-29T19:45:00.000Z", // summer time from 29 March
      "2026-03-30T19:45:00.000Z",
    ]);
    const autumn = fireTimesBetween(
      cron,
      "Europe/Paris",
      new Date("2026-10-24T00:00:00Z"),
      new Date("2026-10-27T00:00:00Z"),
    );
    expect(autumn.map((d) => d.toISOString())).toEqual([
      "2026-10-24T19:45:00.000Z",
      "2026-10-25T20:45:00.000Z", // winter time from 25 October
      "2026-10-26T20:45:00.000Z",
    ]);
    const newYork = fireTimesBetween(
      cron,
      "America/New_York",
      new Date("2026-03-07T12:00:00Z"),
      new Date("2026-03-10T12:00:00Z"),
    );
    expect(newYork.map((d) => d.toISOString())).toEqual([
      "2026-03-08T02:45:00.000Z",
      "2026-03-09T01:45:00.000Z",
      "2026-03-10T01:45:00.000Z",
    ]);
  });
});
