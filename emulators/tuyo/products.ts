// POST /api/create_products: a list of products, each with images and variants carrying stock per
// branch. Every required field of the seed's table is checked; one bad product refuses the whole list
// (400, the field named) and nothing is created.
import type { ApiContext, ApiRoute } from "./context";
import { ok, TuyoError } from "./envelope";
import { Fields, isRecord, normalizeValues } from "./fields";
import { CARGO_TYPES, PRODUCT_TYPES, type Catalog, type Product, type Tuyo, type Variant } from "./store";

export const createProducts: ApiRoute = (context) => {
  const { body, catalog } = context;
  if (!Array.isArray(body) || body.length === 0) throw TuyoError.bad("The body must be a non-empty list of products");
  const now = context.clock.date().toISOString();
  const products = body.map((input, index) => {
    if (!isRecord(input)) throw TuyoError.bad(`products[${index}] must be an object`);
    return readNewProduct(new Fields(input, `products[${index}]`), context.tuyo, catalog, now);
  });
  assertUniqueSkus(products, catalog);
  for (const product of products) catalog.products.set(product.sku, product);
  return ok("Productos creados satisfactoriamente");
};

/** A product as create_products takes it; TuyoError (400, or 403 for another store) when it is not. */
export function readNewProduct(fields: Fields, tuyo: Tuyo, catalog: Catalog, now: string): Product {
  const store = catalog.store;
  const user = (f: Fields, name: string) => {
    const id = f.integer(name);
    if (!store.users.includes(id)) f.fail(name, `is ${id}, not a user of store ${store.id}`);
    return id;
  };
  const storeId = fields.integer("fk_storesId");
  if (storeId !== store.id)
    throw TuyoError.forbidden(`${fields.at("fk_storesId")}: store ${storeId} does not belong to this API key`);
  const categoryId = fields.integer("fk_categoriesId");
  if (!tuyo.categories.has(categoryId)) fields.fail("fk_categoriesId", `is ${categoryId}, not a known category`);
  const subcategoryId = fields.integer("fk_subcategoriesId");
  if (!tuyo.subcategory(categoryId, subcategoryId))
    fields.fail("fk_subcategoriesId", `is ${subcategoryId}, not a subcategory of category ${categoryId}`);
  const hasVariant = fields.boolean("hasVariant")!;

  const product: Product = {
    sku: fields.sku(),
    name: fields.string("name")!,
    preparationTime: fields.number("preparationTime", { min: 0, integer: true })!,
    description: fields.string("description")!,
    regularPrice: fields.number("regularPrice", { min: 0 })!,
    hasVariant,
    freeShipping: fields.boolean("freeShipping")!,
    cargoType: fields.oneOf("cargoType", CARGO_TYPES)!,
    isFragile: fields.boolean("isFragile")!,
    discount: fields.number("discount", { min: 0, max: 100, integer: true, optional: true }) ?? 0,
    fk_usersId: user(fields, "fk_usersId"),
    fk_storesId: storeId,
    fk_categoriesId: categoryId,
    fk_subcategoriesId: subcategoryId,
    fk_productsTypesId: fields.oneOf("fk_productsTypesId", PRODUCT_TYPES)!,
    createdBy: user(fields, "createdBy"),
    tags: fields.string("tags", { optional: true }) ?? "",
    active: fields.activeFlag()!,
    images: fields.list("images", { min: 1 })!.map((image) => ({
      url: image.string("url")!,
      createdBy: user(image, "createdBy"),
    })),
    variants: fields.list("variants", { min: 1 })!.map((variant) => readVariant(variant, store.branches, user)),
    createdAt: now,
    updatedAt: now,
  };
  if (!hasVariant && product.variants.length !== 1)
    fields.fail("variants", "must hold exactly one variant when hasVariant is false");
  const seen = new Set<string>();
  product.variants.forEach((variant, index) => {
    const key = normalizeValues(variant.values);
    if (seen.has(key)) fields.fail(`variants[${index}].values`, `"${variant.values}" is repeated`);
    seen.add(key);
  });
  return product;
}

function readVariant(fields: Fields, branches: number[], user: (f: Fields, name: string) => number): Variant {
  const attributes = fields.string("attributes")!;
  const values = fields.string("values")!;
  if (attributes.split(",").length !== values.split(",").length)
    fields.fail("values", `must hold one value per attribute (${attributes})`);
  return {
    sku: fields.sku(),
    image: fields.string("image", { optional: true }),
    price: fields.number("price", { min: 0 })!,
    discount: fields.number("discount", { min: 0, max: 100, integer: true, optional: true }) ?? 0,
    attributes,
    values,
    createdBy: user(fields, "createdBy"),
    active: true,
    stock: fields.list("stock", { min: 1 })!.map((line) => {
      const branch = line.integer("fk_storesBranchesId");
      if (!branches.includes(branch)) line.fail("fk_storesBranchesId", `is ${branch}, not a branch of the store`);
      return {
        stock: line.number("stock", { min: 0, integer: true })!,
        fk_storesBranchesId: branch,
        createdBy: user(line, "createdBy"),
      };
    }),
  };
}

/** Product and variant SKUs are unique across the store's catalog (a variant may share its product's). */
export function assertUniqueSkus(products: Product[], catalog: Catalog): void {
  const taken = new Map<string, string>();
  for (const existing of catalog.products.values()) {
    taken.set(existing.sku, existing.sku);
    for (const variant of existing.variants) taken.set(variant.sku, existing.sku);
  }
  for (const product of products) {
    const own = new Set([product.sku, ...product.variants.map((v) => v.sku)]);
    const variantSkus = product.variants.map((v) => v.sku);
    if (new Set(variantSkus).size !== variantSkus.length)
      throw TuyoError.bad(`Product ${product.sku}: variant SKUs must be different`);
    for (const sku of own) {
      const owner = taken.get(sku);
      if (owner !== undefined) throw TuyoError.bad(`SKU ${sku} already exists (product ${owner})`);
    }
    for (const sku of own) taken.set(sku, product.sku);
  }
}

export function findProduct(context: ApiContext, sku: string): Product {
  const product = context.catalog.products.get(sku);
  if (!product) throw TuyoError.notFound();
  return product;
}
