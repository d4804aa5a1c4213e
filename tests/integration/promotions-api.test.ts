// The promotions JSON API with an API token, against the Shopify emulator: preview (nothing written),
// create (201), overlap refused (422 listing the variants), list, detail, the seed's /promo/:tag end,
// the rounding setting, and readable 4xx answers.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApiToken } from "~/api/tokens.server";
import { db } from "~/db.server";
import { action as promo } from "~/routes/api.promo._index";
import { action as endByTag } from "~/routes/api.promo.$tag";
import { action as create, loader as list } from "~/routes/api.promotions._index";
import { loader as detail } from "~/routes/api.promotions.$id._index";
import { action as endNow } from "~/routes/api.promotions.$id.end";
import { action as saveSettings, loader as settings } from "~/routes/api.promotions.settings";
import { startPromotionWorld, type PromotionWorld } from "./promotions-harness";

let world: PromotionWorld;
let token: string;

beforeAll(async () => {
  world = await startPromotionWorld({
    prefix: "promo-api",
    start: new Date(),
    products: [
      { title: "Veste", variants: [{ sku: "VESTE|U", price: "120.00", compareAtPrice: "150.00" }] },
      { title: "Sac", variants: [{ sku: "SAC|U", price: "45.00" }] },
    ],
  });
  ({ token } = await createApiToken(world.shop, "ERP"));
});
afterAll(() => world?.close());

function request(path: string, method = "GET", body?: unknown) {
  return new Request(`${process.env.SHOPIFY_APP_URL}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const read = async (response: Response) => ({ status: response.status, body: (await response.json()) as any });
const runDue = () => {
  world.clock.set(new Date(Date.now() + 1_000));
  return world.runDue();
};

describe("promotions JSON API", () => {
  it("previews, creates, lists, shows and ends a promotion by its tag", async () => {
    const input = { name: "Vestes", percentage: 20, productIds: [world.productId("Veste")] };
    const preview = await read(
      await create({
        request: request("/api/promotions", "POST", { ...input, preview: true }),
        params: {},
        context: {},
      }),
    );
    expect(preview.status).toBe(200);
    expect(preview.body).toMatchObject({ created: false, rounding: "cent", preview: { variants: 1 } });
    expect(preview.body.preview.sample[0]).toMatchObject({ sku: "VESTE|U", newPrice: "96.00", newCompareAt: "150.00" });
    expect(await db.promotion.count({ where: { shop: world.shop } })).toBe(0);

    const created = await read(await promo({ request: request("/api/promo", "POST", input), params: {}, context: {} }));
    expect(created.status).toBe(201);
    expect(created.body.promotion).toMatchObject({ name: "Vestes", tag: "promo-20", state: "scheduled" });
    const id = created.body.promotion.id as string;

    const overlap = await read(
      await create({
        request: request("/api/promotions", "POST", { ...input, tag: "autre" }),
        params: {},
        context: {},
      }),
    );
    expect(overlap.status).toBe(422);
    expect(overlap.body.error).toMatch(/"Vestes" \(promo-20\) already covers 1 of these variants: VESTE\|U/);

    await runDue();
    expect(world.variant("VESTE|U")).toMatchObject({ price: "96.00", compareAtPrice: "150.00" });
    const listed = await read(await list({ request: request("/api/promotions"), params: {}, context: {} }));
    expect(listed.body.promotions).toEqual([expect.objectContaining({ id, state: "active", variants: 1 })]);
    const shown = await read(await detail({ request: request(`/api/promotions/${id}`), params: { id }, context: {} }));
    expect(shown.body.promotion.items).toEqual([
      expect.objectContaining({
        sku: "VESTE|U",
        originalPrice: "120.00",
        originalCompareAt: "150.00",
        promoPrice: "96.00",
      }),
    ]);

    const ended = await read(
      await endByTag({ request: request("/api/promo/promo-20", "DELETE"), params: { tag: "promo-20" }, context: {} }),
    );
    expect(ended.status).toBe(202);
    expect(ended.body).toMatchObject({ promotion: { state: "ending" }, statusUrl: `/api/jobs/${ended.body.jobId}` });
    await runDue();
    expect(world.variant("VESTE|U")).toMatchObject({ price: "120.00", compareAtPrice: "150.00" });
    const again = await read(
      await endNow({ request: request(`/api/promotions/${id}/end`, "POST"), params: { id }, context: {} }),
    );
    expect(again).toMatchObject({ status: 200, body: { jobId: null, promotion: { state: "ended" } } });
  });

  it("answers bad input, unknown promotions and tags with readable 4xx", async () => {
    const bad = await read(
      await create({
        request: request("/api/promotions", "POST", { name: "x", percentage: "lots", productIds: ["abc"], colour: 1 }),
        params: {},
        context: {},
      }),
    );
    expect(bad.status).toBe(422);
    expect(bad.body.fieldErrors).toMatchObject({ percentage: "must be a number", body: "unknown fields: colour" });
    const missing = await read(
      await detail({ request: request("/api/promotions/nope"), params: { id: "nope" }, context: {} }),
    );
    expect(missing).toEqual({ status: 404, body: { error: "No such promotion." } });
    const noTag = await read(
      await endByTag({ request: request("/api/promo/none", "DELETE"), params: { tag: "none" }, context: {} }),
    );
    expect(noTag.status).toBe(404);
    const wrong = await endByTag({ request: request("/api/promo/none", "POST"), params: { tag: "none" }, context: {} });
    expect(wrong.status).toBe(405);
  });

  it("takes followCollections, shows it, and refuses it without collections", async () => {
    const refused = await read(
      await create({
        request: request("/api/promotions", "POST", {
          name: "Sacs",
          percentage: 10,
          productIds: [world.productId("Sac")],
          followCollections: true,
        }),
        params: {},
        context: {},
      }),
    );
    expect(refused.status).toBe(422);
    expect(refused.body.fieldErrors).toEqual({ followCollections: "pick at least one collection" });
    const collectionId = await world.collection("Sacs", ["SAC|U"]);
    const created = await read(
      await create({
        request: request("/api/promotions", "POST", {
          name: "Sacs",
          percentage: 10,
          collectionIds: [collectionId],
          followCollections: true,
          startsAt: "2099-01-01T10:00",
        }),
        params: {},
        context: {},
      }),
    );
    expect(created.status).toBe(201);
    expect(created.body.promotion).toMatchObject({ followCollections: true });
    const id = created.body.promotion.id as string;
    const shown = await read(await detail({ request: request(`/api/promotions/${id}`), params: { id }, context: {} }));
    expect(shown.body.promotion).toMatchObject({ followCollections: true, collectionIds: [collectionId] });
  });

  it("reads and sets the shop's rounding rule", async () => {
    const saved = await read(
      await saveSettings({
        request: request("/api/promotions/settings", "PUT", { rounding: "x9" }),
        params: {},
        context: {},
      }),
    );
    expect(saved).toEqual({ status: 200, body: { rounding: "x9" } });
    expect(
      (await read(await settings({ request: request("/api/promotions/settings"), params: {}, context: {} }))).body,
    ).toEqual({
      rounding: "x9",
    });
    const refused = await read(
      await saveSettings({
        request: request("/api/promotions/settings", "PUT", { rounding: "up" }),
        params: {},
        context: {},
      }),
    );
    expect(refused.status).toBe(422);
  });
});
