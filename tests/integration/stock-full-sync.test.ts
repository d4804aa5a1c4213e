// Full stock sync against the Shopify and Fastmag emulators: only differences are written, nothing when
// nothing changed, 1% changed → at most 1% of the writes, negative stock as 0, unknown SKUs skipped,
// and a sync interrupted at a checkpoint then run again leaves Shopify equal to the ERP.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { JobInterrupted } from "~/jobs/context.server";
import { UNKNOWN_IN_SHOPIFY, unknownInSource } from "~/sync/shopify-stock.server";
import { fullStockSync } from "~/sync/stock.server";
import { quietReporter } from "~/sync/sync-context";
import { createProduct } from "../../emulators/shopify/catalog";
import { shopifyOf, startStockWorld, type StockWorld } from "./stock-harness";

const writesOf = (world: StockWorld) =>
  world.shopify.callLog({ shop: world.shop }).filter((c) => c.operationName === "InventorySetQuantities");

function expectEqualToErp(world: StockWorld) {
  const levels = world.shopifyLevels();
  const erp = world.erpWebStock();
  const differing = [...erp].filter(([sku, stock]) => levels.get(sku) !== stock);
  expect(differing).toEqual([]);
}

describe("full stock sync", () => {
  let world: StockWorld;
  beforeAll(async () => {
    // Shopify starts with different levels everywhere (-1: an oversold item). A Plus bucket: reading
    // 1,200 levels page by page costs ~3,600 points, which a Standard bucket paces over ~16 s.
    world = await startStockWorld({
      variants: 1200,
      initialShopifyLevel: (_sku, i) => (i % 7) - 1,
      plan: "Plus",
    });
  });
  afterAll(() => world?.close());

  it("writes every difference in batches of 250, then nothing on a second run", async () => {
    const report = quietReporter();
    const first = shopifyOf(await fullStockSync(world.stockRun({ runId: "run-1", report })));
    expect(first.readMode).toBe("bulk"); // nothing known yet
    expect(first.changed).toBeGreaterThan(900);
    expect(first.writeCalls).toBe(Math.ceil(first.changed / 250));
    expectEqualToErp(world);

    const calls = writesOf(world).length;
    const second = shopifyOf(await fullStockSync(world.stockRun({ runId: "run-2", report: quietReporter() })));
    expect(second.readMode).toBe("bulk"); // paging costs ~3 points per item: only one page is read that way
    expect(second.changed).toBe(0);
    expect(writesOf(world).length).toBe(calls);
  });

  it("writes at most 1% of the calls when 1% of the SKUs moved, and writes negative stock as 0", async () => {
    const moved = world.skus.filter((_, i) => i % 100 === 0); // 12 SKUs
    for (const [i, sku] of moved.entries()) world.moveErpStock(sku, i === 0 ? -10_000 : 3, "2026-01-01 10:00:00");
    const before = writesOf(world).length;
    const result = shopifyOf(
      await fullStockSync(world.stockRun({ runId: "run-3", report: quietReporter(), options: { readMode: "paged" } })),
    );
    expect(result.readMode).toBe("paged");
    expect(result.changed).toBe(moved.length);
    expect(writesOf(world).length - before).toBe(1); // 12 changes fit one call: ≤ 1% of 1,200 writes
    expect(world.shopifyLevels().get(moved[0])).toBe(0);
    expectEqualToErp(world);
  });

  it("reports SKUs unknown on either side as skipped records", async () => {
    createProduct(world.shopify.store, world.shopRecord, {
      title: "Hors ERP",
      variants: [{ sku: "ZZZ|NONE|U", inventory: { [world.locationId]: 4 } }],
    });
    world.fastmag.emulator.db
      .prepare(
        "INSERT INTO stocks (reference, color, size, stock_general, stock_web, last_modified) VALUES ('NEWREF', 'BLEU', 'M', 0, 5, '2026-01-01 10:00:00')",
      )
      .run();
    const report = quietReporter();
    await fullStockSync(world.stockRun({ runId: "run-4", report }));
    expect(report.skipped).toEqual(
      expect.arrayContaining([
        { entity: "variant", externalId: "ZZZ|NONE|U", reason: unknownInSource("Fastmag").text },
        { entity: "variant", externalId: "NEWREF|BLEU|M", reason: UNKNOWN_IN_SHOPIFY.text },
      ]),
    );
    expect(world.shopifyLevels().get("ZZZ|NONE|U")).toBe(4);
  });
});

describe("a full sync interrupted mid-run", () => {
  let world: StockWorld;
  beforeAll(async () => {
    world = await startStockWorld({ variants: 3000, initialShopifyLevel: (_sku, i) => 1000 + i });
  });
  afterAll(() => world?.close());

  it("ends with Shopify exactly equal to the ERP once restarted", async () => {
    // The job engine stops a run by throwing from ctx.checkpoint(): do that once three batches were sent.
    let checkpoints = 0;
    const stopping = {
      ...quietReporter(),
      checkpoint: async () => {
        if (writesOf(world).length >= 3 && ++checkpoints > 0) throw new JobInterrupted("shutdown");
      },
    };
    await expect(
      fullStockSync(world.stockRun({ runId: "run-a", report: stopping, options: { concurrency: 2 } })),
    ).rejects.toBeInstanceOf(JobInterrupted);
    const levels = world.shopifyLevels();
    const erp = world.erpWebStock();
    const done = [...erp].filter(([sku, stock]) => levels.get(sku) === stock).length;
    expect(done).toBeGreaterThan(0);
    expect(done).toBeLessThan(erp.size); // really stopped half-way

    // Meanwhile the ERP moves on, and a sale happens in Shopify on an item already written.
    world.moveErpStock(world.skus[5], 7, "2026-01-02 09:00:00");
    const result = shopifyOf(await fullStockSync(world.stockRun({ runId: "run-b", report: quietReporter() })));
    expect(result.changed).toBeGreaterThan(0);
    expectEqualToErp(world);
  });
});
