import { describe, expect, it } from "vitest";
import { AdminFaults } from "./faults";

describe("Admin API fault storms", () => {
  it("hits calls only during the window, at the configured share", () => {
    let now = 1_000;
    const faults = new AdminFaults(() => now);
    expect(faults.next()).toEqual({ kind: "none" });
    faults.set({ http5xxMs: 500, status5xx: 502 });
    expect(faults.next()).toEqual({ kind: "http5xx", status: 502 });
    now += 600;
    expect(faults.next()).toEqual({ kind: "none" });

    faults.set({ throttledMs: 1_000, rate: 0.5 });
    const kinds = Array.from({ length: 100 }, () => faults.next().kind);
    const throttled = kinds.filter((k) => k === "throttled").length;
    expect(throttled).toBeGreaterThan(30);
    expect(throttled).toBeLessThan(70);
    expect(faults.status().injected.throttled).toBe(throttled);
  });
});
