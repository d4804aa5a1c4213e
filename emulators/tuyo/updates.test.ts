// Contract of the Tuyo emulator over real HTTP: update_product (one and many), bulk_update, set_promo, delete_products.
import { beforeEach, describe, expect, it } from "vitest";
import { DEMO_TESTING_TOKEN } from "./index";
import { api, product, seedBoth, stocks, tuyo, uniqueProduct, withTuyoEmulator } from "./test-kit";

withTuyoEmulator();

describe("update_product/{sku}", () => {
  beforeEach(() => seedBoth());

  it("activates or deactivates the product when neither stock nor values are sent", async () => {
    expect(await api("PATCH", "/api/update_product/ZAP-01", { body: { active: false } })).toEqual({
      status: 200,
      body: { status: 200, response: "Product & Stock updated!" },
    });
    expect(product("ZAP-01")).toMatchObject({ active: false, variants: [{ active: true }, { active: true }] });
    await api("PATCH", "/api/update_product/ZAP-01", { body: { active: true } });
    expect(product("ZAP-01")?.active).toBe(true);
  });

  it("activates or deactivates one variant, named by its values, when stock is not sent", async () => {
    await api("PATCH", "/api/update_product/ZAP-01", { body: { active: false, values: "8,Blanco" } });
    expect(product("ZAP-01")).toMatchObject({ active: true, variants: [{ active: true }, { active: false }] });
  });

  it("sets the stock of every variant when neither active nor values are sent", async () => {
    await api("PATCH", "/api/update_product/ZAP-01", { body: { stock: 7 } });
    expect(stocks("ZAP-01")).toEqual([[7, 2], [7]]);
    expect(product("ZAP-01")?.active).toBe(true);
  });

  it("sets the stock of one variant when active is not sent", async () => {
    await api("PATCH", "/api/update_product/ZAP-01", { body: { stock: 0, values: "8, negro" } });
    expect(stocks("ZAP-01")).toEqual([[0, 2], [3]]);
  });

  it("answers 404 for an unknown product or variant, 409 without active or stock, 400 for bad types", async () => {
    expect((await api("PATCH", "/api/update_product/NOPE", { body: { active: true } })).body).toEqual({
      status: 404,
      response: "Product not found",
    });
    expect((await api("PATCH", "/api/update_product/ZAP-01", { body: { stock: 1, values: "9,Rojo" } })).body).toEqual({
      status: 404,
      response: "Variant not found",
    });
    expect((await api("PATCH", "/api/update_product/ZAP-01", { body: { values: "8,Negro" } })).body).toEqual({
      status: 409,
      response: "Status is missing",
    });
    expect((await api("PATCH", "/api/update_product/ZAP-01", { body: { active: "1" } })).status).toBe(400);
    expect((await api("PATCH", "/api/update_product/ZAP-01", { body: { stock: -2 } })).status).toBe(400);
    expect(stocks("ZAP-01")).toEqual([[5, 2], [3]]);
  });
});

describe("update_product (many)", () => {
  beforeEach(() => seedBoth());

  it("activates or deactivates the listed products, passing over unknown SKUs", async () => {
    expect(
      await api("POST", "/api/update_product", { body: { active: false, sku: ["ZAP-01", "32G4HJ32G4", "NOPE"] } }),
    ).toEqual({
      status: 200,
      body: { status: 200, response: "2 Products updated!" },
    });
    expect(tuyo.products().map((p) => p.active)).toEqual([false, false]);
  });

  it("answers 404 when no SKU is known and 409 without active or SKUs", async () => {
    expect((await api("POST", "/api/update_product", { body: { active: false, sku: ["NOPE"] } })).body).toEqual({
      status: 404,
      response: "Product not found",
    });
    expect((await api("POST", "/api/update_product", { body: { sku: ["ZAP-01"] } })).body).toEqual({
      status: 409,
      response: "Status is missing",
    });
    expect((await api("POST", "/api/update_product", { body: { active: false } })).body).toEqual({
      status: 409,
      response: "SKU is missing",
    });
    expect(tuyo.products().map((p) => p.active)).toEqual([true, true]);
  });
});

describe("bulk_update", () => {
  beforeEach(() => seedBoth());

  it("updates the good products and lists the others in erroredProducts", async () => {
    const { status, body } = await api("PATCH", "/api/bulk_update", {
      body: [
        { sku: "32G4HJ32G4", name: "Nike AIR", regularPrice: 79.5, active: "0", stock: 4 },
        { sku: "ZAP-01", variants: [{ values: "8,Negro", price: 90, stock: 9 }], tags: "nuevo" },
        { sku: "NOPE", name: "x" },
        { sku: "ZAP-01", name: "Half done", cargoType: "Camion" },
        { sku: "ZAP-01", stock: 1, variants: [{ values: "8,Blanco", stock: 1 }] },
        { sku: "ZAP-01", variants: [{ values: "9,Rojo", stock: 1 }] },
        { name: "no sku" },
      ],
    });
    expect(status).toBe(200);
    expect(body).toEqual({
      status: 200,
      response: "2 Productos actualizados & 2 Stock actualizado",
      erroredProducts: [
        { sku: "NOPE", error: "Product not found" },
        { sku: "ZAP-01", error: "products[3].cargoType must be one of Motocicleta, Liviano, Pesado" },
        { sku: "ZAP-01", error: "products[4].stock must not be sent with variants" },
        { sku: "ZAP-01", error: "Variant not found" },
        { sku: null, error: "products[6].sku is required" },
      ],
    });
    expect(product("32G4HJ32G4")).toMatchObject({ name: "Nike AIR", regularPrice: 79.5, active: false });
    expect(stocks("32G4HJ32G4")).toEqual([[4]]);
    expect(product("ZAP-01")).toMatchObject({
      tags: "nuevo",
      name: "Nike AIR Ultra comfort",
      cargoType: "Motocicleta",
      variants: [{ price: 90 }, { price: 85.99 }],
    });
    expect(stocks("ZAP-01")).toEqual([[9, 2], [3]]);
  });

  it("counts a product without stock as updated but not its stock", async () => {
    const { body } = await api("PATCH", "/api/bulk_update", { body: [{ sku: "ZAP-01", description: "Nueva" }] });
    expect(body).toEqual({
      status: 200,
      response: "1 Productos actualizados & 0 Stock actualizado",
      erroredProducts: [],
    });
  });

  it("answers 400 for a body that is not a list and 409 for an empty one", async () => {
    expect((await api("PATCH", "/api/bulk_update", { body: { sku: "ZAP-01" } })).status).toBe(400);
    expect((await api("PATCH", "/api/bulk_update", { body: [] })).body).toEqual({
      status: 409,
      response: "Products are missing",
    });
  });
});

describe("set_promo", () => {
  beforeEach(() => {
    seedBoth();
    tuyo.seed({
      products: [
        uniqueProduct({
          sku: "HOGAR-1",
          fk_categoriesId: 15,
          fk_subcategoriesId: 43,
          variants: [{ ...(uniqueProduct().variants as object[])[0], sku: "HOGAR-1" }],
        }),
      ],
    });
  });
  const discounts = () =>
    Object.fromEntries(tuyo.products().map((p) => [p.sku, [p.discount, ...p.variants.map((v) => v.discount)]]));

  it("discounts every product of the store without categories or subcategories", async () => {
    expect(await api("POST", "/api/set_promo", { body: { discount: 20 } })).toEqual({
      status: 200,
      body: { status: 200, response: " 3 Products updated!" },
    });
    expect(discounts()).toEqual({ "32G4HJ32G4": [20, 20], "ZAP-01": [20, 20, 20], "HOGAR-1": [20, 20] });
  });

  it("discounts the products of the categories, of the subcategories, or of both", async () => {
    expect((await api("POST", "/api/set_promo", { body: { discount: 10, categories: [2, 10] } })).body.response).toBe(
      " 2 Products updated!",
    );
    expect(discounts()).toEqual({ "32G4HJ32G4": [10, 10], "ZAP-01": [10, 10, 10], "HOGAR-1": [0, 0] });
    expect((await api("POST", "/api/set_promo", { body: { discount: 30, subcategories: 43 } })).body.response).toBe(
      " 1 Products updated!",
    );
    expect(discounts()["HOGAR-1"]).toEqual([30, 30]);
    expect(
      (await api("POST", "/api/set_promo", { body: { discount: 40, categories: 15, subcategories: [42, 81] } })).body,
    ).toEqual({
      status: 404,
      response: "Product not found",
    });
    expect(
      (await api("POST", "/api/set_promo", { body: { discount: 0, categories: 15, subcategories: [42, 43] } })).body
        .response,
    ).toBe(" 1 Products updated!");
    expect(discounts()["HOGAR-1"]).toEqual([0, 0]);
  });

  it("answers 409 without a discount and 400 for a bad one", async () => {
    expect((await api("POST", "/api/set_promo", { body: { categories: 2 } })).body).toEqual({
      status: 409,
      response: "Discount is missing",
    });
    expect((await api("POST", "/api/set_promo", { body: { discount: 150 } })).status).toBe(400);
    expect((await api("POST", "/api/set_promo", { body: { discount: 5, categories: ["Ropa"] } })).status).toBe(400);
    expect(discounts()["ZAP-01"]).toEqual([0, 0, 0]);
  });
});

describe("delete_products", () => {
  it("is refused with a production key (403) and deletes nothing", async () => {
    seedBoth();
    expect(await api("DELETE", "/api/delete_products/ZAP-01")).toEqual({
      status: 403,
      body: { status: 403, response: "Deleting products is only allowed with a testing API key" },
    });
    expect(tuyo.products()).toHaveLength(2);
  });

  it("deletes by body, by path, or the whole testing catalog with a testing key", async () => {
    seedBoth("testing");
    seedBoth("production");
    const token = DEMO_TESTING_TOKEN;
    const bySku = await api("DELETE", "/api/delete_products", { token, body: { sku: ["32G4HJ32G4", "NOPE"] } });
    expect(bySku.body).toEqual({ status: 200, response: " 1 Products deleted!" });
    expect(tuyo.products("testing").map((p) => p.sku)).toEqual(["ZAP-01"]);
    expect((await api("DELETE", "/api/delete_products/NOPE", { token })).body).toEqual({
      status: 404,
      response: "Product not found",
    });
    expect(await api("DELETE", "/api/delete_products/ZAP-01", { token })).toEqual({
      status: 200,
      body: { status: 200, response: " 1 Products deleted!" },
    });
    expect(tuyo.products("testing")).toEqual([]);
    seedBoth("testing");
    expect((await api("DELETE", "/api/delete_products", { token })).body.response).toBe(" 2 Products deleted!");
    expect(tuyo.products("testing")).toEqual([]);
    expect(tuyo.products("production")).toHaveLength(2);
  });
});
