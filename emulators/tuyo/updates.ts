// Changing listed products: PATCH update_product/{sku} (the seed's four cases), POST update_product
// (activate/deactivate many), POST set_promo, DELETE delete_products (testing only).
// Stock is one number in these routes while create_products gives it per branch: it is written to the
// variant's first branch, the one the seller lists first.
import type { ApiContext, ApiRoute } from "./context";
import { ok, TuyoError } from "./envelope";
import { Fields, isRecord, normalizeValues } from "./fields";
import { findProduct } from "./products";
import type { Product, Variant } from "./store";

export function setStock(variant: Variant, stock: number): void {
  if (variant.stock.length) variant.stock[0].stock = stock;
}

export function findVariant(product: Product, values: string): Variant {
  const wanted = normalizeValues(values);
  const variant = product.variants.find((v) => normalizeValues(v.values) === wanted);
  if (!variant) throw TuyoError.notFound("Variant not found");
  return variant;
}

function bodyFields(context: ApiContext): Fields {
  const body = context.body ?? {};
  if (!isRecord(body)) throw TuyoError.bad("The body must be a JSON object");
  return new Fields(body, "");
}

/**
 * - no stock, no values: the product is activated/deactivated
 * - no stock: the variant named by values is activated/deactivated
 * - no active, no values: the stock goes to every variant
 * - no active: the stock goes to the variant named by values
 */
export const updateProduct: ApiRoute = (context) => {
  const product = findProduct(context, context.path.sku);
  const fields = bodyFields(context);
  const active = fields.boolean("active", { optional: true });
  const stock = fields.number("stock", { min: 0, integer: true, optional: true });
  const values = fields.string("values", { optional: true });
  if (active === undefined && stock === undefined) throw TuyoError.conflict("Status is missing");
  const variant = values === undefined ? undefined : findVariant(product, values);
  if (active !== undefined) {
    if (variant) variant.active = active;
    else product.active = active;
  }
  if (stock !== undefined) for (const target of variant ? [variant] : product.variants) setStock(target, stock);
  product.updatedAt = context.clock.date().toISOString();
  return ok("Product & Stock updated!");
};

/** SKUs as one string or a list of strings. */
function skuList(fields: Fields, name: string): string[] | undefined {
  if (!fields.has(name)) return undefined;
  const value = fields.record[name];
  const list = Array.isArray(value) ? value : [value];
  if (!list.every((sku) => typeof sku === "string" && sku)) fields.fail(name, "must be a SKU or a list of SKUs");
  return [...new Set(list as string[])];
}

/** Unknown SKUs are passed over; none known at all is a 404. */
export const updateManyProducts: ApiRoute = (context) => {
  const fields = bodyFields(context);
  if (!fields.has("active")) throw TuyoError.conflict("Status is missing");
  const active = fields.boolean("active")!;
  const skus = skuList(fields, "sku");
  if (!skus?.length) throw TuyoError.conflict("SKU is missing");
  const products = skus.map((sku) => context.catalog.products.get(sku)).filter((p): p is Product => !!p);
  if (!products.length) throw TuyoError.notFound();
  const now = context.clock.date().toISOString();
  for (const product of products) {
    product.active = active;
    product.updatedAt = now;
  }
  return ok(`${products.length} Products updated!`);
};

/** IDs as one number or a list of numbers. */
function idList(fields: Fields, name: string): number[] | undefined {
  if (!fields.has(name)) return undefined;
  const value = fields.record[name];
  const list = Array.isArray(value) ? value : [value];
  if (!list.length || !list.every((id) => Number.isInteger(id))) fields.fail(name, "must be an ID or a list of IDs");
  return list as number[];
}

/**
 * Neither categories nor subcategories: every product of the store. Only categories: their products.
 * Only subcategories: their products, where they exist. Both: products in both. Discount 0 ends a promo.
 */
export const setPromo: ApiRoute = (context) => {
  const fields = bodyFields(context);
  if (!fields.has("discount")) throw TuyoError.conflict("Discount is missing");
  const discount = fields.number("discount", { min: 0, max: 100 })!;
  const categories = idList(fields, "categories");
  const subcategories = idList(fields, "subcategories");
  const products = [...context.catalog.products.values()].filter(
    (product) =>
      (!categories || categories.includes(product.fk_categoriesId)) &&
      (!subcategories || subcategories.includes(product.fk_subcategoriesId)),
  );
  if (!products.length) throw TuyoError.notFound();
  const now = context.clock.date().toISOString();
  for (const product of products) {
    product.discount = discount;
    for (const variant of product.variants) variant.discount = discount;
    product.updatedAt = now;
  }
  return ok(` ${products.length} Products updated!`);
};

/** Testing keys only. SKUs from the path and/or the body; none at all deletes the store's whole catalog. */
export const deleteProducts: ApiRoute = (context) => {
  if (context.key.mode !== "testing")
    throw TuyoError.forbidden("Deleting products is only allowed with a testing API key");
  const fromBody = context.body === undefined ? undefined : skuList(bodyFields(context), "sku");
  const skus = [...new Set([...(context.path.sku ? [context.path.sku] : []), ...(fromBody ?? [])])];
  const { products } = context.catalog;
  const doomed = skus.length ? skus.filter((sku) => products.has(sku)) : [...products.keys()];
  if (skus.length && !doomed.length) throw TuyoError.notFound();
  for (const sku of doomed) products.delete(sku);
  return ok(` ${doomed.length} Products deleted!`);
};
