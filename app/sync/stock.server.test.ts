// A full stock run whose source fails while a destination is still reading its own side: the failure
// reaches the run (it is retried), and nothing is left as an unhandled rejection (one of those ends a
// Node process that runs with --unhandled-rejections=throw, and Vitest counts it as an error).
import { afterEach, describe, expect, it } from "vitest";
import type { StockDestination, StockWriteReport } from "../capabilities/stock-destination";
import type { StockSource } from "../capabilities/stock-source";
import { TransientError } from "../lib/errors";
import { fullStockSync } from "./stock.server";
import { quietReporter } from "./sync-context";

const unhandled: unknown[] = [];
const onUnhandled = (reason: unknown) => unhandled.push(reason);
afterEach(() => {
  process.off("unhandledRejection", onUnhandled);
  unhandled.length = 0;
});

const failingSource = (error: Error): StockSource => ({
  fullStock: async () => {
    throw error;
  },
  changedSince: async () => ({ items: [], skipped: [] }),
  stockOf: async () => null,
});

const report: StockWriteReport = { changed: 0, unchanged: 0, unmatched: 0 } as unknown as StockWriteReport;

/** Reads its own side for a while before it waits for the picture, as Shopify's destination does. */
const slowDestination = (ms: number): StockDestination => ({
  async writeAll(picture) {
    await new Promise((resolve) => setTimeout(resolve, ms));
    await picture;
    return report;
  },
  writeChanges: async () => report,
});

/** Fails on its own before it ever looks at the picture. */
const brokenDestination: StockDestination = {
  writeAll: async () => {
    throw new TransientError("Shopify did not answer");
  },
  writeChanges: async () => report,
};

describe("full stock run", () => {
  it("fails with the source's error, and leaves no unhandled rejection, when the source fails first", async () => {
    process.on("unhandledRejection", onUnhandled);
    const refused = new Error("The stock source refused the credentials");
    const run = fullStockSync({
      source: failingSource(refused),
      sourceName: "The ERP",
      destinations: [{ id: "shopify", name: "Shopify", destination: slowDestination(30) }],
      report: quietReporter(),
    });
    await expect(run).rejects.toBe(refused);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(unhandled).toEqual([]);
  });

  it("leaves no unhandled rejection when a destination fails without waiting for the picture", async () => {
    process.on("unhandledRejection", onUnhandled);
    const run = fullStockSync({
      source: failingSource(new Error("The stock source refused the credentials")),
      sourceName: "The ERP",
      destinations: [{ id: "shopify", name: "Shopify", destination: brokenDestination }],
      report: quietReporter(),
    });
    await expect(run).rejects.toThrow("Shopify did not answer");
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(unhandled).toEqual([]);
  });
});
