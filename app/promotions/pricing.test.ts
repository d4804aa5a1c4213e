import { describe, expect, it } from "vitest";
import { instantToLocal, localToInstant } from "./local-time";
import { promoCompareAt, promoPrice } from "./pricing";

describe("promotion prices", () => {
  it("takes the percentage off and rounds to the cent", () => {
    expect(promoPrice("39.90", 30, "cent")).toBe("27.93");
    expect(promoPrice("10.00", 15, "cent")).toBe("8.50");
    expect(promoPrice("0.01", 50, "cent")).toBe("0.01");
  });

  it("rounds down to a price ending in 9 cents with the x9 rule", () => {
    expect(promoPrice("39.90", 30, "x9")).toBe("27.89");
    expect(promoPrice("10.00", 20, "x9")).toBe("7.99");
    expect(promoPrice("27.39", 0, "x9")).toBe("27.39");
    expect(promoPrice("0.10", 50, "x9")).toBe("0.05"); // too small for 9 cents: to the cent
  });

  it("shows the price before the promotion as compare-at, or the higher compare-at it had", () => {
    expect(promoCompareAt("40.00", null)).toBe("40.00");
    expect(promoCompareAt("40.00", "50.00")).toBe("50.00");
    expect(promoCompareAt("40.00", "30.00")).toBe("40.00");
  });
});

describe("shop wall times across daylight-saving changes (Europe/Paris)", () => {
  const paris = (text: string) => localToInstant(text, "Europe/Paris")?.toISOString();

  it("reads ordinary winter and summer times", () => {
    expect(paris("2026-03-28T10:00")).toBe("2026-03-28T09:00:00.000Z");
    expect(paris("2026-03-29T10:00")).toBe("2026-03-29T08:00:00.000Z");
    expect(paris("2026-10-25T10:00")).toBe("2026-10-25T09:00:00.000Z");
  });

  it("takes a skipped spring time an hour later and a repeated autumn time at its first occurrence", () => {
    expect(paris("2026-03-29T02:30")).toBe("2026-03-29T01:30:00.000Z"); // 03:30 CEST
    expect(paris("2026-03-29T03:00")).toBe("2026-03-29T01:00:00.000Z");
    expect(paris("2026-10-25T02:30")).toBe("2026-10-25T00:30:00.000Z"); // the first 02:30 (CEST)
    expect(paris("2026-10-25T03:00")).toBe("2026-10-25T02:00:00.000Z");
  });

  it("refuses what is not a wall time and writes instants back as wall times", () => {
    expect(localToInstant("2026-13-01T10:00", "Europe/Paris")).toBeNull();
    expect(localToInstant("tomorrow", "Europe/Paris")).toBeNull();
    expect(instantToLocal(new Date("2026-10-25T01:30:00Z"), "Europe/Paris")).toBe("2026-10-25T02:30");
  });
});
