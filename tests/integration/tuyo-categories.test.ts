// Tuyo → Categories through the JSON API: Tuyo's list read once a day (refresh on demand), rules by
// product type or collection checked against that list, the collection rule winning over the type rule.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApiToken } from "~/api/tokens.server";
import { categoryFor, categoryRules, tuyoCategories } from "~/connectors/tuyo/categories.server";
import { action, loader } from "~/routes/api.tuyo.categories";
import { action as screenAction } from "~/routes/app.tuyo.categories";
import type { TuyoEmulator } from "../../emulators/tuyo/index";
import { adminRequest, installShop } from "../support/admin-request";
import { uniqueShop } from "../support/shops";
import { setUpTuyo, startTuyo } from "./tuyo-harness";

const shop = uniqueShop("tuyocat");
let token: string;
let tuyo: TuyoEmulator;

beforeAll(async () => {
  tuyo = await startTuyo();
  await installShop(shop);
  await setUpTuyo(shop, tuyo);
  token = (await createApiToken(shop, "ERP")).token;
});
afterAll(() => tuyo?.close());

const call = (method: string, query = "", json?: unknown) => {
  const request = new Request(`${process.env.SHOPIFY_APP_URL}/api/tuyo/categories${query}`, {
    method,
    headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
    body: json === undefined ? undefined : JSON.stringify(json),
  });
  return (method === "GET" ? loader : action)({ request, params: {}, context: {} }) as Promise<Response>;
};
const categoryCalls = () => tuyo.calls().filter((c) => c.path === "/api/get_categories").length;

describe("Tuyo category mapping", () => {
  it("reads Tuyo's categories once a day, again when asked", async () => {
    const first = await call("GET");
    expect(first.status).toBe(200);
    const body = (await first.json()) as { categories: { name: string }[]; productTypes: { id: number }[] };
    expect(body.categories.map((c) => c.name)).toEqual(expect.arrayContaining(["Ropa", "Zapatos"]));
    expect(body.productTypes.map((t) => t.id)).toEqual([1, 2, 4]);
    const calls = categoryCalls();
    await call("GET");
    expect(categoryCalls()).toBe(calls);
    await call("GET", "?refresh=1");
    expect(categoryCalls()).toBe(calls + 1);
    const tomorrow = new Date(Date.now() + 25 * 60 * 60_000);
    await tuyoCategories(shop, { now: tomorrow });
    expect(categoryCalls()).toBe(calls + 2);
  });

  it("saves rules checked against Tuyo's list and names what is wrong", async () => {
    const bad = await call("PUT", "", {
      kind: "productType",
      value: "Shoes",
      categoryId: 2,
      subcategoryId: 1,
      productTypeId: 3,
    });
    expect(bad.status).toBe(422);
    const refusal = (await bad.json()) as { fieldErrors: Record<string, string> };
    expect(Object.keys(refusal.fieldErrors).sort()).toEqual(["productTypeId", "subcategoryId"]);
    expect(
      (await call("PUT", "", { kind: "collection", value: "Shoes", categoryId: 2, subcategoryId: 3, productTypeId: 1 }))
        .status,
    ).toBe(422);

    expect(
      (
        await call("PUT", "", {
          kind: "productType",
          value: "Shoes",
          categoryId: 2,
          subcategoryId: 3,
          productTypeId: 1,
        })
      ).status,
    ).toBe(200);
    const collection = "gid://shopify/Collection/77";
    expect(
      (
        await call("PUT", "", {
          kind: "collection",
          value: collection,
          categoryId: 1,
          subcategoryId: 1,
          productTypeId: 1,
        })
      ).status,
    ).toBe(200);

    const rules = await categoryRules(shop);
    expect(categoryFor(rules, { productType: "Shoes", collectionIds: [] })).toEqual({
      categoryId: 2,
      subcategoryId: 3,
      productTypeId: 1,
    });
    expect(categoryFor(rules, { productType: "Shoes", collectionIds: [collection] })).toMatchObject({ categoryId: 1 });
    expect(categoryFor(rules, { productType: "Hats", collectionIds: [] })).toBeNull();

    expect((await call("DELETE", "", { kind: "productType", value: "Shoes" })).status).toBe(200);
    expect((await call("DELETE", "", { kind: "productType", value: "Shoes" })).status).toBe(404);
    expect((await call("POST", "", {})).status).toBe(405);
  });
});

describe("Tuyo → Categories for a French admin", () => {
  const submit = (form: Record<string, string>) =>
    screenAction({
      request: adminRequest(shop, "/app/tuyo/categories?locale=fr", { form }),
      params: {},
      context: {},
    });

  it("names what is wrong with a mapping, and says it is saved or removed, in French", async () => {
    const refused = await submit({
      intent: "save",
      kind: "collection",
      value: "Shoes",
      categoryId: "2",
      subcategoryId: "1",
      productTypeId: "3",
    });
    expect(refused).toMatchObject({
      ok: false,
      message: "Cette correspondance ne peut pas être enregistrée.",
      fieldErrors: {
        value: "Une collection se désigne par son identifiant (gid://shopify/Collection/…).",
        subcategoryId: expect.stringMatching(/^Choisissez une sous-catégorie de « .+ »\.$/),
        productTypeId: "Utilisez 1 (Retail), 2 (Food) ou 4 (Pharmacy).",
      },
    });
    const rule = { kind: "productType", value: "Chemises", categoryId: "2", subcategoryId: "3", productTypeId: "1" };
    expect(await submit({ intent: "save", ...rule })).toMatchObject({
      ok: true,
      message: "Correspondance enregistrée.",
    });
    expect(await submit({ intent: "delete", ...rule })).toMatchObject({
      ok: true,
      message: "Correspondance supprimée.",
    });
    expect(await submit({ intent: "delete", ...rule })).toMatchObject({
      ok: false,
      message: "Cette correspondance n'existe pas.",
    });
  });
});
