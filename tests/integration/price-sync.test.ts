// Price sync with a controlled clock: a prixremisetc reduction that starts and ends inside the window
// is applied (reduced price, regular price as compare-at) and then reverted (compare-at cleared);
// unchanged variants are never written; a large change set can go as one bulk mutation.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { priceSync } from "~/sync/prices.server";
import { quietReporter } from "~/sync/sync-context";
import { startStockWorld, type StockWorld } from "./stock-harness";

describe("price sync across a reduction window", () => {
  let world: StockWorld;
  let now = new Date("2026-03-09T11:00:00Z");
  beforeAll(async () => {
    world = await startStockWorld({ variants: 400, now: () => now });
  });
  afterAll(() => world?.close());

  const run = (options = {}) =>
    priceSync({
      shop: world.shop,
      client: world.client,
      source: world.priceSource,
      sourceName: "Fastmag",
      report: quietReporter(() => now),
      options,
    });
  const variantsOf = (reference: string) =>
    [...world.shopRecord.variants.values()].filter((v) => v.sku?.startsWith(`${reference}|`));
  const writes = () =>
    world.shopify.callLog({ shop: world.shop }).filter((c) => c.operationName === "ProductVariantsBulkUpdate").length;

  it("applies the reduction while it runs and reverts it when it ends", async () => {
    const reference = world.skus[0].split("|")[0];
    const regular = (
      world.fastmag.emulator.db.prepare("SELECT price FROM products WHERE reference = ? LIMIT 1").get(reference) as {
        price: number;
      }
    ).price;
    world.fastmag.emulator.db.prepare("DELETE FROM prixremisetc").run();
    world.fastmag.emulator.db
      .prepare(
        "INSERT INTO prixremisetc (reference, color, size, remise, prix, datedebut, datefin) VALUES (?, NULL, NULL, 20, NULL, '2026-03-10', '2026-03-12')",
      )
      .run(reference);

    const first = await run(); // 9 March: every variant gets its regular price (the shop started at 10.00)
    expect(first.changed).toBe(world.skus.length);
    expect(variantsOf(reference).every((v) => v.price === regular.toFixed(2) && v.compareAtPrice === null)).toBe(true);
    expect(await run()).toMatchObject({ changed: 0, calls: 0 });

    now = new Date("2026-03-10T08:00:00Z"); // the reduction starts (09:00 in Paris)
    const during = await run();
    expect(during.changed).toBe(variantsOf(reference).length);
    expect(during.products).toBe(1);
    expect(
      variantsOf(reference).every(
        (v) => v.price === (regular * 0.8).toFixed(2) && v.compareAtPrice === regular.toFixed(2),
      ),
    ).toBe(true);

    now = new Date("2026-03-12T22:30:00Z"); // 23:30 in Paris: still the last day
    expect((await run()).changed).toBe(0);

    now = new Date("2026-03-12T23:30:00Z"); // 00:30 on the 13th in Paris: it ended
    const before = writes();
    const after = await run();
    expect(after.changed).toBe(variantsOf(reference).length);
    expect(writes() - before).toBe(1);
    expect(variantsOf(reference).every((v) => v.price === regular.toFixed(2) && v.compareAtPrice === null)).toBe(true);
  });

  it("can write a large change set as one bulk mutation through a staged upload", async () => {
    for (const v of world.shopRecord.variants.values()) v.price = "1.00";
    const result = await run({ bulkMutationFrom: 10 });
    expect(result.writeMode).toBe("bulk-mutation");
    expect(result.changed).toBe(world.skus.length);
    expect(await run()).toMatchObject({ changed: 0 });
  });
});
