// Promotions end to end below the screens: created with a preview, started and ended by the job worker
// at their times in the shop's zone across both daylight-saving changes (controlled clock), prices
// lowered with the original as compare-at and put back exactly, a price changed meanwhile reported and
// left, re-runs that change nothing, overlaps refused, discount mode, and a failed start ended cleanly.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "~/db.server";
import { getJob, listSkipped } from "~/jobs/api.server";
import { ValidationError } from "~/lib/errors";
import {
  createPromotion,
  endPromotionByTag,
  endPromotionNow,
  listPromotions,
  previewPromotion,
  promotionDetail,
  setRounding,
} from "~/promotions/promotions.server";
import { endPromotion, startPromotion } from "~/promotions/run.server";
import { activePromotions } from "~/promotions/active.server";
import { quietReporter } from "~/sync/sync-context";
import { merchandisingOf } from "../../emulators/shopify/merchandising";
import { startPromotionWorld, type PromotionWorld } from "./promotions-harness";

let world: PromotionWorld;

beforeAll(async () => {
  world = await startPromotionWorld({
    start: new Date("2026-03-28T12:00:00Z"),
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
      { title: "Bonnet", variants: [{ sku: "BONNET|U", price: "20.00" }] },
      { title: "Short", variants: [{ sku: "SHORT|U", price: "30.00" }] },
      { title: "Gants", variants: [{ sku: "GANTS|U", price: "12.00" }] },
    ],
  });
});
afterAll(() => world?.close());

const priceWrites = () =>
  world.shopify.callLog({ shop: world.shop }).filter((c) => c.operationName === "ProductVariantsBulkUpdate").length;

const prices = (sku: string) => {
  const v = world.variant(sku);
  return { price: v.price, compareAtPrice: v.compareAtPrice };
};

describe("a price-mode promotion on a collection, from March to October in Paris", () => {
  let promotionId: string;
  let collectionId: string;

  it("previews the variants and their new prices without writing anything", async () => {
    collectionId = await world.collection("Hiver", ["PULL|S", "BONNET|U"]);
    const before = world.writes();
    const { preview } = await previewPromotion(world.deps, {
      name: "Soldes d'hiver",
      percentage: 30,
      collectionIds: [collectionId],
    });
    expect(preview).toMatchObject({ products: 2, variants: 3, overlaps: [] });
    expect(preview.collections).toEqual([{ id: collectionId, title: "Hiver", products: 2 }]);
    expect(preview.sample.map((v) => [v.sku, v.price, v.newPrice, v.newCompareAt])).toEqual([
      ["PULL|S", "39.90", "27.93", "39.90"],
      ["PULL|M", "50.00", "35.00", "60.00"],
      ["BONNET|U", "20.00", "14.00", "20.00"],
    ]);
    expect(world.writes()).toBe(before);
    expect(await db.promotion.count({ where: { shop: world.shop } })).toBe(0);
  });

  it("starts on time on the night the clocks go forward (02:30 does not exist: 03:30 CEST)", async () => {
    const { promotion } = await createPromotion(world.deps, {
      name: "Soldes d'hiver",
      percentage: 30,
      collectionIds: [collectionId],
      startsAt: "2026-03-29T02:30",
      endsAt: "2026-10-25T02:30",
    });
    promotionId = promotion.id;
    expect(promotion).toMatchObject({
      state: "scheduled",
      tag: "promo-30",
      startsAt: "2026-03-29T01:30:00.000Z",
      endsAt: "2026-10-25T00:30:00.000Z", // the first 02:30 of the night the clocks go back
    });
    world.clock.set(new Date("2026-03-29T01:29:59Z"));
    expect(await world.runDue()).toEqual([]);
    expect(prices("PULL|S")).toEqual({ price: "39.90", compareAtPrice: null });

    world.clock.set(new Date("2026-03-29T01:30:00Z"));
    const [jobId] = await world.runDue();
    expect(await getJob({ db }, world.shop, jobId!)).toMatchObject({ status: "succeeded" });
    expect(prices("PULL|S")).toEqual({ price: "27.93", compareAtPrice: "39.90" });
    expect(prices("PULL|M")).toEqual({ price: "35.00", compareAtPrice: "60.00" });
    expect(prices("BONNET|U")).toEqual({ price: "14.00", compareAtPrice: "20.00" });
    expect(prices("SHORT|U")).toEqual({ price: "30.00", compareAtPrice: null });
    expect(world.product("Pull").tags).toEqual(["hiver", "promo-30"]);
    expect(world.product("Bonnet").tags).toEqual(["promo-30"]);
    expect(world.product("Short").tags).toEqual([]);
    const detail = await promotionDetail(db, world.shop, promotionId);
    expect(detail).toMatchObject({ state: "active", products: 2, variants: 3 });
    // What a system receiving promotions (a marketplace) is handed through the capability.
    const [active] = await activePromotions(db, world.shop);
    expect(active).toMatchObject({ id: promotionId, tag: "promo-30", percentage: 30, mode: "price" });
    expect(active!.variants).toContainEqual({
      sku: "PULL|S",
      shopifyVariantId: `gid://shopify/ProductVariant/${world.variant("PULL|S").id}`,
      price: "39.90",
      promoPrice: "27.93",
    });
    expect(detail.items.find((i) => i.sku === "PULL|M")).toMatchObject({
      originalPrice: "50.00",
      originalCompareAt: "60.00",
      promoPrice: "35.00",
      status: "applied",
    });
  });

  it("changes nothing when the start runs again (a crash after the writes)", async () => {
    await db.promotion.update({ where: { id: promotionId }, data: { state: "scheduled" } });
    const before = world.writes();
    const priceWritesBefore = priceWrites();
    const report = quietReporter();
    await startPromotion({ db, shop: world.shop, client: world.client, report }, promotionId);
    // Tags are added again (Shopify ignores a tag a product has); no price is written.
    expect(priceWrites()).toBe(priceWritesBefore);
    expect(report.counters.changed).toBe(0);
    expect(world.writes() - before).toBe(2); // the two tagsAdd
    expect(world.product("Pull").tags).toEqual(["hiver", "promo-30"]);
    expect(prices("PULL|S")).toEqual({ price: "27.93", compareAtPrice: "39.90" });
    const rows = await db.promotionVariant.findMany({ where: { promotionId } });
    expect(rows.find((r) => r.sku === "PULL|S")).toMatchObject({ originalPrice: "39.90", originalCompareAt: null });
  });

  it("refuses a second promotion on some of the same variants, listing them", async () => {
    const attempt = createPromotion(world.deps, {
      name: "Pulls",
      percentage: 10,
      tag: "pulls-10",
      productIds: [world.productId("Pull"), world.productId("Short")],
    });
    await expect(attempt).rejects.toBeInstanceOf(ValidationError);
    await expect(attempt).rejects.toThrow(
      /"Soldes d'hiver" \(promo-30\) already covers 2 of these variants: PULL\|S, PULL\|M/,
    );
    // Later than the first one's end, the same products are free.
    const later = await createPromotion(world.deps, {
      name: "Noël",
      percentage: 10,
      tag: "noel-10",
      productIds: [world.productId("Pull")],
      startsAt: "2026-12-01T00:00",
      endsAt: "2026-12-24T00:00",
    });
    expect(later.promotion.state).toBe("scheduled");
    await endPromotionNow(db, world.shop, later.promotion.id, world.clock.now());
  });

  it("ends on time on the night the clocks go back, restoring prices and compare-at exactly", async () => {
    // Someone changes the bonnet's price during the promotion: it must be reported, not overwritten.
    world.variant("BONNET|U").price = "15.00";
    world.clock.set(new Date("2026-10-25T00:29:59Z"));
    const early = await world.runDue();
    // Only the December promotion's End now ran (nothing to undo there).
    expect(await db.promotion.findUnique({ where: { id: promotionId } })).toMatchObject({ state: "active" });
    expect(early.length).toBeLessThanOrEqual(2);

    world.clock.set(new Date("2026-10-25T00:30:00Z"));
    const [jobId] = await world.runDue();
    const job = await getJob({ db }, world.shop, jobId!);
    expect(job).toMatchObject({ status: "succeeded", counters: { skipped: 1 } });
    expect(prices("PULL|S")).toEqual({ price: "39.90", compareAtPrice: null });
    expect(prices("PULL|M")).toEqual({ price: "50.00", compareAtPrice: "60.00" });
    expect(prices("BONNET|U")).toEqual({ price: "15.00", compareAtPrice: "20.00" });
    expect(world.product("Pull").tags).toEqual(["hiver"]);
    expect(world.product("Bonnet").tags).toEqual([]);
    const skipped = await listSkipped({ db }, world.shop, jobId!);
    expect(skipped.items).toEqual([
      expect.objectContaining({
        externalId: "BONNET|U",
        reason: expect.stringMatching(/changed during the promotion \(now 15.00, the promotion had set 14.00\)/),
      }),
    ]);
    expect(await promotionDetail(db, world.shop, promotionId)).toMatchObject({
      state: "ended",
      restored: 2,
      changed: 1,
    });
  });

  it("changes nothing when the end runs again", async () => {
    await db.promotion.update({ where: { id: promotionId }, data: { state: "ending" } });
    await db.promotionVariant.updateMany({ where: { promotionId }, data: { status: "applied" } });
    const before = priceWrites();
    const report = quietReporter();
    await endPromotion({ db, shop: world.shop, client: world.client, report }, promotionId);
    expect(priceWrites()).toBe(before);
    expect(prices("PULL|M")).toEqual({ price: "50.00", compareAtPrice: "60.00" });
    expect(prices("BONNET|U")).toEqual({ price: "15.00", compareAtPrice: "20.00" });
    expect(await endPromotion({ db, shop: world.shop, client: world.client, report }, promotionId)).toEqual({
      skipped: "the promotion has already ended",
    });
  });
});

describe("rounding, discount mode and a failed start", () => {
  it("rounds by the shop's rule", async () => {
    await setRounding(db, world.shop, "x9");
    const { preview } = await previewPromotion(world.deps, {
      name: "x9",
      percentage: 30,
      productIds: [world.productId("Pull")],
    });
    expect(preview.sample.map((v) => v.newPrice)).toEqual(["27.89", "34.99"]);
    await expect(setRounding(db, world.shop, "nickel")).rejects.toBeInstanceOf(ValidationError);
    await setRounding(db, world.shop, "cent");
  });

  it("runs a discount-mode promotion as an automatic discount plus the tag, prices untouched", async () => {
    const { promotion } = await createPromotion(world.deps, {
      name: "Été",
      percentage: 25,
      mode: "discount",
      productIds: [world.productId("Short")],
    });
    expect(promotion.tag).toBe("promo-25");
    await world.runDue();
    const discounts = [...merchandisingOf(world.shopify.store, world.record).discounts.values()];
    expect(discounts).toHaveLength(1);
    expect(discounts[0]).toMatchObject({
      title: "Été (promo-25)",
      percentage: 0.25,
      productIds: [world.product("Short").id],
      endsAt: null,
    });
    expect(world.product("Short").tags).toEqual(["promo-25"]);
    expect(prices("SHORT|U")).toEqual({ price: "30.00", compareAtPrice: null });
    const active = await promotionDetail(db, world.shop, promotion.id);
    expect(active).toMatchObject({
      state: "active",
      discountId: `gid://shopify/DiscountAutomaticNode/${discounts[0]!.id}`,
    });

    await endPromotionByTag(db, world.shop, "promo-25", world.clock.now());
    await world.runDue();
    expect(discounts[0]!.endsAt).not.toBeNull();
    expect(world.product("Short").tags).toEqual([]);
    expect(await promotionDetail(db, world.shop, promotion.id)).toMatchObject({ state: "ended" });
    await expect(endPromotionByTag(db, world.shop, "promo-25", world.clock.now())).rejects.toThrow(/No running/);
  });

  it("shows a start that cannot succeed as failed, and ends it cleanly", async () => {
    const collectionId = await world.collection("Accessoires", ["GANTS|U"]);
    const { promotion } = await createPromotion(world.deps, {
      name: "Accessoires",
      percentage: 20,
      collectionIds: [collectionId],
    });
    // The merchant deletes the collection before the promotion starts.
    merchandisingOf(world.shopify.store, world.record).collections.delete(Number(collectionId.split("/").pop()));
    await world.runDue();
    const failed = await promotionDetail(db, world.shop, promotion.id);
    expect(failed).toMatchObject({ state: "failed", error: `Shopify has no collection ${collectionId}.` });
    // A French admin reads why in French; a row stored before its words were shows the English.
    const inFrench = await promotionDetail(db, world.shop, promotion.id, undefined, "fr");
    expect(inFrench.error).toBe(`Shopify n'a pas de collection ${collectionId}.`);
    const listed = (await listPromotions(db, world.shop, 100, "fr")).find((p) => p.id === promotion.id);
    expect(listed?.error).toBe(`Shopify n'a pas de collection ${collectionId}.`);
    await db.promotion.update({ where: { id: promotion.id }, data: { errorWords: null } });
    expect((await promotionDetail(db, world.shop, promotion.id, undefined, "fr")).error).toBe(
      `Shopify has no collection ${collectionId}.`,
    );
    expect(prices("GANTS|U")).toEqual({ price: "12.00", compareAtPrice: null });

    await endPromotionNow(db, world.shop, promotion.id, world.clock.now());
    await world.runDue();
    expect(await promotionDetail(db, world.shop, promotion.id)).toMatchObject({ state: "ended" });
    expect(prices("GANTS|U")).toEqual({ price: "12.00", compareAtPrice: null });
  });

  it("retries a start that met a Shopify outage, then starts", { timeout: 60_000 }, async () => {
    const { promotion } = await createPromotion(world.deps, {
      name: "Bonnets",
      percentage: 30,
      tag: "bonnets",
      productIds: [world.productId("Bonnet")],
    });
    // Shopify answers 503 to every try of the client's first call: the run fails as transient.
    const fault = await fetch(`${world.shopify.url}/_emulator/faults`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ route: "POST /admin/api/2026-07/graphql.json", kind: "status", status: 503, count: 6 }),
    });
    expect(fault.status).toBe(201);
    const [first] = await world.runDue();
    expect(await getJob({ db }, world.shop, first!)).toMatchObject({ status: "queued", attempt: 1 });
    expect(await promotionDetail(db, world.shop, promotion.id)).toMatchObject({ state: "scheduled" });
    expect(prices("BONNET|U")).toEqual({ price: "15.00", compareAtPrice: "20.00" });

    world.clock.advance(10 * 60_000); // past the retry's backoff
    await world.runDue();
    expect(await getJob({ db }, world.shop, first!)).toMatchObject({ status: "succeeded" });
    expect(await promotionDetail(db, world.shop, promotion.id)).toMatchObject({ state: "active" });
    expect(prices("BONNET|U")).toEqual({ price: "10.50", compareAtPrice: "20.00" });

    await endPromotionNow(db, world.shop, promotion.id, world.clock.now());
    await world.runDue();
    expect(prices("BONNET|U")).toEqual({ price: "15.00", compareAtPrice: "20.00" });
  });

  it("refuses bad input with readable field errors", async () => {
    await expect(previewPromotion(world.deps, { name: "", percentage: 120 })).rejects.toMatchObject({
      fieldErrors: { name: "Give the promotion a name", percentage: "must be at most 95" },
    });
    await expect(
      previewPromotion(world.deps, { name: "x", percentage: 10, productIds: ["1"], endsAt: "next week" }),
    ).rejects.toMatchObject({ fieldErrors: { endsAt: expect.stringMatching(/local time/) } });
    await expect(previewPromotion(world.deps, { name: "x", percentage: 10 })).rejects.toMatchObject({
      fieldErrors: { productIds: "pick at least one product or collection" },
    });
  });
});
