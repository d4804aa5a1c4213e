// Promotions that include products added to their collections later (the hourly "follow" run of the
// promotion's job): a product added is taken in (price mode: original stored, promotion price written;
// tag added), a product taken out is let go exactly as at the end, a product another promotion covers
// is left to it, the setting is refused where it cannot work; and discount mode's exactly-once
// automatic discount when a start stopped between Shopify's create and saving the discount's id.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "~/db.server";
import { listSkipped } from "~/jobs/api.server";
import { ValidationError } from "~/lib/errors";
import { followCollections } from "~/promotions/follow.server";
import { createPromotion, endPromotionNow, promotionDetail } from "~/promotions/promotions.server";
import { startPromotion } from "~/promotions/run.server";
import { ShopifyAdminClient } from "~/shopify/admin-client.server";
import { quietReporter } from "~/sync/sync-context";
import { merchandisingOf } from "../../emulators/shopify/merchandising";
import { startPromotionWorld, type PromotionWorld } from "./promotions-harness";

let world: PromotionWorld;

beforeAll(async () => {
  world = await startPromotionWorld({
    prefix: "promo-follow",
    start: new Date("2026-06-01T10:00:00Z"),
    products: [
      {
        title: "Pull",
        tags: ["hiver"],
        variants: [
          { sku: "PULL|S", price: "39.90", options: { Taille: "S" } },
          { sku: "PULL|M", price: "50.00", compareAtPrice: "60.00", options: { Taille: "M" } },
        ],
        options: [{ name: "Taille", values: ["S", "M"] }],
      },
      { title: "Bonnet", variants: [{ sku: "BONNET|U", price: "20.00", compareAtPrice: "25.00" }] },
      { title: "Short", variants: [{ sku: "SHORT|U", price: "30.00" }] },
      { title: "Gants", variants: [{ sku: "GANTS|U", price: "12.00" }] },
      { title: "Sac", variants: [{ sku: "SAC|U", price: "45.00" }] },
      { title: "Robe", variants: [{ sku: "ROBE|U", price: "80.00" }] },
    ],
  });
});
afterAll(() => world?.close());

const prices = (sku: string) => {
  const v = world.variant(sku);
  return { price: v.price, compareAtPrice: v.compareAtPrice };
};
const collectionOf = (id: string) =>
  merchandisingOf(world.shopify.store, world.record).collections.get(Number(id.split("/").pop()))!;
const discounts = () => [...merchandisingOf(world.shopify.store, world.record).discounts.values()];
const followJobs = (promotionId: string) =>
  db.job.findMany({
    where: { dedupeKey: { startsWith: `promotion:${promotionId}:follow:` } },
    orderBy: { runAfter: "asc" },
  });

describe("a price-mode promotion that includes products added to its collections later", () => {
  let promotionId: string;
  let collectionId: string;

  it("takes in a product added to the collection at the next hourly run: original stored, price lowered, tag", async () => {
    collectionId = await world.collection("Hiver", ["PULL|S"]);
    const { promotion } = await createPromotion(world.deps, {
      name: "Hiver suivi",
      percentage: 30,
      tag: "hiver-30",
      collectionIds: [collectionId],
      followCollections: true,
    });
    promotionId = promotion.id;
    expect(promotion.followCollections).toBe(true);
    await world.runDue(); // the start, at once
    expect(prices("PULL|S")).toEqual({ price: "27.93", compareAtPrice: "39.90" });
    expect((await followJobs(promotionId)).map((j) => j.runAfter.toISOString())).toEqual(["2026-06-01T11:00:00.000Z"]);

    collectionOf(collectionId).productIds.push(world.product("Bonnet").id);
    world.clock.set(new Date("2026-06-01T10:59:59Z"));
    expect(await world.runDue()).toEqual([]);
    expect(prices("BONNET|U")).toEqual({ price: "20.00", compareAtPrice: "25.00" });

    world.clock.set(new Date("2026-06-01T11:00:00Z"));
    expect(await world.runDue()).toHaveLength(1);
    expect(prices("BONNET|U")).toEqual({ price: "14.00", compareAtPrice: "25.00" });
    expect(world.product("Bonnet").tags).toEqual(["hiver-30"]);
    const detail = await promotionDetail(db, world.shop, promotionId);
    expect(detail).toMatchObject({ state: "active", products: 2, variants: 3, followCollections: true });
    expect(detail.items.find((i) => i.sku === "BONNET|U")).toMatchObject({
      originalPrice: "20.00",
      originalCompareAt: "25.00",
      promoPrice: "14.00",
      status: "applied",
    });
    // The next look is queued for the next hour.
    expect((await followJobs(promotionId)).map((j) => j.runAfter.toISOString())).toEqual([
      "2026-06-01T11:00:00.000Z",
      "2026-06-01T12:00:00.000Z",
    ]);
  });

  it("changes nothing when the run is repeated", async () => {
    const before = world.writes();
    const report = quietReporter();
    const result = await followCollections({ db, shop: world.shop, client: world.client, report }, promotionId);
    expect(result).toMatchObject({ added: 0, removed: 0 });
    expect(world.writes()).toBe(before);
  });

  it("lets a product taken out of the collection go exactly as the end does: prices and compare-at back, tag off", async () => {
    const collection = collectionOf(collectionId);
    collection.productIds = collection.productIds.filter((id) => id !== world.product("Pull").id);
    world.clock.set(new Date("2026-06-01T12:00:00Z"));
    expect(await world.runDue()).toHaveLength(1);
    expect(prices("PULL|S")).toEqual({ price: "39.90", compareAtPrice: null });
    expect(prices("PULL|M")).toEqual({ price: "50.00", compareAtPrice: "60.00" });
    expect(world.product("Pull").tags).toEqual(["hiver"]);
    expect(prices("BONNET|U")).toEqual({ price: "14.00", compareAtPrice: "25.00" });
    const detail = await promotionDetail(db, world.shop, promotionId);
    expect(detail).toMatchObject({ products: 1, variants: 1 });
    expect(detail.items.filter((i) => i.sku?.startsWith("PULL|")).map((i) => i.status)).toEqual([
      "restored",
      "restored",
    ]);
  });

  it("takes a product back in when it returns to the collection, at its price then", async () => {
    world.variant("PULL|S").price = "41.00"; // changed in Shopify while it was out of the promotion
    collectionOf(collectionId).productIds.push(world.product("Pull").id);
    world.clock.set(new Date("2026-06-01T13:00:00Z"));
    expect(await world.runDue()).toHaveLength(1);
    expect(prices("PULL|S")).toEqual({ price: "28.70", compareAtPrice: "41.00" });
    expect(prices("PULL|M")).toEqual({ price: "35.00", compareAtPrice: "60.00" });
    expect(world.product("Pull").tags).toEqual(["hiver", "hiver-30"]);
    const detail = await promotionDetail(db, world.shop, promotionId);
    expect(detail).toMatchObject({ products: 2, variants: 3 });
    expect(detail.items.find((i) => i.sku === "PULL|S")).toMatchObject({ originalPrice: "41.00", status: "applied" });
  });

  it("leaves a product another promotion covers to that promotion", async () => {
    const { promotion: other } = await createPromotion(world.deps, {
      name: "Sac seul",
      percentage: 10,
      productIds: [world.productId("Sac")],
    });
    await world.runDue();
    expect(prices("SAC|U")).toEqual({ price: "40.50", compareAtPrice: "45.00" });
    collectionOf(collectionId).productIds.push(world.product("Sac").id);
    world.clock.set(new Date("2026-06-01T14:00:00Z"));
    const [jobId] = await world.runDue();
    expect(prices("SAC|U")).toEqual({ price: "40.50", compareAtPrice: "45.00" });
    expect(world.product("Sac").tags).toEqual(["promo-10"]);
    const skipped = await listSkipped({ db }, world.shop, jobId!);
    expect(JSON.stringify(skipped)).toContain("Sac seul");
    await endPromotionNow(db, world.shop, other.id, world.clock.now());
    await world.runDue();
  });

  it("ends with every variant it took in put back, and looks no more", async () => {
    await endPromotionNow(db, world.shop, promotionId, world.clock.now());
    await world.runDue();
    expect(prices("BONNET|U")).toEqual({ price: "20.00", compareAtPrice: "25.00" });
    expect(prices("PULL|S")).toEqual({ price: "41.00", compareAtPrice: null });
    expect(prices("PULL|M")).toEqual({ price: "50.00", compareAtPrice: "60.00" });
    expect(world.product("Bonnet").tags).toEqual([]);
    expect(world.product("Pull").tags).toEqual(["hiver"]);
    expect(await promotionDetail(db, world.shop, promotionId)).toMatchObject({ state: "ended" });
    world.clock.set(new Date("2026-06-01T15:00:00Z"));
    await world.runDue(); // the last queued look finds the promotion ended
    world.clock.set(new Date("2026-06-01T16:00:00Z"));
    expect(await world.runDue()).toEqual([]);
    expect(prices("BONNET|U")).toEqual({ price: "20.00", compareAtPrice: "25.00" });
  });

  it("does not look again when the setting is off", async () => {
    const id = await world.collection("Sans suivi", ["ROBE|U"]);
    const { promotion } = await createPromotion(world.deps, { name: "Fixe", percentage: 20, collectionIds: [id] });
    expect(promotion.followCollections).toBe(false);
    await world.runDue();
    expect(await followJobs(promotion.id)).toEqual([]);
    await endPromotionNow(db, world.shop, promotion.id, world.clock.now());
    await world.runDue();
    expect(prices("ROBE|U")).toEqual({ price: "80.00", compareAtPrice: null });
  });

  it("takes in again a product let go by a run that stopped before saving the products, once it is back", async () => {
    const id = await world.collection("Reprise", ["ROBE|U"]);
    const { promotion } = await createPromotion(world.deps, {
      name: "Reprise",
      percentage: 50,
      tag: "reprise-50",
      collectionIds: [id],
      followCollections: true,
    });
    await world.runDue();
    expect(prices("ROBE|U")).toEqual({ price: "40.00", compareAtPrice: "80.00" });
    const deps = { db, shop: world.shop, client: world.client, report: quietReporter() };
    collectionOf(id).productIds = [];
    expect(await followCollections(deps, promotion.id)).toMatchObject({ removed: 1 });
    expect(prices("ROBE|U")).toEqual({ price: "80.00", compareAtPrice: null });
    // As if that run had stopped before saving the promotion's products: they still list the product.
    await db.promotion.update({
      where: { id: promotion.id },
      data: { targetProductIdsJson: JSON.stringify([world.productId("Robe")]) },
    });
    collectionOf(id).productIds = [world.product("Robe").id];
    expect(await followCollections(deps, promotion.id)).toMatchObject({ added: 1 });
    expect(prices("ROBE|U")).toEqual({ price: "40.00", compareAtPrice: "80.00" });
    expect(world.product("Robe").tags).toEqual(["reprise-50"]);
    await endPromotionNow(db, world.shop, promotion.id, world.clock.now());
    await world.runDue();
    expect(prices("ROBE|U")).toEqual({ price: "80.00", compareAtPrice: null });
  });

  it("refuses the setting without collections, or on a discount with products and collections", async () => {
    await expect(
      createPromotion(world.deps, {
        name: "x",
        percentage: 10,
        productIds: [world.productId("Robe")],
        followCollections: true,
      }),
    ).rejects.toMatchObject({ fieldErrors: { followCollections: "pick at least one collection" } });
    await expect(
      createPromotion(world.deps, {
        name: "x",
        percentage: 10,
        mode: "discount",
        productIds: [world.productId("Robe")],
        collectionIds: [collectionId],
        followCollections: true,
      }),
    ).rejects.toBeInstanceOf(ValidationError);
    await expect(
      createPromotion(world.deps, {
        name: "x",
        percentage: 10,
        collectionIds: [collectionId],
        followCollections: "yes",
      }),
    ).rejects.toMatchObject({ fieldErrors: { followCollections: "must be true or false" } });
  });
});

/** A start whose discount create reaches Shopify and succeeds, the process stopping before our write of its id. */
async function startStoppingAfterTheDiscountCreate(promotionId: string) {
  const session = await db.session.findUniqueOrThrow({ where: { id: `offline_${world.shop}` } });
  const crashing = new ShopifyAdminClient({
    shop: world.shop,
    accessToken: session.accessToken,
    onCall: (call) => {
      if (call.operation === "AutomaticDiscountCreate") throw new Error("killed right after the create");
    },
  });
  await expect(
    startPromotion({ db, shop: world.shop, client: crashing, report: quietReporter() }, promotionId),
  ).rejects.toThrow(/killed/);
}

describe("a discount-mode promotion", () => {
  it("tags a product added to its collection later; Shopify's discount on the collection already covers it", async () => {
    const collectionId = await world.collection("Été", ["SHORT|U"]);
    const before = discounts().length;
    const { promotion } = await createPromotion(world.deps, {
      name: "Été suivi",
      percentage: 25,
      mode: "discount",
      tag: "ete-25",
      collectionIds: [collectionId],
      followCollections: true,
    });
    world.clock.set(new Date("2026-06-01T16:30:00Z"));
    await world.runDue();
    expect(discounts()).toHaveLength(before + 1);
    collectionOf(collectionId).productIds.push(world.product("Gants").id);
    world.clock.set(new Date("2026-06-01T17:00:00Z"));
    await world.runDue();
    expect(world.product("Gants").tags).toEqual(["ete-25"]);
    expect(prices("GANTS|U")).toEqual({ price: "12.00", compareAtPrice: null });
    expect(discounts()).toHaveLength(before + 1);
    expect(discounts().at(-1)).toMatchObject({ collectionIds: [collectionOf(collectionId).id], productIds: [] });
    await endPromotionNow(db, world.shop, promotion.id, world.clock.now());
    await world.runDue();
    expect(world.product("Gants").tags).toEqual([]);
  });

  it("creates its automatic discount exactly once when a start stopped after Shopify created it", async () => {
    const before = discounts().length;
    const { promotion } = await createPromotion(world.deps, {
      name: "Robe",
      percentage: 15,
      mode: "discount",
      tag: "robe-15",
      productIds: [world.productId("Robe")],
      startsAt: "2026-06-01T20:00",
    });
    await startStoppingAfterTheDiscountCreate(promotion.id);
    expect(discounts()).toHaveLength(before + 1);
    expect((await promotionDetail(db, world.shop, promotion.id)).discountId).toBeNull();

    await startPromotion({ db, shop: world.shop, client: world.client, report: quietReporter() }, promotion.id);
    expect(discounts()).toHaveLength(before + 1);
    const discount = discounts().at(-1)!;
    expect(discount).toMatchObject({ title: "Robe (robe-15)", productIds: [world.product("Robe").id] });
    expect(await promotionDetail(db, world.shop, promotion.id)).toMatchObject({
      state: "active",
      discountId: `gid://shopify/DiscountAutomaticNode/${discount.id}`,
    });
    await endPromotionNow(db, world.shop, promotion.id, world.clock.now());
    world.clock.set(new Date("2026-06-01T21:00:00Z"));
    await world.runDue();
    expect(discount.endsAt).not.toBeNull();
  });

  it("ends a discount whose id was never saved, found by its tag", async () => {
    const before = discounts().length;
    const { promotion } = await createPromotion(world.deps, {
      name: "Gants",
      percentage: 20,
      mode: "discount",
      tag: "gants-20",
      productIds: [world.productId("Gants")],
    });
    await startStoppingAfterTheDiscountCreate(promotion.id);
    expect(discounts()).toHaveLength(before + 1);
    await endPromotionNow(db, world.shop, promotion.id, world.clock.now());
    await world.runDue();
    expect(discounts().at(-1)!.endsAt).not.toBeNull();
    expect(await promotionDetail(db, world.shop, promotion.id)).toMatchObject({ state: "ended" });
  });
});
