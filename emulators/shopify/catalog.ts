// Creating and replacing products with their variants, inventory items and levels — shared by the
// productCreate/productSet mutations and the control API's seeding.
import type { EmulatorStore, ProductRecord, ShopRecord, VariantRecord } from "./store";

export interface VariantInput {
  id?: number;
  sku?: string | null;
  barcode?: string | null;
  price?: string | number | null;
  compareAtPrice?: string | number | null;
  /** Option name → value, e.g. { Couleur: "Noir", Taille: "M" }. */
  options?: Record<string, string>;
  tracked?: boolean;
  weight?: { value: number; unit: string };
  /** Quantities per location (numeric id, gid or location name), by quantity name or as `available`. */
  inventory?: Record<string, number | Record<string, number>>;
}

export interface ProductInput {
  title: string;
  handle?: string;
  vendor?: string;
  productType?: string;
  status?: ProductRecord["status"];
  tags?: string[];
  descriptionHtml?: string;
  options?: { name: string; values: string[] }[];
  variants?: VariantInput[];
}

export class CatalogInputError extends Error {
  constructor(
    readonly field: string[],
    message: string,
  ) {
    super(message);
  }
}

export function handleize(title: string): string {
  return title
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "");
}

const money = (value: string | number | null | undefined, fallback: string | null): string | null =>
  value === null || value === undefined || value === "" ? fallback : Number(value).toFixed(2);

export function createProduct(store: EmulatorStore, shop: ShopRecord, input: ProductInput): ProductRecord {
  const now = store.timestamp();
  let handle = input.handle ?? handleize(input.title);
  for (let n = 1; [...shop.products.values()].some((p) => p.handle === handle); n++)
    handle = `${input.handle ?? handleize(input.title)}-${n}`;
  const product: ProductRecord = {
    id: store.nextId(),
    title: input.title,
    handle,
    status: input.status ?? "ACTIVE",
    vendor: input.vendor ?? shop.name,
    productType: input.productType ?? "",
    tags: input.tags ?? [],
    descriptionHtml: input.descriptionHtml ?? "",
    options: [],
    variantIds: [],
    createdAt: now,
    updatedAt: now,
  };
  shop.products.set(product.id, product);
  replaceVariants(store, shop, product, input);
  return product;
}

export function updateProduct(
  store: EmulatorStore,
  shop: ShopRecord,
  product: ProductRecord,
  input: Partial<ProductInput>,
): ProductRecord {
  Object.assign(product, {
    title: input.title ?? product.title,
    handle: input.handle ?? product.handle,
    vendor: input.vendor ?? product.vendor,
    productType: input.productType ?? product.productType,
    status: input.status ?? product.status,
    tags: input.tags ?? product.tags,
    descriptionHtml: input.descriptionHtml ?? product.descriptionHtml,
    updatedAt: store.timestamp(),
  });
  if (input.variants || input.options) replaceVariants(store, shop, product, { title: product.title, ...input });
  return product;
}

/** productSet semantics: the listed variants are the product's variants afterwards. */
function replaceVariants(store: EmulatorStore, shop: ShopRecord, product: ProductRecord, input: ProductInput): void {
  const variants = input.variants?.length ? input.variants : [{}];
  const options = input.options?.length
    ? input.options
    : (deriveOptions(variants) ?? [{ name: "Title", values: ["Default Title"] }]);
  const now = store.timestamp();
  const previous = new Map(product.variantIds.map((id) => [id, shop.variants.get(id)!]));
  const kept = new Set<number>();
  product.options = options;
  product.variantIds = variants.map((input, index) => {
    const selectedOptions = options.map((o) => ({ name: o.name, value: input.options?.[o.name] ?? o.values[0] }));
    const title = selectedOptions.map((o) => o.value).join(" / ");
    const existing =
      (input.id !== undefined ? previous.get(input.id) : undefined) ??
      [...previous.values()].find((v) => !kept.has(v.id) && v.title === title);
    if (input.id !== undefined && !existing)
      throw new CatalogInputError(["variants", String(index), "id"], `Variant ${input.id} does not exist`);
    const variant: VariantRecord = existing ?? {
      id: store.nextId(),
      productId: product.id,
      inventoryItemId: store.nextId(),
      title,
      sku: null,
      barcode: null,
      price: "0.00",
      compareAtPrice: null,
      position: index + 1,
      selectedOptions,
      createdAt: now,
      updatedAt: now,
    };
    Object.assign(variant, {
      title,
      selectedOptions,
      position: index + 1,
      sku: input.sku !== undefined ? input.sku : variant.sku,
      barcode: input.barcode !== undefined ? input.barcode : variant.barcode,
      price: money(input.price, variant.price)!,
      compareAtPrice: input.compareAtPrice !== undefined ? money(input.compareAtPrice, null) : variant.compareAtPrice,
      updatedAt: now,
    });
    kept.add(variant.id);
    shop.variants.set(variant.id, variant);
    if (!shop.inventoryItems.has(variant.inventoryItemId)) {
      shop.inventoryItems.set(variant.inventoryItemId, {
        id: variant.inventoryItemId,
        variantId: variant.id,
        tracked: input.tracked ?? true,
        requiresShipping: true,
        createdAt: now,
        updatedAt: now,
      });
    }
    if (input.weight) shop.inventoryItems.get(variant.inventoryItemId)!.weight = { ...input.weight };
    for (const [locationKey, quantity] of Object.entries(input.inventory ?? {})) {
      const location = findLocation(shop, locationKey);
      if (!location)
        throw new CatalogInputError(
          ["variants", String(index), "inventoryQuantities"],
          `Location ${locationKey} does not exist`,
        );
      const level = store.inventoryLevel(shop, variant.inventoryItemId, location.id);
      Object.assign(level.quantities, typeof quantity === "number" ? { available: quantity } : quantity);
      level.updatedAt = now;
    }
    return variant.id;
  });
  for (const [id, variant] of previous) {
    if (kept.has(id)) continue;
    shop.variants.delete(id);
    shop.inventoryItems.delete(variant.inventoryItemId);
    for (const [key, level] of shop.inventoryLevels)
      if (level.inventoryItemId === variant.inventoryItemId) shop.inventoryLevels.delete(key);
  }
}

function deriveOptions(variants: VariantInput[]): { name: string; values: string[] }[] | undefined {
  const names = [...new Set(variants.flatMap((v) => Object.keys(v.options ?? {})))];
  if (names.length === 0) return undefined;
  return names.map((name) => ({
    name,
    values: [...new Set(variants.map((v) => v.options?.[name]).filter((v): v is string => !!v))],
  }));
}

export function findLocation(shop: ShopRecord, key: string) {
  const numeric = /(\d+)$/.exec(key)?.[1];
  return (
    (numeric ? shop.locations.get(Number(numeric)) : undefined) ??
    [...shop.locations.values()].find((l) => l.name === key)
  );
}
