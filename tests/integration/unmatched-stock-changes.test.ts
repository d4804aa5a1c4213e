// The changes-only stock run honours the merchant's Unmatched decisions as the full run does
// (unmatched.test.ts): a moved Fastmag SKU linked to another Shopify SKU is written onto that variant,
// and a moved SKU the merchant ignored is neither written nor reported again.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fastmagDateTime } from "~/connectors/fastmag/queries.server";
import { db } from "~/db.server";
import { differentialStockSync } from "~/sync/differential-stock.server";
import { quietReporter } from "~/sync/sync-context";
import { decideUnmatched, unmatchedScreen } from "~/sync/unmatched/screen.server";
import { startStockWorld, type StockWorld } from "./stock-harness";

const SHOPIFY_LINKED = "SHOP-LINK-CHANGES";
const SHOPIFY_ONLY = "SHOP-ONLY-CHANGES";

describe("changes-only stock run and the Unmatched decisions", () => {
  let world: StockWorld;
  let linked: string; // a Fastmag SKU whose Shopify variant carries another SKU
  let ignored: string; // a Fastmag SKU nobody sells in Shopify
  let plain: string; // a SKU both sides know
  beforeAll(async () => {
    world = await startStockWorld({ variants: 40, initialShopifyLevel: () => 0 });
    [linked, ignored, plain] = [world.skus[0]!, world.skus[1]!, world.skus[2]!];
    const variantOf = (sku: string) => [...world.shopRecord.variants.values()].find((v) => v.sku === sku)!;
    variantOf(linked).sku = SHOPIFY_LINKED;
    variantOf(ignored).sku = SHOPIFY_ONLY;
  });
  afterAll(() => world?.close());

  const run = (runId: string) => {
    const report = quietReporter();
    const done = differentialStockSync({ ...world.stockRun({ runId, report }), db, shop: world.shop });
    return done.then((result) => ({ result, report }));
  };
  const stockWrites = () =>
    world.shopify
      .callLog({ shop: world.shop })
      .filter((c) => c.operationName === "InventorySetQuantities")
      .map((c) => JSON.stringify(c));

  it("writes a linked SKU onto the chosen variant and leaves an ignored one alone, unreported", async () => {
    // The first run is a full one: it lists both SKUs as unmatched and sets the watermark.
    const first = await run("unmatched-changes-1");
    expect(first.result.mode).toBe("full");
    expect(first.report.skipped.map((s) => s.externalId)).toEqual(
      expect.arrayContaining([linked, ignored, SHOPIFY_LINKED, SHOPIFY_ONLY]),
    );
    await decideUnmatched(world.shop, { intent: "link", sku: linked, shopifySku: SHOPIFY_LINKED });
    await decideUnmatched(world.shop, { intent: "ignore", side: "source", sku: ignored });
    const decided = (await unmatchedScreen(world.shop)).totals;

    const at = fastmagDateTime(new Date(Date.now() + 60_000));
    for (const sku of [linked, ignored, plain]) world.moveErpStock(sku, 4, at);
    const erp = world.erpWebStock();
    expect(world.shopifyLevels().get(SHOPIFY_LINKED)).not.toBe(erp.get(linked));
    const writesBefore = stockWrites().length;

    const { result, report } = await run("unmatched-changes-2");
    expect(result.mode).toBe("differential");
    // Link-to: Fastmag's level of the linked SKU is now the chosen variant's; the plain SKU moved too.
    const levels = world.shopifyLevels();
    expect(levels.get(SHOPIFY_LINKED)).toBe(erp.get(linked));
    expect(levels.get(plain)).toBe(erp.get(plain));
    expect(report.changes.map((c) => c.externalId).sort()).toEqual([linked, plain].sort());
    // Ignore: no write for it (one call carried the two others), not reported, not back on the list.
    expect(stockWrites().length - writesBefore).toBe(1);
    expect(levels.get(SHOPIFY_ONLY)).toBe(0);
    expect(report.skipped).toEqual([]);
    expect(report.failed).toEqual([]);
    expect((await unmatchedScreen(world.shop)).totals).toEqual(decided);
  });
});
