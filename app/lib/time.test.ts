// The shared sleep: waits, and gives up at once when its signal aborts (a run cancelled or past its
// deadline does not sit out a connector's Retry-After); the Square and RetailCRM clients wait with it.
import { describe, expect, it } from "vitest";
import { sleep } from "./time";

describe("sleep", () => {
  it("waits the time asked", async () => {
    const start = Date.now();
    await sleep(30);
    expect(Date.now() - start).toBeGreaterThanOrEqual(25);
  });

  it("stops waiting with the signal's reason when it aborts", async () => {
    const controller = new AbortController();
    const start = Date.now();
    const waiting = sleep(60_000, controller.signal);
    setTimeout(() => controller.abort(new Error("run cancelled")), 20);
    await expect(waiting).rejects.toThrow("run cancelled");
    expect(Date.now() - start).toBeLessThan(5_000);
  });

  it("does not wait at all on a signal already aborted", async () => {
    const controller = new AbortController();
    controller.abort(new Error("deadline passed"));
    await expect(sleep(60_000, controller.signal)).rejects.toThrow("deadline passed");
  });
});
