// A sale in Shopify between our read and our write: compare-and-swap refuses the stale batch, we
// re-read and keep the sale instead of overwriting it with the ERP's older figure; once the ERP
// records the sale too, the next run converges.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fullStockSync } from "~/sync/stock.server";
import { quietReporter } from "~/sync/sync-context";
import { shopifyOf, startStockWorld, type StockWorld } from "./stock-harness";

describe("a concurrent sale during a full stock sync", () => {
  let world: StockWorld;
  beforeAll(async () => {
    world = await startStockWorld({ variants: 300, initialShopifyLevel: (_sku, i) => 1000 + i });
  });
  afterAll(() => world?.close());

  it("is kept, not overwritten by a stale figure, and the next run converges", async () => {
    const sold = world.skus[0];
    const erpBefore = world.erpWebStock().get(sold)!;
    let checkpoints = 0;
    // Checkpoint 1 follows the ERP read; paged reads call none, so checkpoint 2 is the writer's, after
    // page 1 was read and before its first batch is sent: the customer buys 2 right then.
    const report = {
      ...quietReporter(),
      checkpoint: async () => {
        if (++checkpoints === 2) world.setShopifyLevel(sold, world.shopifyLevels().get(sold)! - 2);
      },
    };
    const result = shopifyOf(
      await fullStockSync(world.stockRun({ runId: "cas-1", report, options: { readMode: "paged" } })),
    );

    const staleRefusals = world.shopify
      .callLog({ shop: world.shop })
      .filter((c) => c.operationName === "InventorySetQuantities");
    expect(staleRefusals.length).toBe(3); // batch 1 refused, batch 1 again after re-reading, batch 2
    expect(result.concurrentChangesKept).toBe(1);
    expect(world.shopifyLevels().get(sold)).toBe(Math.max(0, erpBefore - 2));
    const others = [...world.erpWebStock()].filter(
      ([sku, stock]) => sku !== sold && world.shopifyLevels().get(sku) !== stock,
    );
    expect(others).toEqual([]);

    // The order export tells the ERP about the sale; the next sync leaves Shopify equal to it.
    world.moveErpStock(sold, -2, "2026-01-03 10:00:00");
    await fullStockSync(world.stockRun({ runId: "cas-2", report: quietReporter() }));
    expect(world.shopifyLevels().get(sold)).toBe(world.erpWebStock().get(sold));
  });
});
