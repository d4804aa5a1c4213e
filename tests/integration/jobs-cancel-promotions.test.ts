// Cancel stops a promotion's start where it stands: cancelled while prices are being lowered (eight
// products written side by side, each call slowed), it writes nothing after the products in flight,
// ends Cancelled, and its Changes list holds exactly the prices Shopify now shows lowered.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "~/db.server";
import { PROMOTION_JOB, createPromotion } from "~/promotions/promotions.server";
import { cancelWhileWriting, expectStoppedAfterWritesInFlight } from "../support/cancel-in-flight";
import { startPromotionWorld, type PromotionWorld } from "./promotions-harness";

const PRODUCTS = 60;
const IN_FLIGHT = 8; // writeVariantPrices' products side by side

describe("cancelling a running promotion start", () => {
  let world: PromotionWorld;
  beforeAll(async () => {
    world = await startPromotionWorld({
      prefix: "promo-cancel",
      start: new Date("2026-06-01T08:00:00Z"),
      products: Array.from({ length: PRODUCTS }, (_, p) => ({
        title: `C${p}`,
        options: [{ name: "Taille", values: ["S", "M"] }],
        variants: ["S", "M"].map((size) => ({ sku: `C${p}|${size}`, price: "40.00", options: { Taille: size } })),
      })),
    });
  }, 60_000);
  afterAll(() => world?.close());

  const priceWrites = () =>
    world.shopify.callLog({ shop: world.shop }).filter((c) => c.operationName === "ProductVariantsBulkUpdate").length;

  it("lowers no price after the products in flight, ends Cancelled and lists the prices it lowered", async () => {
    const productIds = [...world.record.products.values()].map((p) => `gid://shopify/Product/${p.id}`);
    await createPromotion(world.deps, { name: "Half", percentage: 50, productIds });
    const start = await db.job.findFirstOrThrow({
      where: { shop: world.shop, type: PROMOTION_JOB, status: "queued" },
      select: { id: true },
    });
    world.shopify.faults.add({ kind: "latency", ms: 150 });
    try {
      const run = await cancelWhileWriting({
        shop: world.shop,
        type: PROMOTION_JOB,
        jobId: start.id,
        clock: world.clock,
        writes: priceWrites,
        cancelAfterWrites: 2,
      });
      expectStoppedAfterWritesInFlight(run, IN_FLIGHT);
      const lowered = [...world.record.variants.values()].filter((v) => v.price !== "40.00");
      expect(lowered.length).toBeGreaterThan(0);
      expect(lowered.length).toBeLessThan(PRODUCTS * 2);
      const prices = run.changes.filter((c) => c.field === "price");
      expect(prices.map((c) => [c.externalId, c.before, c.after]).sort()).toEqual(
        lowered.map((v) => [v.sku, "40.00", v.price]).sort(),
      );
      expect(run.job.counters.changed).toBe(lowered.length);
    } finally {
      world.shopify.faults.clear();
    }
  }, 60_000);
});
