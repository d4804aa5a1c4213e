// The stock and price syncs as jobs, the way the Syncs screen runs them (Run now → worker): the shop's
// saved Fastmag settings and offline session are all they need; progress, counters and skipped records
// land on the run; the explorer's SKU view then shows Fastmag, Shopify and the snapshot agreeing.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { saveFastmagSettings } from "~/connectors/fastmag/settings.server";
import { db } from "~/db.server";
import { enqueueJob, getJob, listJobTypes } from "~/jobs/api.server";
import { runDueJobs } from "~/jobs/worker.server";
import { skuStockViewForShop } from "~/sync/stock-view.server";
import { installShop } from "../support/admin-request";
import { CREDENTIALS } from "./fastmag-harness";
import { startStockWorld, type StockWorld } from "./stock-harness";

const TYPES = ["stock.full", "stock.changes", "prices.update"];

describe("stock and price jobs", () => {
  let world: StockWorld;
  beforeAll(async () => {
    world = await startStockWorld({ variants: 300, initialShopifyLevel: () => 50 });
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
  });
  afterAll(() => world?.close());

  async function run(type: string) {
    const { jobId } = await enqueueJob({ db }, { shop: world.shop, type, trigger: "api" });
    await runDueJobs({ db, types: [type] });
    return getJob({ db }, world.shop, jobId);
  }

  it("are listed for the Syncs screen", async () => {
    const types = await listJobTypes({ db }, world.shop);
    expect(types.map((t: { type: string }) => t.type)).toEqual(expect.arrayContaining(TYPES));
  });

  it("run the full stock sync with progress and counters, then changes only, then prices", async () => {
    const full = await run("stock.full");
    expect(full).toMatchObject({
      status: "succeeded",
      error: null,
      counters: { seen: world.skus.length, changed: expect.any(Number) },
    });
    expect(full!.progress.total).toBe(full!.progress.done);
    expect(full!.counters.changed).toBeGreaterThan(250);
    const levels = world.shopifyLevels();
    for (const [sku, stock] of world.erpWebStock()) expect([sku, levels.get(sku)]).toEqual([sku, stock]);

    const differential = await run("stock.changes");
    expect(differential).toMatchObject({ status: "succeeded", result: { mode: "full", reason: "no watermark yet" } });
    const prices = await run("prices.update");
    expect(prices).toMatchObject({ status: "succeeded", result: { changed: world.skus.length } });
  });

  it("shows one SKU's stock on both sides and in the snapshot", async () => {
    const sku = world.skus[7];
    const view = await skuStockViewForShop(world.shop, sku);
    const expected = world.erpWebStock().get(sku);
    expect(view.source).toMatchObject({
      available: expected,
      detail: expect.stringMatching(/^Fastmag: general stock \d+ · web stock \d+$/),
    });
    expect(view.shopify).toEqual([
      { inventoryItemId: expect.stringMatching(/^gid:\/\/shopify\/InventoryItem\//), available: expected },
    ]);
    expect(view.snapshot).toMatchObject({ webStock: expected, shopifyQuantity: expected });
  });
});
