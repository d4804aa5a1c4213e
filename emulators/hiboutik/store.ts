// One Hiboutik account: stores, warehouses, products (with sizes), stock available per product, size
// and warehouse, and sales whose product lines can withdraw stock.

export interface Store {
  storeId: number;
  name: string;
}

export interface Warehouse {
  warehouseId: number;
  name: string;
  storeId: number;
}

export interface Product {
  productId: number;
  model: string;
  barcode: string;
  price: number;
  supplyPrice: number;
  /** 0 for a product without sizes. */
  sizeType: number;
  /** size_id → size name; { 0: "" } for a product without sizes. */
  sizes: Map<number, { name: string; barcode: string }>;
  stockManagement: boolean;
  archived: boolean;
  refExt: string;
}

export interface SaleLine {
  lineItemId: number;
  productId: number;
  sizeId: number;
  quantity: number;
  price: number;
  stockWithdrawal: boolean;
  warehouseId: number | null;
}

export interface Sale {
  saleId: number;
  storeId: number;
  customerId: number;
  vendorId: number;
  currency: string;
  /** The client's own reference (sale_ext_ref), to find a sale again. */
  extRef: string;
  createdAt: string;
  closedAt: string | null;
  lines: SaleLine[];
}

export class HiboutikAccount {
  readonly stores = new Map<number, Store>();
  readonly warehouses = new Map<number, Warehouse>();
  readonly products = new Map<number, Product>();
  /** `${productId}:${sizeId}:${warehouseId}` → quantity. */
  readonly stock = new Map<string, number>();
  readonly sales = new Map<number, Sale>();
  private nextIds = { product: 1, sale: 1, line: 1, store: 1, warehouse: 1 };

  constructor(readonly name: string) {}

  newId(kind: keyof HiboutikAccount["nextIds"], wanted?: number): number {
    if (wanted !== undefined) {
      this.nextIds[kind] = Math.max(this.nextIds[kind], wanted + 1);
      return wanted;
    }
    return this.nextIds[kind]++;
  }

  stockOf(productId: number, sizeId: number, warehouseId: number): number {
    return this.stock.get(`${productId}:${sizeId}:${warehouseId}`) ?? 0;
  }

  setStock(productId: number, sizeId: number, warehouseId: number, quantity: number): void {
    this.stock.set(`${productId}:${sizeId}:${warehouseId}`, quantity);
  }

  /** The warehouse a store sells from: its first one. */
  storeWarehouse(storeId: number): Warehouse | undefined {
    return [...this.warehouses.values()].find((warehouse) => warehouse.storeId === storeId);
  }

  /** Every (product, size, warehouse) that has a stock line, in product order. */
  stockLines(filter: { productId?: number; sizeId?: number; warehouseId?: number }) {
    const lines: { productId: number; sizeId: number; warehouseId: number; quantity: number }[] = [];
    for (const product of this.products.values()) {
      if (filter.productId !== undefined && product.productId !== filter.productId) continue;
      if (!product.stockManagement) continue;
      for (const sizeId of product.sizes.keys()) {
        if (filter.sizeId !== undefined && sizeId !== filter.sizeId) continue;
        for (const warehouse of this.warehouses.values()) {
          if (filter.warehouseId !== undefined && warehouse.warehouseId !== filter.warehouseId) continue;
          const key = `${product.productId}:${sizeId}:${warehouse.warehouseId}`;
          if (this.stock.has(key))
            lines.push({
              productId: product.productId,
              sizeId,
              warehouseId: warehouse.warehouseId,
              quantity: this.stock.get(key)!,
            });
        }
      }
    }
    return lines;
  }

  snapshot() {
    return {
      account: this.name,
      stores: [...this.stores.values()],
      warehouses: [...this.warehouses.values()],
      products: [...this.products.values()].map((product) => ({
        ...product,
        sizes: Object.fromEntries(product.sizes),
      })),
      stock: this.stockLines({}),
      sales: [...this.sales.values()],
    };
  }
}
