// Stores, warehouses, products and stock available. Long lists come in pages of 250 (?p=, from 1) with
// Content-Range "X-Y/Z" and a Link header (start, prev, current, next, last), as Hiboutik documents.
import type { HiboutikContext, HiboutikMethod } from "./context";
import { HiboutikError } from "./errors";
import type { HiboutikAccount, Product } from "./store";

export const listStores: HiboutikMethod = ({ account }) => ({
  body: [...account.stores.values()].map((store) => ({ store_id: store.storeId, store_name: store.name })),
});

export const listWarehouses: HiboutikMethod = ({ account }) => ({
  body: [...account.warehouses.values()].map((warehouse) => ({
    warehouse_id: warehouse.warehouseId,
    warehouse_name: warehouse.name,
    store_id: warehouse.storeId,
  })),
});

export const listProducts: HiboutikMethod = (context) =>
  paged(
    context,
    [...context.account.products.values()].filter((product) => !product.archived),
    productView,
  );

export const getProduct: HiboutikMethod = ({ account, path }) => {
  const product = account.products.get(Number(path.productId));
  if (!product) throw HiboutikError.notFound(`No product ${path.productId}`);
  return { body: [productView(product)] };
};

export const stockByWarehouse: HiboutikMethod = (context) => {
  const warehouseId = Number(context.path.warehouseId);
  if (!context.account.warehouses.has(warehouseId))
    throw HiboutikError.notFound(`No warehouse ${context.path.warehouseId}`);
  return paged(context, stockView(context.account, { warehouseId }));
};

export const stockByProduct: HiboutikMethod = (context) => {
  const productId = Number(context.path.productId);
  if (!context.account.products.has(productId)) throw HiboutikError.notFound(`No product ${context.path.productId}`);
  return paged(context, stockView(context.account, { productId }));
};

export const stockByProductSize: HiboutikMethod = (context) => {
  const productId = Number(context.path.productId);
  if (!context.account.products.has(productId)) throw HiboutikError.notFound(`No product ${context.path.productId}`);
  return paged(context, stockView(context.account, { productId, sizeId: Number(context.path.sizeId) }));
};

function stockView(account: HiboutikAccount, filter: { productId?: number; sizeId?: number; warehouseId?: number }) {
  return account.stockLines(filter).map((line) => ({
    product_id: line.productId,
    product_size: line.sizeId,
    warehouse_id: line.warehouseId,
    stock_available: line.quantity,
    inventory_alert: 0,
  }));
}

function productView(product: Product) {
  return {
    product_id: product.productId,
    product_model: product.model,
    product_barcode: product.barcode,
    product_brand: 0,
    product_supplier: 0,
    product_price: product.price.toFixed(2),
    product_supply_price: product.supplyPrice.toFixed(2),
    product_category: 0,
    product_size_type: product.sizeType,
    product_stock_management: product.stockManagement ? 1 : 0,
    product_arch: product.archived ? 1 : 0,
    products_ref_ext: product.refExt,
    // Sizes with their barcodes, which the real API spreads over its size and barcode endpoints.
    product_sizes: product.sizeType
      ? [...product.sizes].map(([sizeId, size]) => ({ size_id: sizeId, size_name: size.name, barcode: size.barcode }))
      : [],
  };
}

/** One page of rows; only the page is shown through `view`. */
function paged<T>(context: HiboutikContext, rows: T[], view: (row: T) => unknown = (row) => row) {
  const raw = context.query.get("p");
  const page = raw === null ? 1 : Number(raw);
  if (!Number.isInteger(page) || page < 1) throw HiboutikError.badRequest("p must be a page number from 1");
  const size = context.pageSize;
  const last = Math.max(1, Math.ceil(rows.length / size));
  const slice = rows.slice((page - 1) * size, page * size);
  const headers: Record<string, string> = {};
  if (rows.length > size) {
    const first = (page - 1) * size + 1;
    headers["content-range"] = slice.length
      ? `${first}-${first + slice.length - 1}/${rows.length}`
      : `*/${rows.length}`;
    const link = (p: number, rel: string) => {
      const url = new URL(context.url);
      url.searchParams.set("p", String(p));
      return `<${url.pathname}${url.search}>; rel="${rel}"`;
    };
    headers.link = [
      link(1, "start"),
      ...(page > 1 ? [link(Math.min(page - 1, last), "prev")] : []),
      link(page, "current"),
      ...(page < last ? [link(page + 1, "next")] : []),
      link(last, "last"),
    ].join(", ");
  }
  return { body: slice.map(view), headers };
}
