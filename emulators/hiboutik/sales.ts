// Sales: create, add product lines (withdrawing stock from the store's warehouse unless told not to),
// close; read one, search by external reference. Hiboutik has no idempotency key: a client that must not
// sell twice looks its sale up by sale_ext_ref before creating another.
import type { HiboutikMethod } from "./context";
import { HiboutikError } from "./errors";
import type { Sale } from "./store";

export const createSale: HiboutikMethod = ({ account, body, clock }) => {
  const errors: Record<string, string> = {};
  const storeId = integer(body.store_id);
  if (storeId === undefined || !account.stores.has(storeId)) errors.store_id = "Unknown store_id";
  const currency = body.currency_code;
  if (typeof currency !== "string" || !/^[A-Z]{3}$/.test(currency))
    errors.currency_code = "Expected a 3-letter currency code";
  const customerId = body.customer_id === undefined ? 0 : integer(body.customer_id);
  if (customerId === undefined || customerId < 0) errors.customer_id = "Expected a customer id (0: no customer)";
  if (Object.keys(errors).length) throw HiboutikError.unprocessable(errors);
  const sale: Sale = {
    saleId: account.newId("sale"),
    storeId: storeId!,
    customerId: customerId!,
    vendorId: integer(body.vendor_id) ?? 0,
    currency: currency as string,
    extRef: typeof body.sale_ext_ref === "string" ? body.sale_ext_ref : "",
    createdAt: clock.date().toISOString(),
    closedAt: null,
    lines: [],
  };
  account.sales.set(sale.saleId, sale);
  return { body: saleView(sale) };
};

export const addProduct: HiboutikMethod = ({ account, body }) => {
  const sale = openSale(account.sales.get(integer(body.sale_id) ?? -1));
  const errors: Record<string, string> = {};
  const productId = integer(body.product_id);
  const product = productId === undefined ? undefined : account.products.get(productId);
  if (!product) errors.product_id = "This product does not exist";
  const sizeId = body.size_id === undefined ? 0 : integer(body.size_id);
  if (product && (sizeId === undefined || !product.sizes.has(sizeId)))
    errors.size_id = "This size does not exist for this product";
  const quantity = body.quantity === undefined ? 1 : integer(body.quantity);
  if (quantity === undefined || quantity === 0) errors.quantity = "Expected a non-zero whole quantity";
  const withdrawal = body.stock_withdrawal === undefined ? true : String(body.stock_withdrawal) === "1";
  const warehouse = account.storeWarehouse(sale.storeId);
  if (withdrawal && !warehouse) errors.stock_withdrawal = "The store has no warehouse";
  if (Object.keys(errors).length) throw HiboutikError.unprocessable(errors);
  const withdraws = withdrawal && product!.stockManagement;
  if (withdraws) {
    // A negative quantity is a return: the stock comes back.
    const before = account.stockOf(productId!, sizeId!, warehouse!.warehouseId);
    account.setStock(productId!, sizeId!, warehouse!.warehouseId, before - quantity!);
  }
  const line = {
    lineItemId: account.newId("line"),
    productId: productId!,
    sizeId: sizeId!,
    quantity: quantity!,
    price: Number(body.product_price ?? product!.price),
    stockWithdrawal: withdraws,
    warehouseId: withdraws ? warehouse!.warehouseId : null,
  };
  sale.lines.push(line);
  return {
    body: {
      sale_id: sale.saleId,
      line_item_id: line.lineItemId,
      product_id: line.productId,
      size_id: line.sizeId,
      quantity: line.quantity,
      stock_withdrawal: line.stockWithdrawal ? 1 : 0,
    },
  };
};

export const closeSale: HiboutikMethod = ({ account, body, clock }) => {
  const sale = openSale(account.sales.get(integer(body.sale_id) ?? -1));
  if (!sale.lines.length) throw HiboutikError.unprocessable({ sale_id: "The sale has no product" });
  sale.closedAt = clock.date().toISOString();
  return { body: { sale_id: sale.saleId, closed: 1, date_close: sale.closedAt } };
};

export const getSale: HiboutikMethod = ({ account, path }) => {
  const sale = account.sales.get(Number(path.saleId));
  if (!sale) throw HiboutikError.notFound(`No sale ${path.saleId}`);
  return { body: [saleView(sale)] };
};

export const searchSales: HiboutikMethod = ({ account, query }) => {
  const extRef = query.get("sale_ext_ref");
  const storeId = query.get("store_id");
  const sales = [...account.sales.values()].filter(
    (sale) => (extRef === null || sale.extRef === extRef) && (storeId === null || String(sale.storeId) === storeId),
  );
  return { body: sales.map(saleView) };
};

function openSale(sale: Sale | undefined): Sale {
  if (!sale) throw HiboutikError.unprocessable({ sale_id: "This sale does not exist" });
  if (sale.closedAt) throw HiboutikError.unprocessable({ sale_id: "This sale is closed" });
  return sale;
}

function integer(value: unknown): number | undefined {
  const number = typeof value === "number" ? value : typeof value === "string" && value.trim() ? Number(value) : NaN;
  return Number.isInteger(number) ? number : undefined;
}

function saleView(sale: Sale) {
  return {
    sale_id: sale.saleId,
    store_id: sale.storeId,
    customer_id: sale.customerId,
    vendor_id: sale.vendorId,
    currency: sale.currency,
    sale_ext_ref: sale.extRef,
    created_at: sale.createdAt,
    date_z: sale.closedAt,
    closed: sale.closedAt ? 1 : 0,
    line_items: sale.lines.map((line) => ({
      line_item_id: line.lineItemId,
      product_id: line.productId,
      product_size: line.sizeId,
      quantity: line.quantity,
      product_price: line.price.toFixed(2),
      stock_withdrawal: line.stockWithdrawal ? 1 : 0,
    })),
  };
}
