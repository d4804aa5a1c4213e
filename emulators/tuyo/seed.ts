// Seeding (options.seed at start, POST /_emulator/seed later): Tuyo's category tree, and products and
// orders of one store in one environment. Products are checked exactly as create_products checks them.
import { TuyoError } from "./envelope";
import { Fields, isRecord } from "./fields";
import { OrderError, placeOrder, type NewOrder } from "./orders";
import { assertUniqueSkus, readNewProduct } from "./products";
import { MODES, type ApiKey, type Category, type Mode, type Store, type Tuyo } from "./store";

export interface TuyoSeed {
  categories?: Category[];
  /** Which catalog the products and orders go to (default: production, the first store). */
  mode?: Mode;
  storeId?: number;
  /** As create_products takes them (fk_storesId may be left out). */
  products?: Record<string, unknown>[];
  orders?: NewOrder[];
}

export class SeedError extends Error {
  constructor(
    message: string,
    readonly status = 400,
  ) {
    super(message);
  }
}

export const DEMO_STORE: Store = { id: 362, name: "Tienda demo", branches: [428, 429], users: [16890] };
export const DEMO_PRODUCTION_TOKEN = "tuyo-demo-production-token";
export const DEMO_TESTING_TOKEN = "tuyo-demo-testing-token";
export const DEMO_KEYS: ApiKey[] = [
  { token: DEMO_PRODUCTION_TOKEN, mode: "production", storeId: DEMO_STORE.id },
  { token: DEMO_TESTING_TOKEN, mode: "testing", storeId: DEMO_STORE.id },
];

const category = (id: number, name: string, type: number, subs: [number, string][]): Category => ({
  productsCategoriesId: id,
  name,
  fk_productsTypesId: type,
  subcategories: subs.map(([productsSubcategoriesId, subName]) => ({ productsSubcategoriesId, name: subName })),
});

/** The seed's own examples (Ropa/Dama, Zapatos/Deportivos, 10/81, 15/42-43) plus food and pharmacy. */
export const DEMO_CATEGORIES: Category[] = [
  category(1, "Ropa", 1, [
    [1, "Dama"],
    [2, "Caballero"],
  ]),
  category(2, "Zapatos", 1, [
    [3, "Deportivos"],
    [4, "Formales"],
  ]),
  category(10, "Calzado", 1, [
    [81, "Tenis"],
    [82, "Sandalias"],
  ]),
  category(15, "Hogar", 1, [
    [42, "Cocina"],
    [43, "Baño"],
  ]),
  category(20, "Alimentos", 2, [[60, "Despensa"]]),
  category(30, "Farmacia", 4, [[70, "Cuidado personal"]]),
];

export function applySeed(tuyo: Tuyo, seed: TuyoSeed, now: string): void {
  if (!isRecord(seed as unknown)) throw new SeedError("the seed must be an object");
  for (const input of seed.categories ?? []) {
    if (!isRecord(input as unknown) || !Number.isInteger(input.productsCategoriesId) || typeof input.name !== "string")
      throw new SeedError("every category needs productsCategoriesId and name");
    const subcategories = input.subcategories ?? [];
    if (!Array.isArray(subcategories) || !subcategories.every((s) => Number.isInteger(s?.productsSubcategoriesId)))
      throw new SeedError("subcategories need productsSubcategoriesId and name");
    tuyo.categories.set(input.productsCategoriesId, {
      productsCategoriesId: input.productsCategoriesId,
      name: input.name,
      fk_productsTypesId: input.fk_productsTypesId ?? 1,
      subcategories: subcategories.map((s) => ({ productsSubcategoriesId: s.productsSubcategoriesId, name: s.name })),
    });
  }
  if (!seed.products?.length && !seed.orders?.length) return;
  const mode = seed.mode ?? "production";
  if (!MODES.includes(mode)) throw new SeedError("mode must be production or testing");
  const storeId = seed.storeId ?? [...tuyo.stores.keys()][0];
  const catalog = tuyo.catalog(mode, storeId);
  if (!catalog) throw new SeedError(`no store ${storeId}`);
  try {
    for (const [index, input] of (seed.products ?? []).entries()) {
      if (!isRecord(input)) throw new SeedError(`products[${index}] must be an object`);
      const fields = new Fields({ fk_storesId: storeId, ...input }, `products[${index}]`);
      const product = readNewProduct(fields, tuyo, catalog, now);
      assertUniqueSkus([product], catalog);
      catalog.products.set(product.sku, product);
    }
    for (const order of seed.orders ?? []) placeOrder(catalog, order, order?.code ?? tuyo.nextOrderCode(catalog), now);
  } catch (error) {
    if (error instanceof TuyoError) throw new SeedError(error.message);
    if (error instanceof OrderError) throw new SeedError(error.message, error.status);
    throw error;
  }
}
