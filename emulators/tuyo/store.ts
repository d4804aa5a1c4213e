// The emulated Tuyo: its category tree (shared by every seller), the sellers' stores with their
// branches and users, the API keys, and one catalog (products + orders) per store and environment.
// Production and testing are separate environments, as Tuyo's two hosts are: a testing key never
// sees or deletes production products.

export type Mode = "production" | "testing";
export const MODES: readonly Mode[] = ["production", "testing"];

export const CARGO_TYPES = ["Motocicleta", "Liviano", "Pesado"] as const;
export type CargoType = (typeof CARGO_TYPES)[number];

/** 1 Retail, 2 Alimentos, 4 Farmacia. */
export const PRODUCT_TYPES = [1, 2, 4] as const;

export const ORDER_STATUSES = ["Empaque", "Ruta", "Cancelada"] as const;
export type OrderStatus = "Pendiente" | (typeof ORDER_STATUSES)[number];

export interface Subcategory {
  productsSubcategoriesId: number;
  name: string;
}

export interface Category {
  productsCategoriesId: number;
  name: string;
  fk_productsTypesId: number;
  subcategories: Subcategory[];
}

export interface Store {
  id: number;
  name: string;
  branches: number[];
  users: number[];
}

export interface ApiKey {
  token: string;
  mode: Mode;
  storeId: number;
}

export interface BranchStock {
  stock: number;
  fk_storesBranchesId: number;
  createdBy: number;
}

export interface Variant {
  sku: string;
  image?: string;
  price: number;
  discount: number;
  attributes: string;
  values: string;
  createdBy: number;
  active: boolean;
  stock: BranchStock[];
}

export interface Product {
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
  active: boolean;
  images: { url: string; createdBy: number }[];
  variants: Variant[];
  createdAt: string;
  updatedAt: string;
}

export interface OrderItem {
  /** The variant's SKU (a product without variants has one, usually its own SKU). */
  sku: string;
  productSku: string;
  quantity: number;
  price: number;
}

export interface Order {
  code: string;
  /** "unique": only products without variants (status by SKU); "variants": status by order code. */
  kind: "unique" | "variants";
  status: OrderStatus;
  items: OrderItem[];
  createdAt: string;
  /** Every status the API accepted, in order, with the route that set it. */
  history: { status: OrderStatus; at: string; via: "update_order" | "change_order" }[];
}

export class Catalog {
  readonly products = new Map<string, Product>();
  readonly orders = new Map<string, Order>();

  constructor(
    readonly mode: Mode,
    readonly store: Store,
  ) {}

  /** The product owning a variant SKU. */
  productOfVariant(sku: string): { product: Product; variant: Variant } | undefined {
    for (const product of this.products.values()) {
      const variant = product.variants.find((v) => v.sku === sku);
      if (variant) return { product, variant };
    }
    return undefined;
  }

  snapshot() {
    return {
      mode: this.mode,
      storeId: this.store.id,
      products: [...this.products.values()],
      orders: [...this.orders.values()],
    };
  }
}

export class Tuyo {
  readonly categories = new Map<number, Category>();
  readonly stores = new Map<number, Store>();
  readonly keys = new Map<string, ApiKey>();
  private readonly catalogs = new Map<string, Catalog>();
  private orderSequence = 10_000;

  constructor(stores: Store[], keys: ApiKey[]) {
    for (const store of stores) this.stores.set(store.id, store);
    for (const key of keys) {
      if (!this.stores.has(key.storeId)) throw new Error(`key for unknown store ${key.storeId}`);
      this.keys.set(key.token, key);
    }
  }

  catalog(mode: Mode, storeId: number): Catalog | undefined {
    const store = this.stores.get(storeId);
    if (!store) return undefined;
    const id = `${mode}:${storeId}`;
    let catalog = this.catalogs.get(id);
    if (!catalog) this.catalogs.set(id, (catalog = new Catalog(mode, store)));
    return catalog;
  }

  subcategory(categoryId: number, subcategoryId: number): Subcategory | undefined {
    return this.categories.get(categoryId)?.subcategories.find((s) => s.productsSubcategoriesId === subcategoryId);
  }

  /** Tuyo's order codes look like E08833; one the catalog already holds is skipped. */
  nextOrderCode(catalog: Catalog): string {
    let code: string;
    do code = `E${String(++this.orderSequence).padStart(5, "0")}`;
    while (catalog.orders.has(code));
    return code;
  }

  snapshot() {
    return {
      categories: [...this.categories.values()],
      stores: [...this.stores.values()],
      keys: [...this.keys.values()],
      catalogs: [...this.catalogs.values()].map((catalog) => catalog.snapshot()),
    };
  }
}
