// Seeding the account (options.seed at start, POST /_emulator/seed later), and the demo data.
import type { HiboutikAccount } from "./store";

export interface HiboutikSeedProduct {
  id?: number;
  model: string;
  barcode?: string;
  price?: number;
  supplyPrice?: number;
  refExt?: string;
  archived?: boolean;
  stockManagement?: boolean;
  /** Sizes (size_id and name); none = a product without sizes (size 0). */
  sizes?: { id: number; name: string; barcode?: string }[];
  stock?: { warehouseId: number; quantity: number; sizeId?: number }[];
}

export interface HiboutikSeed {
  stores?: { id?: number; name: string }[];
  warehouses?: { id?: number; name: string; storeId?: number }[];
  products?: HiboutikSeedProduct[];
  stock?: { productId: number; warehouseId: number; quantity: number; sizeId?: number }[];
}

export class SeedError extends Error {}

export function applySeed(account: HiboutikAccount, seed: HiboutikSeed): void {
  if (!seed || typeof seed !== "object") throw new SeedError("the seed must be an object");
  for (const store of seed.stores ?? []) {
    if (!store?.name) throw new SeedError("every store needs a name");
    const storeId = account.newId("store", store.id);
    account.stores.set(storeId, { storeId, name: store.name });
  }
  for (const warehouse of seed.warehouses ?? []) {
    if (!warehouse?.name) throw new SeedError("every warehouse needs a name");
    const storeId = warehouse.storeId ?? [...account.stores.keys()][0];
    if (!account.stores.has(storeId)) throw new SeedError(`no store ${String(warehouse.storeId)}`);
    const warehouseId = account.newId("warehouse", warehouse.id);
    account.warehouses.set(warehouseId, { warehouseId, name: warehouse.name, storeId });
  }
  const stock = [...(seed.stock ?? [])];
  for (const product of seed.products ?? []) {
    if (!product?.model) throw new SeedError("every product needs a model (its name)");
    const productId = account.newId("product", product.id);
    const sizes = new Map<number, { name: string; barcode: string }>();
    for (const size of product.sizes ?? []) sizes.set(size.id, { name: size.name, barcode: size.barcode ?? "" });
    if (!sizes.size) sizes.set(0, { name: "", barcode: "" });
    account.products.set(productId, {
      productId,
      model: product.model,
      barcode: product.barcode ?? "",
      price: product.price ?? 0,
      supplyPrice: product.supplyPrice ?? 0,
      sizeType: product.sizes?.length ? 1 : 0,
      sizes,
      stockManagement: product.stockManagement ?? true,
      archived: product.archived ?? false,
      refExt: product.refExt ?? "",
    });
    for (const line of product.stock ?? []) stock.push({ productId, ...line });
  }
  for (const line of stock) {
    const product = account.products.get(line.productId);
    if (!product) throw new SeedError(`no product ${line.productId}`);
    const sizeId = line.sizeId ?? 0;
    if (!product.sizes.has(sizeId)) throw new SeedError(`product ${line.productId} has no size ${sizeId}`);
    if (!account.warehouses.has(line.warehouseId)) throw new SeedError(`no warehouse ${line.warehouseId}`);
    if (typeof line.quantity !== "number" || !Number.isFinite(line.quantity))
      throw new SeedError("every stock line needs a numeric quantity");
    account.setStock(line.productId, sizeId, line.warehouseId, line.quantity);
  }
}

/** One shop with its stockroom, a T-shirt in two sizes and a mug without sizes. */
export const DEMO_SEED: HiboutikSeed = {
  stores: [{ id: 1, name: "Boutique Nantes" }],
  warehouses: [{ id: 1, name: "Réserve Nantes", storeId: 1 }],
  products: [
    {
      id: 1,
      model: "T-shirt",
      price: 19.9,
      sizes: [
        { id: 1, name: "S", barcode: "3700000000011" },
        { id: 2, name: "M", barcode: "3700000000012" },
      ],
      stock: [
        { warehouseId: 1, sizeId: 1, quantity: 5 },
        { warehouseId: 1, sizeId: 2, quantity: 3 },
      ],
    },
    { id: 2, model: "Mug", barcode: "3700000000029", price: 9.5, stock: [{ warehouseId: 1, quantity: 12 }] },
  ],
};
