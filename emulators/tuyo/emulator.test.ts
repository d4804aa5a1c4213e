// Contract of the Tuyo emulator over real HTTP: keys, timestamp, errors, categories, create_products.
import { describe, expect, it } from "vitest";
import { DEMO_TESTING_TOKEN } from "./index";
import {
  api,
  NOW,
  omit,
  product,
  seedBoth,
  stockLine,
  tuyo,
  uniqueProduct,
  USER,
  withTuyoEmulator,
  variantProduct,
} from "./test-kit";

withTuyoEmulator();

describe("keys, timestamp and errors", () => {
  it("refuses a request without a key or with an unknown key (401)", async () => {
    expect(await api("GET", "/api/get_categories", { token: null })).toEqual({
      status: 401,
      body: { status: 401, response: "Unauthorized" },
    });
    expect((await api("GET", "/api/get_categories", { token: "nope" })).body).toEqual({
      status: 401,
      response: "Unauthorized",
    });
  });

  it.each([
    ["missing", null],
    ["six minutes old", NOW - 6 * 60_000],
    ["six minutes ahead", NOW + 6 * 60_000],
    ["in seconds rather than milliseconds", Math.floor(NOW / 1000)],
    ["not a number", "yesterday"],
  ])("answers Request is expired for a timestamp %s", async (_label, timestamp) => {
    expect(await api("GET", "/api/get_categories", { timestamp })).toEqual({
      status: 401,
      body: { status: 401, response: "Request is expired" },
    });
  });

  it("judges freshness on the emulator clock, moved through the control API", async () => {
    expect((await api("GET", "/api/get_categories", { timestamp: NOW - 4 * 60_000 })).status).toBe(200);
    await fetch(`${tuyo.url}/_emulator/clock`, { method: "POST", body: JSON.stringify({ advanceMs: 10 * 60_000 }) });
    expect((await api("GET", "/api/get_categories", { timestamp: NOW })).body.response).toBe("Request is expired");
  });

  it("answers 404 for an unknown endpoint or method, 400 for a body that is not JSON", async () => {
    expect((await api("GET", "/api/nowhere")).body).toEqual({ status: 404, response: "Endpoint not found" });
    expect((await api("GET", "/api/create_products")).status).toBe(404);
    expect((await api("POST", "/api/create_products", { raw: "[{" })).body).toEqual({
      status: 400,
      response: "The body must be JSON",
    });
  });

  it("answers an injected server error in Tuyo's shape (500)", async () => {
    tuyo.faults.add([{ route: "GET /api/get_categories", kind: "status", status: 500, count: 1 }]);
    expect(await api("GET", "/api/get_categories")).toEqual({
      status: 500,
      body: { status: 500, response: "Internal Server Error" },
    });
    expect((await api("GET", "/api/get_categories")).status).toBe(200);
  });
});

describe("get_categories", () => {
  it("lists categories with their product type and subcategories", async () => {
    const { status, body } = await api("GET", "/api/get_categories");
    expect(status).toBe(200);
    expect(body).toContainEqual({
      productsCategoriesId: 10,
      name: "Calzado",
      fk_productsTypesId: 1,
      subcategories: [
        { productsSubcategoriesId: 81, name: "Tenis" },
        { productsSubcategoriesId: 82, name: "Sandalias" },
      ],
    });
    expect(body.map((c: { fk_productsTypesId: number }) => c.fk_productsTypesId)).toEqual(
      expect.arrayContaining([1, 2, 4]),
    );
  });

  it("shows categories seeded through the control API", async () => {
    const seeded = await fetch(`${tuyo.url}/_emulator/seed`, {
      method: "POST",
      body: JSON.stringify({
        categories: [
          {
            productsCategoriesId: 99,
            name: "Mascotas",
            subcategories: [{ productsSubcategoriesId: 990, name: "Perros" }],
          },
        ],
      }),
    });
    expect(seeded.status).toBe(201);
    const { body } = await api("GET", "/api/get_categories");
    expect(body).toContainEqual({
      productsCategoriesId: 99,
      name: "Mascotas",
      fk_productsTypesId: 1,
      subcategories: [{ productsSubcategoriesId: 990, name: "Perros" }],
    });
  });
});

describe("create_products", () => {
  it("creates products with images, variants and stock per branch", async () => {
    expect(await api("POST", "/api/create_products", { body: [uniqueProduct(), variantProduct()] })).toEqual({
      status: 200,
      body: { status: 200, response: "Productos creados satisfactoriamente" },
    });
    const response = await fetch(`${tuyo.url}/_emulator/products/ZAP-01`);
    const created = await response.json();
    expect(created).toMatchObject({
      sku: "ZAP-01",
      hasVariant: true,
      active: true,
      cargoType: "Motocicleta",
      images: [{ url: "https://cdn.example.invalid/empty.jpg", createdBy: USER }],
    });
    expect(created.variants.map((v: { values: string; stock: unknown }) => [v.values, v.stock])).toEqual([
      ["8,Negro", [stockLine(5), stockLine(2, 429)]],
      ["8,Blanco", [stockLine(3)]],
    ]);
    expect(product("32G4HJ32G4")?.variants).toHaveLength(1);
  });

  it.each([
    "sku",
    "name",
    "preparationTime",
    "description",
    "regularPrice",
    "hasVariant",
    "freeShipping",
    "cargoType",
    "isFragile",
    "fk_usersId",
    "fk_storesId",
    "fk_categoriesId",
    "fk_subcategoriesId",
    "fk_productsTypesId",
    "createdBy",
    "active",
    "images",
    "variants",
  ])("refuses a product without %s (400) and creates nothing", async (field) => {
    const bad = uniqueProduct({ sku: "OTHER" });
    delete bad[field];
    const { status, body } = await api("POST", "/api/create_products", { body: [uniqueProduct(), bad] });
    expect(status).toBe(400);
    expect(body).toEqual({ status: 400, response: `products[1].${field} is required` });
    expect(tuyo.products()).toEqual([]);
  });

  it.each([
    ["images[0].url", { images: [{ createdBy: USER }] }],
    ["images[0].createdBy", { images: [{ url: "https://cdn.example.invalid/a.jpg" }] }],
    ...(["sku", "price", "attributes", "values", "createdBy", "stock"] as const).map(
      (name) => [`variants[0].${name}`, { variants: [omit((uniqueProduct().variants as object[])[0], name)] }] as const,
    ),
    ...(["stock", "fk_storesBranchesId", "createdBy"] as const).map(
      (name) =>
        [
          `variants[0].stock[0].${name}`,
          { variants: [{ ...(uniqueProduct().variants as object[])[0], stock: [omit(stockLine(1), name)] }] },
        ] as const,
    ),
  ] as [string, Record<string, unknown>][])("refuses a product without %s (400)", async (path, overrides) => {
    const { status, body } = await api("POST", "/api/create_products", { body: [uniqueProduct(overrides)] });
    expect({ status, body }).toEqual({
      status: 400,
      body: { status: 400, response: `products[0].${path} is required` },
    });
  });

  it("takes a SKU of 20 characters and refuses 21", async () => {
    const sku20 = "A".repeat(20);
    const ok = await api("POST", "/api/create_products", {
      body: [uniqueProduct({ sku: sku20, variants: [{ ...(uniqueProduct().variants as object[])[0], sku: sku20 }] })],
    });
    expect(ok.status).toBe(200);
    const { body } = await api("POST", "/api/create_products", { body: [uniqueProduct({ sku: "B".repeat(21) })] });
    expect(body).toEqual({ status: 400, response: "products[0].sku must be at most 20 characters" });
    const variantSku = await api("POST", "/api/create_products", {
      body: [
        uniqueProduct({ sku: "C1", variants: [{ ...(uniqueProduct().variants as object[])[0], sku: "C".repeat(21) }] }),
      ],
    });
    expect(variantSku.body.response).toBe("products[0].variants[0].sku must be at most 20 characters");
  });

  it("takes the three cargo types and the product types 1, 2 and 4 only", async () => {
    const cases = [
      ["Motocicleta", 1],
      ["Liviano", 2],
      ["Pesado", 4],
    ] as const;
    for (const [index, [cargoType, type]] of cases.entries()) {
      const sku = `P${index}`;
      const variants = [{ ...(uniqueProduct().variants as object[])[0], sku }];
      const answer = await api("POST", "/api/create_products", {
        body: [uniqueProduct({ sku, cargoType, fk_productsTypesId: type, variants })],
      });
      expect(answer.status).toBe(200);
      expect(product(sku)).toMatchObject({ cargoType, fk_productsTypesId: type });
    }
    expect(
      (await api("POST", "/api/create_products", { body: [uniqueProduct({ cargoType: "Camion" })] })).body.response,
    ).toBe("products[0].cargoType must be one of Motocicleta, Liviano, Pesado");
    expect(
      (await api("POST", "/api/create_products", { body: [uniqueProduct({ fk_productsTypesId: 3 })] })).body.response,
    ).toBe("products[0].fk_productsTypesId must be one of 1, 2, 4");
  });

  it.each([
    ["active as a boolean", { active: true }, 'products[0].active must be "0" or "1"'],
    ["an unknown category", { fk_categoriesId: 404 }, "products[0].fk_categoriesId is 404, not a known category"],
    [
      "a subcategory of another category",
      { fk_subcategoriesId: 3 },
      "products[0].fk_subcategoriesId is 3, not a subcategory of category 10",
    ],
    ["a user of another store", { fk_usersId: 1 }, "products[0].fk_usersId is 1, not a user of store 362"],
    ["a discount over 100", { discount: 120 }, "products[0].discount must be at most 100"],
    ["a price as text", { regularPrice: "85.99" }, "products[0].regularPrice must be a number"],
    ["hasVariant as text", { hasVariant: "false" }, "products[0].hasVariant must be true or false"],
    ["no image", { images: [] }, "products[0].images must hold at least 1 item"],
    [
      "two variants with hasVariant false",
      { variants: (variantProduct().variants as object[]).slice() },
      "products[0].variants must hold exactly one variant when hasVariant is false",
    ],
    [
      "a branch of another store",
      { variants: [{ ...(uniqueProduct().variants as object[])[0], stock: [stockLine(1, 999)] }] },
      "products[0].variants[0].stock[0].fk_storesBranchesId is 999, not a branch of the store",
    ],
    [
      "negative stock",
      { variants: [{ ...(uniqueProduct().variants as object[])[0], stock: [stockLine(-1)] }] },
      "products[0].variants[0].stock[0].stock must be at least 0",
    ],
    [
      "fewer values than attributes",
      { variants: [{ ...(uniqueProduct().variants as object[])[0], attributes: "Talla,Color", values: "8" }] },
      "products[0].variants[0].values must hold one value per attribute (Talla,Color)",
    ],
  ])("refuses %s (400)", async (_label, overrides, message) => {
    expect(await api("POST", "/api/create_products", { body: [uniqueProduct(overrides)] })).toEqual({
      status: 400,
      body: { status: 400, response: message },
    });
    expect(tuyo.products()).toEqual([]);
  });

  it("refuses a SKU that exists, a list that is empty, and another store's product (403)", async () => {
    seedBoth();
    expect((await api("POST", "/api/create_products", { body: [uniqueProduct()] })).body).toEqual({
      status: 400,
      response: "SKU 32G4HJ32G4 already exists (product 32G4HJ32G4)",
    });
    expect((await api("POST", "/api/create_products", { body: [] })).status).toBe(400);
    expect((await api("POST", "/api/create_products", { body: uniqueProduct() })).status).toBe(400);
    expect(await api("POST", "/api/create_products", { body: [uniqueProduct({ sku: "X", fk_storesId: 7 })] })).toEqual({
      status: 403,
      body: { status: 403, response: "products[0].fk_storesId: store 7 does not belong to this API key" },
    });
  });

  it("keeps testing products apart from production ones", async () => {
    await api("POST", "/api/create_products", { body: [uniqueProduct()], token: DEMO_TESTING_TOKEN });
    expect(product("32G4HJ32G4", "testing")).toBeDefined();
    expect(tuyo.products("production")).toEqual([]);
  });
});
