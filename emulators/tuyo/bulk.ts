// PATCH /api/bulk_update: a list of partial products by SKU. Each product is checked and applied on its
// own: a bad one lands in erroredProducts ({ sku, error }) and the others are still updated. Variants
// carry no SKU here, so they are named by their values ("8,Negro").
import type { ApiContext, ApiRoute } from "./context";
import { ok, TuyoError } from "./envelope";
import { Fields, isRecord } from "./fields";
import { CARGO_TYPES, PRODUCT_TYPES, type Product, type Variant } from "./store";
import { findVariant, setStock } from "./updates";

export interface ErroredProduct {
  sku: string | null;
  error: string;
}

export const bulkUpdate: ApiRoute = (context) => {
  const { body } = context;
  if (!Array.isArray(body)) throw TuyoError.bad("The body must be a list of products");
  if (!body.length) throw TuyoError.conflict("Products are missing");
  const erroredProducts: ErroredProduct[] = [];
  let updated = 0;
  let stockUpdated = 0;
  body.forEach((input, index) => {
    try {
      if (!isRecord(input)) throw TuyoError.bad(`products[${index}] must be an object`);
      const apply = planUpdate(new Fields(input, `products[${index}]`), context);
      if (apply()) stockUpdated += 1;
      updated += 1;
    } catch (error) {
      if (!(error instanceof TuyoError)) throw error;
      const sku = isRecord(input) && typeof input.sku === "string" ? input.sku : null;
      erroredProducts.push({ sku, error: error.message });
    }
  });
  return ok(`${updated} Productos actualizados & ${stockUpdated} Stock actualizado`, { erroredProducts });
};

/** Reads and checks one product's changes; the returned function applies them (true when stock changed). */
function planUpdate(fields: Fields, context: ApiContext): () => boolean {
  const sku = fields.sku();
  const product = context.catalog.products.get(sku);
  if (!product) throw TuyoError.notFound(`Product not found`);
  const changes: Partial<Product> = {};
  const set = <K extends keyof Product>(key: K, value: Product[K] | undefined) => {
    if (value !== undefined) changes[key] = value;
  };
  set("name", fields.string("name", { optional: true }));
  set("preparationTime", fields.number("preparationTime", { min: 0, integer: true, optional: true }));
  set("description", fields.string("description", { optional: true }));
  set("regularPrice", fields.number("regularPrice", { min: 0, optional: true }));
  set("cargoType", fields.oneOf("cargoType", CARGO_TYPES, { optional: true }));
  set("discount", fields.number("discount", { min: 0, max: 100, integer: true, optional: true }));
  set("isFragile", fields.boolean("isFragile", { optional: true }));
  set("fk_categoriesId", fields.number("fk_categoriesId", { integer: true, optional: true }));
  set("fk_subcategoriesId", fields.number("fk_subcategoriesId", { integer: true, optional: true }));
  set("fk_productsTypesId", fields.oneOf("fk_productsTypesId", PRODUCT_TYPES, { optional: true }));
  set("tags", fields.string("tags", { optional: true }));
  set("active", fields.activeFlag("active", { optional: true }));

  const categoryId = changes.fk_categoriesId ?? product.fk_categoriesId;
  const subcategoryId = changes.fk_subcategoriesId ?? product.fk_subcategoriesId;
  if (!context.tuyo.categories.has(categoryId))
    fields.fail("fk_categoriesId", `is ${categoryId}, not a known category`);
  if (!context.tuyo.subcategory(categoryId, subcategoryId))
    fields.fail("fk_subcategoriesId", `is ${subcategoryId}, not a subcategory of category ${categoryId}`);

  const stock = fields.number("stock", { min: 0, integer: true, optional: true });
  const variantChanges = (fields.list("variants", { optional: true }) ?? []).map((variant) =>
    planVariant(variant, product),
  );
  if (stock !== undefined && variantChanges.length) fields.fail("stock", "must not be sent with variants");

  return () => {
    Object.assign(product, changes);
    let stockChanged = false;
    if (stock !== undefined) {
      for (const variant of product.variants) setStock(variant, stock);
      stockChanged = true;
    }
    for (const apply of variantChanges) stockChanged = apply() || stockChanged;
    product.updatedAt = context.clock.date().toISOString();
    return stockChanged;
  };
}

function planVariant(fields: Fields, product: Product): () => boolean {
  const variant = findVariant(product, fields.string("values")!);
  const changes: Partial<Variant> = {};
  const image = fields.string("image", { optional: true });
  const price = fields.number("price", { min: 0, optional: true });
  const discount = fields.number("discount", { min: 0, max: 100, integer: true, optional: true });
  const attributes = fields.string("attributes", { optional: true });
  if (image !== undefined) changes.image = image;
  if (price !== undefined) changes.price = price;
  if (discount !== undefined) changes.discount = discount;
  if (attributes !== undefined) {
    if (attributes.split(",").length !== variant.values.split(",").length)
      fields.fail("attributes", `must name one attribute per value (${variant.values})`);
    changes.attributes = attributes;
  }
  const stock = fields.number("stock", { min: 0, integer: true, optional: true });
  return () => {
    Object.assign(variant, changes);
    if (stock !== undefined) setStock(variant, stock);
    return stock !== undefined;
  };
}
