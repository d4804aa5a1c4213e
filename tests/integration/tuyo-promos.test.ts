// A promotion made with the promotions feature reaches Tuyo: when the worker starts it, the listed
// products it covers carry its percentage as Tuyo's discount (bulk_update), the others none; when the
// worker ends it, the discount goes back to 0. Shopify and Tuyo are their emulators, on a controlled clock.
import http from "node:http";
import type net from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { saveCategoryRule } from "~/connectors/tuyo/categories.server";
import { providerOf } from "~/connectors/registry.server";
import type { ActivePromotion } from "~/capabilities/promotion-destination";
import { db } from "~/db.server";
import { sayIn } from "~/i18n/stored-words";
import { getJob } from "~/jobs/api.server";
import { createPromotion } from "~/promotions/promotions.server";
import type { TuyoEmulator } from "../../emulators/tuyo/index";
import { startPromotionWorld, type PromotionWorld } from "./promotions-harness";
import { setUpTuyo, startTuyo } from "./tuyo-harness";

let world: PromotionWorld;
let tuyo: TuyoEmulator;
let images: http.Server;
let imageUrl: string;

const PNG = Buffer.from(
  "89504e470d0a1a0a0000000d4948445200000001000000010806000000" +
    "1f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082",
  "hex",
);

beforeAll(async () => {
  images = http.createServer((_req, res) => res.writeHead(200, { "content-type": "image/png" }).end(PNG));
  await new Promise<void>((resolve) => images.listen(0, "127.0.0.1", resolve));
  imageUrl = `http://127.0.0.1:${(images.address() as net.AddressInfo).port}/item.png`;
  world = await startPromotionWorld({
    prefix: "tuyopromo",
    start: new Date("2026-05-04T08:00:00Z"),
    products: [
      { title: "Camisa", variants: [{ sku: "CAMISA-1", price: "40.00" }] },
      { title: "Falda", variants: [{ sku: "FALDA-1", price: "30.00" }] },
    ],
  });
  tuyo = await startTuyo();
  await setUpTuyo(world.shop, tuyo);
  await saveCategoryRule(world.shop, {
    kind: "productType",
    value: "Ropa",
    categoryId: 2,
    subcategoryId: 3,
    productTypeId: 1,
  });
  // Both products listed on Tuyo through the catalog destination (as publishing lists them).
  const catalog = (await providerOf({ shop: world.shop, db }, "tuyo", "catalog-destination"))!.port;
  const outcomes = await catalog.publish(
    ["Camisa", "Falda"].map((title) => ({
      productId: world.productId(title),
      title,
      description: "",
      productType: "Ropa",
      tags: [],
      collectionIds: [],
      options: [],
      imageUrls: [imageUrl],
      variants: [{ sku: world.variant(`${title.toUpperCase()}-1`).sku!, optionValues: [], price: 10, available: 1 }],
    })),
  );
  expect(outcomes.map((o) => o.state)).toEqual(["listed", "listed"]);
});

afterAll(async () => {
  await Promise.all([tuyo?.close(), world?.close(), new Promise((resolve) => images?.close(resolve))]);
});

const onTuyo = (name: string) => tuyo.products().find((p) => p.name === name)!;
const discounts = (name: string) => [onTuyo(name).discount, ...onTuyo(name).variants.map((v) => v.discount)];

describe("promotions reach Tuyo", () => {
  it("a promotion started by the worker sets Tuyo's discount on the listed products it covers, its end removes it", async () => {
    const { promotion } = await createPromotion(world.deps, {
      name: "Dia de la madre",
      percentage: 25,
      productIds: [world.productId("Camisa")],
      startsAt: "2026-05-04T12:00",
      endsAt: "2026-05-04T20:00",
    });
    expect(promotion.state).toBe("scheduled");
    expect(discounts("Camisa")).toEqual([0, 0]);

    world.clock.set(new Date(promotion.startsAt));
    const started = await world.runDue();
    expect(started).toHaveLength(1);
    expect(await getJob({ db }, world.shop, started[0]!)).toMatchObject({
      status: "succeeded",
      result: { toldSystems: 1 },
    });
    expect(discounts("Camisa")).toEqual([25, 25]);
    expect(discounts("Falda")).toEqual([0, 0]);

    const bulk = () => tuyo.calls().filter((c) => c.path === "/api/bulk_update").length;
    const before = bulk();
    world.clock.set(new Date(promotion.endsAt!));
    expect((await world.runDue()).length).toBeGreaterThanOrEqual(1);
    expect(await db.promotion.findUnique({ where: { id: promotion.id } })).toMatchObject({ state: "ended" });
    expect(discounts("Camisa")).toEqual([0, 0]);
    expect(discounts("Falda")).toEqual([0, 0]);
    expect(bulk()).toBe(before + 1);
  });

  it("says Tuyo's refusal of a discount with Tuyo's words quoted, in French for a French admin", async () => {
    const listing = await db.tuyoListing.findFirstOrThrow({
      where: { shop: world.shop, state: "listed", tuyoSku: { not: null } },
    });
    // A product Tuyo no longer knows: its discount lands in Tuyo's erroredProducts.
    await db.tuyoListing.update({ where: { id: listing.id }, data: { tuyoSku: "NOPE-GONE" } });
    try {
      const port = (await providerOf({ shop: world.shop, db }, "tuyo", "promotion-destination"))!.port;
      const promotion = {
        id: "p-refused",
        name: "Refused",
        tag: "promo-5",
        percentage: 5,
        mode: "discount",
        startsAt: new Date(),
        endsAt: null,
        shopifyProductIds: [listing.shopifyProductId],
      } as unknown as ActivePromotion;
      const { skipped } = await port.promotionsChanged([promotion]);
      expect(skipped).toHaveLength(1);
      expect(skipped[0]!.reason).toMatch(/^Tuyo refused the discount: “.+”$/);
      expect(sayIn(skipped[0]!.words!, "fr")).toMatch(/^Tuyo a refusé la remise : « .+ »$/);
    } finally {
      await db.tuyoListing.update({ where: { id: listing.id }, data: { tuyoSku: listing.tuyoSku } });
    }
  });
});
