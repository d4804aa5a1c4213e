// Cancel stops the stock runs where they stand: a full stock run and a changes-only run cancelled while
// their batches of levels go to Shopify (two calls side by side, each slowed) write nothing after the
// batches in flight, end Cancelled, and their Changes list holds exactly the levels Shopify now has
// from them — the batches that landed after the cancel included.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fastmagDateTime } from "~/connectors/fastmag/queries.server";
import { saveFastmagSettings } from "~/connectors/fastmag/settings.server";
import { db } from "~/db.server";
import { differentialStockSync } from "~/sync/differential-stock.server";
import { quietReporter } from "~/sync/sync-context";
import { installShop } from "../support/admin-request";
import { cancelWhileWriting, expectStoppedAfterWritesInFlight, type CancelledRun } from "../support/cancel-in-flight";
import { CREDENTIALS } from "./fastmag-harness";
import { startStockWorld, type StockWorld } from "./stock-harness";

const IN_FLIGHT = 2; // inventorySetQuantities calls side by side (the run's `concurrency`)
const BATCH = 250; // levels per call

describe("cancelling a running stock sync", () => {
  let world: StockWorld;
  beforeAll(async () => {
    world = await startStockWorld({ variants: 3000, initialShopifyLevel: () => 0, plan: "Plus" });
    await installShop(world.shop);
    await db.session.update({
      where: { id: `offline_${world.shop}` },
      data: { accessToken: world.shopify.issueAccessToken(world.shop) },
    });
    const saved = await saveFastmagSettings(
      world.shop,
      {
        host: world.fastmag.emulator.url,
        ...CREDENTIALS,
        stockA: false,
        stockB: "on",
        safetyMargin: "0",
        locationId: world.locationId,
        seasons: "",
        timeZone: "Europe/Paris",
      },
      { knownLocationIds: [world.locationId] },
    );
    expect(saved.ok).toBe(true);
  }, 60_000);
  afterAll(() => world?.close());

  const stockWrites = () =>
    world.shopify.callLog({ shop: world.shop }).filter((c) => c.operationName === "InventorySetQuantities").length;

  /** The run's Changes list is what Shopify holds from it: each SKU's level as the run said it wrote it. */
  function expectChangesAsInShopify(run: CancelledRun, before: Map<string, number>) {
    const now = world.shopifyLevels();
    const movedInShopify = [...now].filter(([sku, level]) => before.get(sku) !== level).map(([sku]) => sku);
    expect(run.changes.map((c) => c.externalId).sort()).toEqual(movedInShopify.sort());
    for (const change of run.changes) {
      expect(change.field).toBe("available");
      expect([change.externalId, change.after]).toEqual([change.externalId, String(now.get(change.externalId))]);
    }
    expect(run.job.counters.changed).toBe(run.changes.length);
    // Stopped early: not every SKU was written, and what was, was written in whole batches.
    expect(run.changes.length).toBeLessThan(world.skus.length);
    expect(run.changes.length % BATCH).toBe(0);
  }

  it("full stock: writes nothing after the batches in flight, ends Cancelled and lists what it wrote", async () => {
    world.shopify.faults.add({ kind: "latency", ms: 400 });
    try {
      const before = world.shopifyLevels();
      const run = await cancelWhileWriting({
        shop: world.shop,
        type: "stock.full",
        params: { readMode: "bulk", concurrency: IN_FLIGHT },
        writes: stockWrites,
        cancelAfterWrites: 2,
      });
      expectStoppedAfterWritesInFlight(run, IN_FLIGHT);
      expectChangesAsInShopify(run, before);
    } finally {
      world.shopify.faults.clear();
    }
  }, 60_000);

  it("changes only: writes nothing after the batches in flight, ends Cancelled and lists what it wrote", async () => {
    // A full run sets the watermark and brings Shopify level with Fastmag; then every SKU moves.
    await differentialStockSync({
      ...world.stockRun({ runId: "cancel-changes-full", report: quietReporter() }),
      db,
      shop: world.shop,
    });
    const at = fastmagDateTime(new Date(Date.now() + 60_000));
    for (const sku of world.skus) world.moveErpStock(sku, 3, at);
    world.shopify.faults.add({ kind: "latency", ms: 400 });
    try {
      const before = world.shopifyLevels();
      const run = await cancelWhileWriting({
        shop: world.shop,
        type: "stock.changes",
        params: { concurrency: IN_FLIGHT },
        writes: stockWrites,
        cancelAfterWrites: stockWrites() + 2,
      });
      expectStoppedAfterWritesInFlight(run, IN_FLIGHT);
      expectChangesAsInShopify(run, before);
    } finally {
      world.shopify.faults.clear();
    }
  }, 60_000);
});
