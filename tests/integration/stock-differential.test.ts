// Differential stock sync: a full run when there is no watermark, then only the SKUs that moved, a
// window read twice writes nothing, and a watermark too old falls back to a full run.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fastmagDateTime } from "~/connectors/fastmag/queries.server";
import { db } from "~/db.server";
import { DIFFERENTIAL_STOCK_CURSOR, differentialStockSync } from "~/sync/differential-stock.server";
import { quietReporter } from "~/sync/sync-context";
import { startStockWorld, type StockWorld } from "./stock-harness";

describe("differential stock sync", () => {
  let world: StockWorld;
  beforeAll(async () => {
    world = await startStockWorld({ variants: 500, initialShopifyLevel: () => 3 });
  });
  afterAll(() => world?.close());
  const run = (runId: string) =>
    differentialStockSync({ ...world.stockRun({ runId, report: quietReporter() }), db, shop: world.shop });
  const writes = () =>
    world.shopify.callLog({ shop: world.shop }).filter((c) => c.operationName === "InventorySetQuantities").length;

  it("runs a full sync without a watermark, then follows movements only, idempotently", async () => {
    const first = await run("d-1");
    expect(first.mode).toBe("full");
    const cursor = await db.syncCursor.findUnique({
      where: { shop_syncType: { shop: world.shop, syncType: DIFFERENTIAL_STOCK_CURSOR } },
    });
    expect(cursor).not.toBeNull();

    const at = fastmagDateTime(new Date(Date.now() + 60_000));
    for (const sku of world.skus.slice(10, 13)) world.moveErpStock(sku, 5, at);
    const before = writes();
    const second = await run("d-2");
    expect(second).toMatchObject({ mode: "differential", changed: 3, destinations: { shopify: { writeCalls: 1 } } });
    expect(writes() - before).toBe(1);
    const levels = world.shopifyLevels();
    for (const [sku, stock] of world.erpWebStock()) expect([sku, levels.get(sku)]).toEqual([sku, stock]);

    // The overlap re-reads the same movements: nothing to write.
    const third = await run("d-3");
    expect(third).toMatchObject({ mode: "differential", changed: 0, destinations: { shopify: { writeCalls: 0 } } });
    expect(third.mode === "differential" && third.movements).toBeGreaterThanOrEqual(3);
    expect(writes() - before).toBe(1);
  });

  it("falls back to a full sync when the watermark is too old", async () => {
    await db.syncCursor.update({
      where: { shop_syncType: { shop: world.shop, syncType: DIFFERENTIAL_STOCK_CURSOR } },
      data: { watermark: new Date(Date.now() - 3 * 86_400_000) },
    });
    world.setShopifyLevel(world.skus[42], 999); // drift a movement-based run would not see
    const result = await run("d-4");
    expect(result.mode).toBe("full");
    expect(world.shopifyLevels().get(world.skus[42])).toBe(world.erpWebStock().get(world.skus[42]));
  });
});
