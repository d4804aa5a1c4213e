// A promotion on 2,000 variants (200 products) against the Shopify emulator: read with a bulk query,
// prices lowered and put back and tags added and removed through bulk mutations (staged uploads), not
// 400 single calls. 200 products is twice the size from which bulk operations are used, and the stored
// originals span several database chunks of 500 (it had 10,000 variants: 25 s for the same proof).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "~/db.server";
import { getJob } from "~/jobs/api.server";
import { createPromotion, endPromotionNow } from "~/promotions/promotions.server";
import { startPromotionWorld, type PromotionWorld } from "./promotions-harness";

const PRODUCTS = 200;
const VARIANTS_EACH = 10;

describe("a promotion on 2,000 variants", () => {
  let world: PromotionWorld;
  beforeAll(async () => {
    world = await startPromotionWorld({
      prefix: "promo-bulk",
      start: new Date("2026-06-01T08:00:00Z"),
      products: Array.from({ length: PRODUCTS }, (_, p) => ({
        title: `P${p}`,
        options: [{ name: "Taille", values: Array.from({ length: VARIANTS_EACH }, (_, v) => `T${v}`) }],
        variants: Array.from({ length: VARIANTS_EACH }, (_, v) => ({
          sku: `P${p}|T${v}`,
          price: (10 + ((p + v) % 50)).toFixed(2),
          compareAtPrice: v === 0 ? "99.00" : null,
          options: { Taille: `T${v}` },
        })),
      })),
    });
  }, 120_000);
  afterAll(() => world?.close());

  const calls = (name: string) =>
    world.shopify.callLog({ shop: world.shop }).filter((c) => c.operationName === name).length;

  it("goes through bulk operations and restores every price exactly", { timeout: 240_000 }, async () => {
    const before = new Map([...world.record.variants.values()].map((v) => [v.id, [v.price, v.compareAtPrice]]));
    expect(before.size).toBe(PRODUCTS * VARIANTS_EACH);
    const productIds = [...world.record.products.values()].map((p) => `gid://shopify/Product/${p.id}`);
    const { promotion, preview } = await createPromotion(world.deps, { name: "Big", percentage: 10, productIds });
    expect(preview).toMatchObject({ products: PRODUCTS, variants: PRODUCTS * VARIANTS_EACH });
    expect(preview.sample).toHaveLength(250);

    const [startJob] = await world.runDue();
    expect(await getJob({ db }, world.shop, startJob!)).toMatchObject({
      status: "succeeded",
      result: { variants: PRODUCTS * VARIANTS_EACH, tagMode: "bulk-mutation" },
      counters: { changed: PRODUCTS * VARIANTS_EACH },
    });
    expect(calls("BulkMutationRun")).toBe(2); // prices, tags
    expect(calls("ProductVariantsBulkUpdate")).toBe(0);
    expect(calls("ProductTagsAdd")).toBe(0);
    const lowered = [...world.record.variants.values()];
    expect(lowered.every((v) => Number(v.price) < Number(before.get(v.id)![0]))).toBe(true);
    expect([...world.record.products.values()].every((p) => p.tags.includes("promo-10"))).toBe(true);

    await endPromotionNow(db, world.shop, promotion.id, world.clock.now());
    const [endJob] = await world.runDue();
    expect(await getJob({ db }, world.shop, endJob!)).toMatchObject({
      status: "succeeded",
      result: { restored: PRODUCTS * VARIANTS_EACH, changed: 0 },
    });
    expect(calls("BulkMutationRun")).toBe(4);
    expect(calls("ProductVariantsBulkUpdate")).toBe(0);
    const after = new Map([...world.record.variants.values()].map((v) => [v.id, [v.price, v.compareAtPrice]]));
    expect(after).toEqual(before);
    expect([...world.record.products.values()].some((p) => p.tags.includes("promo-10"))).toBe(false);
  });
});
