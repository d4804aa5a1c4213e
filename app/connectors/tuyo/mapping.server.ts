// Tuyo's shapes and ours: the category list get_categories answers, the cargo type from weight and size
// (the seed's limits), and a Shopify product (neutral ListingProduct) made into create_products' body —
// or refused with a reason before anything is sent. Only this connector knows these shapes.
import { createHash } from "node:crypto";
import type { ListingProduct } from "../../capabilities/catalog-destination";
import { said, type Said } from "../../i18n/stored-words";

export const MAX_SKU_LENGTH = 20;
export const CARGO_TYPES = ["Motocicleta", "Liviano", "Pesado"] as const;
export type CargoType = (typeof CARGO_TYPES)[number];
export const PRODUCT_TYPES = [
  { id: 1, name: "Retail" },
  { id: 2, name: "Food" },
  { id: 4, name: "Pharmacy" },
] as const;
export type ProductTypeId = (typeof PRODUCT_TYPES)[number]["id"];

export interface TuyoCategory {
  id: number;
  name: string;
  productTypeId: number;
  subcategories: { id: number; name: string }[];
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/** get_categories' answer, read defensively (an odd entry is left out, never a crash). */
export function readCategories(raw: unknown): TuyoCategory[] {
  if (!Array.isArray(raw)) throw new Error("Tuyo's category list is not a list");
  return raw.filter(isRecord).flatMap((c) => {
    const id = Number(c.productsCategoriesId);
    if (!Number.isInteger(id)) return [];
    const subs = Array.isArray(c.subcategories) ? c.subcategories.filter(isRecord) : [];
    return [
      {
        id,
        name: String(c.name ?? `#${id}`),
        productTypeId: Number(c.fk_productsTypesId) || 1,
        subcategories: subs
          .map((s) => ({ id: Number(s.productsSubcategoriesId), name: String(s.name ?? "") }))
          .filter((s) => Number.isInteger(s.id)),
      },
    ];
  });
}

const GRAMS_PER_LB = 453.59237;
export const MOTORCYCLE_MAX_LB = 50;
export const MOTORCYCLE_MAX_CM = 50;
export const LIGHT_MAX_LB = 1700;

/**
 * The seed's transport types: ≤ 50 lb and within 50 × 50 × 50 cm → Motocicleta, ≤ 1700 lb → Liviano,
 * heavier → Pesado. Without a known size only the weight decides; without a weight, Motocicleta.
 */
export function cargoTypeFor(input: {
  weightGrams?: number;
  dimensionsCm?: { length: number; width: number; height: number };
}): CargoType {
  const lb = (input.weightGrams ?? 0) / GRAMS_PER_LB;
  const d = input.dimensionsCm;
  const fitsBox = !d || Math.max(d.length, d.width, d.height) <= MOTORCYCLE_MAX_CM;
  if (lb <= MOTORCYCLE_MAX_LB && fitsBox) return "Motocicleta";
  if (lb <= LIGHT_MAX_LB) return "Liviano";
  return "Pesado";
}

export interface CategoryChoice {
  categoryId: number;
  subcategoryId: number;
  productTypeId: number;
}

export interface ListingContext {
  storeId: number;
  branchId: number;
  userId: number;
  preparationTimeMs: number;
  freeShipping: boolean;
  fragile: boolean;
  category: CategoryChoice | null;
  cargoOverride?: CargoType | null;
}

export interface TuyoVariantBody {
  sku: string;
  attributes: string;
  values: string;
  price: number;
  discount: number;
  image?: string;
  createdBy: number;
  stock: { stock: number; fk_storesBranchesId: number; createdBy: number }[];
}

export interface TuyoProductBody {
  sku: string;
  name: string;
  preparationTime: number;
  description: string;
  regularPrice: number;
  hasVariant: boolean;
  freeShipping: boolean;
  cargoType: CargoType;
  isFragile: boolean;
  discount: number;
  fk_usersId: number;
  fk_storesId: number;
  fk_categoriesId: number;
  fk_subcategoriesId: number;
  fk_productsTypesId: number;
  createdBy: number;
  tags: string;
  active: "0" | "1";
  images: { url: string; createdBy: number }[];
  variants: TuyoVariantBody[];
}

/** Tuyo's product SKU: the variant's for a single-variant product, else "SH" + the Shopify product number. */
export function tuyoProductSku(product: ListingProduct): string {
  if (product.variants.length === 1 && product.options.length === 0) return product.variants[0]!.sku.trim();
  return `SH${product.productId.replace(/^.*\//, "")}`;
}

/** A refusal's `reason` is its English; `words` its key and values (a run shows it in the reader's language). */
export type BuiltListing =
  { ok: true; body: TuyoProductBody; hash: string } | { ok: false; reason: string; words: Said };

/** create_products' body for one product, or why it cannot be listed (checked here, before sending). */
export function buildTuyoProduct(product: ListingProduct, ctx: ListingContext): BuiltListing {
  const refuse = (words: Said): BuiltListing => ({ ok: false, reason: words.text, words });
  if (!ctx.category) return refuse(said("tuyo.noCategory", { productType: product.productType }));
  if (!product.variants.length) return refuse(said("tuyo.noVariants"));
  const missingSku = product.variants.filter((v) => !v.sku.trim()).length;
  if (missingSku) return refuse(said("tuyo.missingSkus", { count: missingSku }));
  const sku = tuyoProductSku(product);
  const tooLong = [sku, ...product.variants.map((v) => v.sku.trim())].filter((s) => s.length > MAX_SKU_LENGTH);
  if (tooLong.length)
    return refuse(said("tuyo.skuTooLong", { sku: tooLong[0]!, length: tooLong[0]!.length, max: MAX_SKU_LENGTH }));
  const skus = product.variants.map((v) => v.sku.trim());
  const dup = skus.find((s, i) => skus.indexOf(s) !== i);
  if (dup) return refuse(said("tuyo.skuTwice", { sku: dup }));
  if (!product.imageUrls.length) return refuse(said("tuyo.noImage"));
  if (!product.title.trim()) return refuse(said("tuyo.noTitle"));
  const withComma = product.variants.flatMap((v) => v.optionValues).find((v) => v.includes(","));
  if (withComma) return refuse(said("tuyo.commaInOption", { value: withComma }));
  const badPrice = product.variants.find((v) => !(v.price > 0));
  if (badPrice) return refuse(said("tuyo.noPrice", { sku: badPrice.sku }));

  const weightGrams = Math.max(0, ...product.variants.map((v) => v.weightGrams ?? 0));
  const cargoType = ctx.cargoOverride ?? cargoTypeFor({ weightGrams, dimensionsCm: product.dimensionsCm });
  const hasOptions = product.options.length > 0;
  const variants: TuyoVariantBody[] = product.variants.map((v) => ({
    sku: v.sku.trim(),
    attributes: hasOptions ? product.options.join(",") : "Tipo",
    values: hasOptions ? v.optionValues.join(",") : "Unico",
    price: v.price,
    discount: 0,
    ...((v.imageUrl ?? product.imageUrls[0]) ? { image: v.imageUrl ?? product.imageUrls[0] } : {}),
    createdBy: ctx.userId,
    stock: [{ stock: Math.max(0, Math.floor(v.available)), fk_storesBranchesId: ctx.branchId, createdBy: ctx.userId }],
  }));
  const body: TuyoProductBody = {
    sku,
    name: product.title.trim(),
    preparationTime: ctx.preparationTimeMs,
    description: product.description.trim() || product.title.trim(),
    regularPrice: Math.min(...product.variants.map((v) => v.price)),
    hasVariant: hasOptions,
    freeShipping: ctx.freeShipping,
    cargoType,
    isFragile: ctx.fragile,
    discount: 0,
    fk_usersId: ctx.userId,
    fk_storesId: ctx.storeId,
    fk_categoriesId: ctx.category.categoryId,
    fk_subcategoriesId: ctx.category.subcategoryId,
    fk_productsTypesId: ctx.category.productTypeId,
    createdBy: ctx.userId,
    tags: product.tags.join(","),
    active: "1",
    images: product.imageUrls.map((url) => ({ url, createdBy: ctx.userId })),
    variants,
  };
  return { ok: true, body, hash: listingHash(body) };
}

/** What bulk_update can change, hashed: stock is left out (the stock destination sends it). */
export function listingHash(body: TuyoProductBody): string {
  const { sku, name, preparationTime, description, regularPrice, cargoType, isFragile, tags } = body;
  const content = {
    sku,
    name,
    preparationTime,
    description,
    regularPrice,
    cargoType,
    isFragile,
    tags,
    c: [body.fk_categoriesId, body.fk_subcategoriesId, body.fk_productsTypesId],
    v: body.variants.map((v) => [v.values, v.price, v.image ?? ""]),
  };
  return createHash("sha256").update(JSON.stringify(content)).digest("hex").slice(0, 32);
}

/** bulk_update's entry for a changed product: its fields, variants named by values (no stock). */
export function bulkUpdateEntry(body: TuyoProductBody): Record<string, unknown> {
  return {
    sku: body.sku,
    name: body.name,
    preparationTime: body.preparationTime,
    description: body.description,
    regularPrice: body.regularPrice,
    cargoType: body.cargoType,
    isFragile: body.isFragile,
    fk_categoriesId: body.fk_categoriesId,
    fk_subcategoriesId: body.fk_subcategoriesId,
    fk_productsTypesId: body.fk_productsTypesId,
    tags: body.tags,
    active: "1",
    variants: body.variants.map((v) => ({
      values: v.values,
      attributes: v.attributes,
      price: v.price,
      ...(v.image ? { image: v.image } : {}),
    })),
  };
}
