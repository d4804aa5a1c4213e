// Cancel stops a run where it stands: a price run cancelled while it writes to Shopify writes nothing
// after the products in flight, ends "cancelled" (not "succeeded"), and its counters and log say what
// it had applied by then. The worker's heartbeat is far away (default lease): the checkpoint between
// products must see the request itself.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "~/db.server";
import { cancelJob, enqueueJob, getJob } from "~/jobs/api.server";
import { runDueJobs } from "~/jobs/worker.server";
import { installWorldShopWithFastmag, startStockWorld, type StockWorld } from "./stock-harness";

const IN_FLIGHT = 8; // writeVariantPrices' default concurrency: products written side by side

describe("cancelling a running price sync", () => {
  let world: StockWorld;
  beforeAll(async () => {
    world = await startStockWorld({ variants: 600 });
    await installWorldShopWithFastmag(world);
  });
  afterAll(() => world?.close());

  const priceWrites = () =>
    world.shopify.callLog({ shop: world.shop }).filter((c) => c.operationName === "ProductVariantsBulkUpdate").length;
  const changedVariants = () => [...world.shopRecord.variants.values()].filter((v) => v.price !== "10.00").length;

  it("writes nothing after the batch in flight and ends Cancelled with what it applied", async () => {
    const products = new Set([...world.shopRecord.variants.values()].map((v) => v.sku?.split("|")[0])).size;
    expect(products).toBeGreaterThan(4 * IN_FLIGHT);
    // Every Shopify call takes a while, so the run is still writing when the merchant cancels.
    world.shopify.faults.add({ kind: "latency", ms: 60 });
    const { jobId } = await enqueueJob(
      { db },
      {
        shop: world.shop,
        type: "prices.update",
        trigger: "manual",
        params: { readMode: "paged", bulkMutationFrom: 100_000 },
      },
    );
    const running = runDueJobs({ db, types: ["prices.update"] });
    while (priceWrites() < IN_FLIGHT) await new Promise((resolve) => setTimeout(resolve, 20));
    expect((await cancelJob({ db }, world.shop, jobId)).cancelRequested).toBe(true);
    const writesAtCancel = priceWrites();
    await running;

    const job = await getJob({ db }, world.shop, jobId, { logLines: 50 });
    expect(job?.status).toBe("cancelled");
    expect(priceWrites() - writesAtCancel).toBeLessThanOrEqual(IN_FLIGHT);
    expect(priceWrites()).toBeLessThan(products);
    // What it applied is what Shopify holds, and the run says so.
    expect(job?.counters.changed).toBe(changedVariants());
    expect(job?.counters.changed).toBeGreaterThan(0);
    expect(job?.log.map((l) => l.message)).toContain(
      `Cancelled on request: stopped after ${changedVariants()} changes. Nothing was written after that.`,
    );
  });
});
