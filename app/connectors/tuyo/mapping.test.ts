import { describe, expect, it } from "vitest";
import type { ListingProduct } from "../../capabilities/catalog-destination";
import { sayIn } from "../../i18n/stored-words";
import { buildTuyoProduct, cargoTypeFor, listingHash, readCategories, type ListingContext } from "./mapping.server";

const LB = 453.59237;
const ctx: ListingContext = {
  storeId: 362,
  branchId: 428,
  userId: 16890,
  preparationTimeMs: 86_400_000,
  freeShipping: true,
  fragile: false,
  category: { categoryId: 10, subcategoryId: 81, productTypeId: 1 },
};
const shoe = (overrides: Partial<ListingProduct> = {}): ListingProduct => ({
  productId: "gid://shopify/Product/1001",
  title: "Nike AIR Ultra comfort",
  description: "Ultra comfortable shoes",
  productType: "Zapatos",
  tags: ["Tag01", "Tag02"],
  collectionIds: [],
  options: ["Talla", "Color"],
  imageUrls: ["https://cdn.example/shoe.jpg"],
  variants: [
    { sku: "32G4HJ32G4N", optionValues: ["8", "Negro"], price: 85.99, available: 5, weightGrams: 900 },
    { sku: "32G4HJ32G4B", optionValues: ["8", "Blanco"], price: 85.99, available: 3, weightGrams: 900 },
  ],
  ...overrides,
});

describe("cargo type", () => {
  it("follows the seed's limits: 50 lb and 50 cm for Motocicleta, 1700 lb for Liviano", () => {
    expect(cargoTypeFor({ weightGrams: 50 * LB })).toBe("Motocicleta");
    expect(cargoTypeFor({ weightGrams: 50 * LB + 1 })).toBe("Liviano");
    expect(cargoTypeFor({ weightGrams: 1000, dimensionsCm: { length: 50, width: 50, height: 50 } })).toBe(
      "Motocicleta",
    );
    expect(cargoTypeFor({ weightGrams: 1000, dimensionsCm: { length: 51, width: 10, height: 10 } })).toBe("Liviano");
    expect(cargoTypeFor({ weightGrams: 1700 * LB })).toBe("Liviano");
    expect(cargoTypeFor({ weightGrams: 1700 * LB + 1 })).toBe("Pesado");
    expect(cargoTypeFor({})).toBe("Motocicleta");
  });
});

describe("create_products body", () => {
  it("makes variants from options, images from the CDN URLs, stock for the branch", () => {
    const built = buildTuyoProduct(shoe(), ctx);
    if (!built.ok) throw new Error(built.reason);
    expect(built.body).toMatchObject({
      sku: "SH1001",
      hasVariant: true,
      cargoType: "Motocicleta",
      fk_categoriesId: 10,
      fk_subcategoriesId: 81,
      fk_productsTypesId: 1,
      fk_storesId: 362,
      createdBy: 16890,
      freeShipping: true,
      tags: "Tag01,Tag02",
      active: "1",
      images: [{ url: "https://cdn.example/shoe.jpg", createdBy: 16890 }],
    });
    expect(built.body.variants[1]).toEqual({
      sku: "32G4HJ32G4B",
      attributes: "Talla,Color",
      values: "8,Blanco",
      price: 85.99,
      discount: 0,
      image: "https://cdn.example/shoe.jpg",
      createdBy: 16890,
      stock: [{ stock: 3, fk_storesBranchesId: 428, createdBy: 16890 }],
    });
  });

  it("lists a product without options under its variant's SKU, as Tipo/Unico", () => {
    const built = buildTuyoProduct(
      shoe({ options: [], variants: [{ sku: "L01936657", optionValues: [], price: 10, available: 1 }] }),
      { ...ctx, cargoOverride: "Pesado" },
    );
    expect(built).toMatchObject({
      ok: true,
      body: {
        sku: "L01936657",
        hasVariant: false,
        cargoType: "Pesado",
        variants: [{ attributes: "Tipo", values: "Unico" }],
      },
    });
  });

  it.each([
    ["no category", shoe(), { category: null }, /No Tuyo category is mapped for product type "Zapatos"/],
    [
      "a SKU of 21 characters",
      shoe({ variants: [{ sku: "A".repeat(21), optionValues: ["8", "Negro"], price: 1, available: 0 }] }),
      {},
      /has 21 characters; Tuyo takes at most 20/,
    ],
    [
      "a variant without SKU",
      shoe({ variants: [{ sku: " ", optionValues: ["8", "Negro"], price: 1, available: 0 }] }),
      {},
      /have no SKU/,
    ],
    ["no image", shoe({ imageUrls: [] }), {}, /no image/],
    [
      "a comma in a value",
      shoe({ variants: [{ sku: "X1", optionValues: ["8,5", "Negro"], price: 1, available: 0 }] }),
      {},
      /contains a comma/,
    ],
  ])("refuses %s before sending, with the reason", (_name, product, extra, reason) => {
    const built = buildTuyoProduct(product, { ...ctx, ...extra });
    expect(built.ok).toBe(false);
    expect(!built.ok && built.reason).toMatch(reason);
    // The reason is said with its words: its English is the reason, and a French admin reads French.
    expect(!built.ok && built.words.text).toBe(!built.ok && built.reason);
    expect(!built.ok && sayIn(built.words, "fr")).not.toBe(!built.ok && built.reason);
  });

  it("says why it refuses in French for a French admin, values quoted their way", () => {
    const refusal = (product: ListingProduct, extra: Partial<ListingContext> = {}) => {
      const built = buildTuyoProduct(product, { ...ctx, ...extra });
      return built.ok ? null : sayIn(built.words, "fr");
    };
    expect(refusal(shoe(), { category: null })).toBe(
      "Aucune catégorie Tuyo n'est associée au type de produit « Zapatos » ni à ses collections : associez-en une dans Tuyo → Catégories.",
    );
    expect(
      refusal(shoe({ variants: [{ sku: "A".repeat(21), optionValues: ["8", "Negro"], price: 1, available: 0 }] })),
    ).toBe(`Le SKU « ${"A".repeat(21)} » a 21 caractères ; Tuyo en accepte au plus 20.`);
    expect(refusal(shoe({ imageUrls: [] }))).toBe("Le produit n'a pas d'image ; Tuyo en demande au moins une.");
  });

  it("hashes what bulk_update can change, not the stock", () => {
    const a = buildTuyoProduct(shoe(), ctx);
    const stockMoved = buildTuyoProduct(
      shoe({ variants: shoe().variants.map((v) => ({ ...v, available: v.available + 4 })) }),
      ctx,
    );
    const renamed = buildTuyoProduct(shoe({ title: "Nike AIR" }), ctx);
    if (!a.ok || !stockMoved.ok || !renamed.ok) throw new Error("not built");
    expect(stockMoved.hash).toBe(a.hash);
    expect(renamed.hash).not.toBe(a.hash);
    expect(listingHash(a.body)).toBe(a.hash);
  });
});

describe("categories", () => {
  it("reads get_categories' answer and leaves odd entries out", () => {
    expect(
      readCategories([
        {
          productsCategoriesId: 1,
          name: "Ropa",
          fk_productsTypesId: 1,
          subcategories: [{ productsSubcategoriesId: 1, name: "Dama" }],
        },
        { name: "no id" },
        "junk",
      ]),
    ).toEqual([{ id: 1, name: "Ropa", productTypeId: 1, subcategories: [{ id: 1, name: "Dama" }] }]);
  });
});
