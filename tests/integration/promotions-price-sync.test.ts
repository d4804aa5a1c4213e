// The back office's price sync while a promotion runs: it never fights the promotion. The source's new
// price becomes the promotion's stored original, the live price follows the percentage of it, a second
// sync changes nothing, and the end puts back the source's latest price (not the one from before).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "~/db.server";
import { promotionHolds } from "~/promotions/holds.server";
import { createPromotion } from "~/promotions/promotions.server";
import { endPromotion, startPromotion } from "~/promotions/run.server";
import { priceSync } from "~/sync/prices.server";
import { quietReporter } from "~/sync/sync-context";
import { startStockWorld, type StockWorld } from "./stock-harness";

describe("price sync during a promotion", () => {
  let world: StockWorld;
  const now = new Date("2026-03-09T11:00:00Z");
  beforeAll(async () => {
    world = await startStockWorld({ variants: 60, now: () => now });
    world.fastmag.emulator.db.prepare("DELETE FROM prixremisetc").run();
  });
  afterAll(() => world?.close());

  const sync = () =>
    priceSync({
      shop: world.shop,
      client: world.client,
      source: world.priceSource,
      sourceName: "the back office",
      report: quietReporter(() => now),
      holds: promotionHolds(db, world.shop),
      options: { readMode: "paged" },
    });
  const variantsOf = (reference: string) =>
    [...world.shopRecord.variants.values()].filter((v) => v.sku?.startsWith(`${reference}|`));

  it("keeps the source's new price as the original and shows the percentage of it", async () => {
    await sync();
    const reference = world.skus[0]!.split("|")[0]!;
    const other = world.skus.find((s) => !s.startsWith(`${reference}|`))!.split("|")[0]!;
    const product = [...world.shopRecord.products.values()].find((p) => p.title === reference)!;
    const regular = Number(variantsOf(reference)[0]!.price);
    const { promotion } = await createPromotion(
      {
        db,
        shop: world.shop,
        timeZone: "Europe/Paris",
        now: () => now,
        client: async () => world.client,
      },
      { name: "Mars", percentage: 20, productIds: [`gid://shopify/Product/${product.id}`] },
    );
    const run = { db, shop: world.shop, client: world.client, report: quietReporter(() => now) };
    await startPromotion(run, promotion.id);
    const lowered = (Math.round(regular * 80) / 100).toFixed(2);
    expect(variantsOf(reference).every((v) => v.price === lowered && v.compareAtPrice === regular.toFixed(2))).toBe(
      true,
    );

    // A sync with no price change leaves the promotion's prices alone.
    expect(await sync()).toMatchObject({ changed: 0 });

    // The back office raises the regular price of the promoted reference and of another one.
    world.fastmag.emulator.db.prepare("UPDATE products SET price = 50 WHERE reference IN (?, ?)").run(reference, other);
    const during = await sync();
    expect(during.changed).toBe(variantsOf(reference).length + variantsOf(other).length);
    expect(variantsOf(reference).every((v) => v.price === "40.00" && v.compareAtPrice === "50.00")).toBe(true);
    expect(variantsOf(other).every((v) => v.price === "50.00" && v.compareAtPrice === null)).toBe(true);
    const rows = await db.promotionVariant.findMany({ where: { promotionId: promotion.id } });
    expect(rows.every((r) => r.originalPrice === "50.00" && r.promoPrice === "40.00" && r.status === "applied")).toBe(
      true,
    );
    expect(await sync()).toMatchObject({ changed: 0 });

    // The end puts back the source's latest price, and the next sync has nothing to do.
    const ended = await endPromotion(run, promotion.id);
    expect(ended).toMatchObject({ restored: variantsOf(reference).length, changed: 0 });
    expect(variantsOf(reference).every((v) => v.price === "50.00" && v.compareAtPrice === null)).toBe(true);
    expect(await sync()).toMatchObject({ changed: 0 });
  });
});
