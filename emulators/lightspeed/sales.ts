// Sales: POST Sale.json on a shop, register and employee with SaleLines; completed: true takes the lines
// out of the shop's qoh (a negative unitQuantity is a return and puts stock back). An open sale can be
// completed later with PUT Sale/{id}.json. No idempotency key: a client finds its sale again by
// referenceNumber (Sale.json?referenceNumber=...).
import { relationRows, wholeNumber, type LsMethod } from "./context";
import { LightspeedError } from "./errors";
import { collection, stringify, type Row } from "./query";
import { list, one } from "./resources";
import type { Sale } from "./store";

export const listSales: LsMethod = (context) => {
  const rows = [...context.account.sales.values()];
  return {
    body: list(
      context,
      "Sale",
      "saleID",
      rows,
      [
        "saleID",
        "shopID",
        "registerID",
        "employeeID",
        "completed",
        "referenceNumber",
        "referenceNumberSource",
        "timeStamp",
      ],
      saleView,
    ),
  };
};

export const getSale: LsMethod = ({ account, path }) => {
  const sale = account.sales.get(Number(path.id));
  if (!sale) throw LightspeedError.notFound(`Sale ${path.id} not found.`);
  return { body: one("Sale", saleView(sale)) };
};

export const createSale: LsMethod = ({ account, body, now }) => {
  const shopID = wholeNumber(body.shopID);
  if (shopID === undefined || !account.shops.has(shopID))
    throw LightspeedError.badRequest(`Shop ${String(body.shopID)} not found.`);
  const registerID = wholeNumber(body.registerID);
  const register = registerID === undefined ? undefined : account.registers.get(registerID);
  if (!register) throw LightspeedError.badRequest(`Register ${String(body.registerID)} not found.`);
  if (register.shopID !== shopID) throw LightspeedError.badRequest(`Register ${registerID} is not in shop ${shopID}.`);
  const employeeID = wholeNumber(body.employeeID);
  if (employeeID === undefined || !account.employees.has(employeeID))
    throw LightspeedError.badRequest(`Employee ${String(body.employeeID)} not found.`);
  const lines = relationRows(body.SaleLines, "SaleLine").map((line, index) => {
    const itemID = wholeNumber(line.itemID);
    const item = itemID === undefined ? undefined : account.items.get(itemID);
    if (!item) throw LightspeedError.badRequest(`SaleLine ${index}: item ${String(line.itemID)} not found.`);
    const unitQuantity = wholeNumber(line.unitQuantity);
    if (unitQuantity === undefined || unitQuantity === 0)
      throw LightspeedError.badRequest(`SaleLine ${index}: unitQuantity must be a non-zero whole number.`);
    const unitPrice = line.unitPrice === undefined ? item.price : Number(line.unitPrice);
    return {
      saleLineID: 0,
      itemID: item.itemID,
      unitQuantity,
      unitPrice: Number.isFinite(unitPrice) ? unitPrice : item.price,
    };
  });
  if (!lines.length) throw LightspeedError.badRequest("A sale needs at least one SaleLine.");
  for (const line of lines) line.saleLineID = account.newId("saleLine");
  const payments = relationRows(body.SalePayments, "SalePayment").map((payment) => ({
    paymentTypeID: wholeNumber(payment.paymentTypeID) ?? 0,
    amount: Number(payment.amount ?? 0),
  }));
  const sale: Sale = {
    saleID: account.newId("sale"),
    shopID,
    registerID: registerID!,
    employeeID,
    completed: isTrue(body.completed),
    referenceNumber: typeof body.referenceNumber === "string" ? body.referenceNumber : "",
    referenceNumberSource: typeof body.referenceNumberSource === "string" ? body.referenceNumberSource : "",
    createTime: now,
    timeStamp: now,
    lines,
    payments,
  };
  account.sales.set(sale.saleID, sale);
  if (sale.completed) account.applySale(sale, now);
  return { body: one("Sale", saleView(sale)) };
};

export const updateSale: LsMethod = ({ account, path, body, now }) => {
  const sale = account.sales.get(Number(path.id));
  if (!sale) throw LightspeedError.notFound(`Sale ${path.id} not found.`);
  if (body.completed !== undefined) {
    const completed = isTrue(body.completed);
    if (sale.completed && !completed)
      throw LightspeedError.badRequest("A completed sale cannot be reopened; refund it instead.");
    if (!sale.completed && completed) {
      sale.completed = true;
      account.applySale(sale, now);
    }
  }
  if (typeof body.referenceNumber === "string") sale.referenceNumber = body.referenceNumber;
  sale.timeStamp = now;
  return { body: one("Sale", saleView(sale)) };
};

function isTrue(value: unknown): boolean {
  return value === true || value === "true" || value === 1 || value === "1";
}

function saleView(sale: Sale): Row {
  const total = sale.lines.reduce((sum, line) => sum + line.unitQuantity * line.unitPrice, 0);
  return {
    ...stringify({
      saleID: sale.saleID,
      shopID: sale.shopID,
      registerID: sale.registerID,
      employeeID: sale.employeeID,
      completed: sale.completed,
      referenceNumber: sale.referenceNumber,
      referenceNumberSource: sale.referenceNumberSource,
      createTime: sale.createTime,
      timeStamp: sale.timeStamp,
      calcTotal: total.toFixed(2),
    }),
    SaleLines: collection(
      "SaleLine",
      sale.lines.map((line) =>
        stringify({
          saleLineID: line.saleLineID,
          itemID: line.itemID,
          unitQuantity: line.unitQuantity,
          unitPrice: line.unitPrice.toFixed(2),
          saleID: sale.saleID,
          shopID: sale.shopID,
        }),
      ),
    ),
    SalePayments: collection(
      "SalePayment",
      sale.payments.map((payment) =>
        stringify({ paymentTypeID: payment.paymentTypeID, amount: payment.amount.toFixed(2) }),
      ),
    ),
  };
}
