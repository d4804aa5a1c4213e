// Account, Shop, Register, Employee, Item (with ItemShops and Prices) and ItemShop: reads with filters and
// pages, and the two ways to set a quantity on hand: PUT Item/{id}.json with ItemShops, PUT ItemShop/{id}.json.
import { relationRows, wholeNumber, type LsContext, type LsMethod } from "./context";
import { LightspeedError } from "./errors";
import { applyFilters, collection, cursorPage, offsetPage, relationsOf, stringify, wants, type Row } from "./query";
import type { Account, Item, ItemShop } from "./store";

/** Filters and pages the stored rows (their field names are the API's), then shows only the page. */
export function list<T extends object>(
  context: LsContext,
  name: string,
  idField: string,
  rows: T[],
  fields: string[],
  view: (row: T) => Row,
): Record<string, unknown> {
  const filtered = applyFilters(rows as unknown as Row[], context.query, fields);
  const page =
    context.version === "v3"
      ? cursorPage(filtered, idField, context.query, context.pageUrl)
      : offsetPage(filtered, idField, context.query);
  return { "@attributes": page.attributes, ...collection(name, (page.rows as unknown as T[]).map(view)) };
}

export function one(name: string, row: Row): Record<string, unknown> {
  return { "@attributes": { count: "1" }, [name]: row };
}

export const getAccount: LsMethod = ({ account }) => ({
  body: one("Account", {
    accountID: account.accountID,
    name: account.name,
    link: { "@attributes": { href: `/API/V3/Account/${account.accountID}` } },
  }),
});

export const listShops: LsMethod = (context) => {
  const rows = [...context.account.shops.values()];
  const view = (shop: (typeof rows)[number]) => stringify({ shopID: shop.shopID, name: shop.name, archived: false });
  return { body: list(context, "Shop", "shopID", rows, ["shopID", "name"], view) };
};

export const listRegisters: LsMethod = (context) => {
  const rows = [...context.account.registers.values()];
  const view = (register: (typeof rows)[number]) =>
    stringify({ registerID: register.registerID, name: register.name, shopID: register.shopID, archived: false });
  return { body: list(context, "Register", "registerID", rows, ["registerID", "name", "shopID"], view) };
};

export const listEmployees: LsMethod = (context) => {
  const rows = [...context.account.employees.values()];
  const view = (employee: (typeof rows)[number]) => stringify({ ...employee, archived: false });
  return { body: list(context, "Employee", "employeeID", rows, ["employeeID", "firstName", "lastName"], view) };
};

const ITEM_FIELDS = [
  "itemID",
  "systemSku",
  "description",
  "customSku",
  "manufacturerSku",
  "upc",
  "ean",
  "createTime",
  "timeStamp",
];

export function itemView(account: Account, item: Item, relations: Set<string> | "all", now: string): Row {
  const row = stringify({
    itemID: item.itemID,
    systemSku: item.systemSku,
    defaultCost: item.defaultCost,
    avgCost: item.defaultCost,
    discountable: true,
    tax: true,
    archived: item.archived,
    itemType: "default",
    serialized: false,
    description: item.description,
    modelYear: 0,
    upc: item.upc,
    ean: item.ean,
    customSku: item.customSku,
    manufacturerSku: item.manufacturerSku,
    createTime: item.createTime,
    timeStamp: item.timeStamp,
  });
  row.Prices = { ItemPrice: [stringify({ amount: item.price.toFixed(2), useTypeID: 1, useType: "Default" })] };
  if (wants(relations, "ItemShops"))
    row.ItemShops = collection("ItemShop", account.shopsOf(item.itemID, now).map(itemShopView));
  return row;
}

export function itemShopView(row: ItemShop): Row {
  return stringify({
    itemShopID: row.itemShopID,
    qoh: row.qoh,
    sellable: Math.max(0, row.qoh),
    backorder: 0,
    componentQoh: 0,
    componentBackorder: 0,
    reorderPoint: row.reorderPoint,
    reorderLevel: row.reorderLevel,
    timeStamp: row.timeStamp,
    itemID: row.itemID,
    shopID: row.shopID,
  });
}

export const listItems: LsMethod = (context) => {
  const relations = relationsOf(context.query);
  const view = (item: Item) => itemView(context.account, item, relations, context.now);
  // Archived items are left out unless archived=true (all) or archived=only.
  const archived = context.query.get("archived");
  const items = [...context.account.items.values()].filter((item) =>
    archived === "true" || archived === "1" ? true : archived === "only" ? item.archived : !item.archived,
  );
  return { body: list(context, "Item", "itemID", items, ITEM_FIELDS, view) };
};

export const getItem: LsMethod = (context) => {
  const item = findItem(context);
  return { body: one("Item", itemView(context.account, item, relationsOf(context.query), context.now)) };
};

export const listItemShops: LsMethod = (context) => {
  const rows = context.account.allItemShops(context.now);
  const fields = ["itemShopID", "itemID", "shopID", "qoh", "timeStamp"];
  return { body: list(context, "ItemShop", "itemShopID", rows, fields, itemShopView) };
};

export const getItemShop: LsMethod = ({ account, path, now }) => {
  const row = account.itemShopById(Number(path.id), now);
  if (!row) throw LightspeedError.notFound(`ItemShop ${path.id} not found.`);
  return { body: one("ItemShop", itemShopView(row)) };
};

export const updateItemShop: LsMethod = ({ account, path, body, now }) => {
  const row = account.itemShopById(Number(path.id), now);
  if (!row) throw LightspeedError.notFound(`ItemShop ${path.id} not found.`);
  const qoh = qohOf(body.qoh);
  if (row.shopID === 0) throw LightspeedError.badRequest("The shopID 0 row totals every shop; set qoh per shop.");
  return { body: one("ItemShop", itemShopView(account.setQoh(row.itemID, row.shopID, qoh, now))) };
};

/** PUT Item/{id}.json: description and SKUs, and qoh through ItemShops (by itemShopID or shopID). */
export const updateItem: LsMethod = (context) => {
  const { account, body, now } = context;
  const item = findItem(context);
  const rows = account.shopsOf(item.itemID, now);
  const changes: { shopID: number; qoh: number }[] = [];
  for (const entry of relationRows(body.ItemShops, "ItemShop")) {
    const byId = wholeNumber(entry.itemShopID);
    const byShop = wholeNumber(entry.shopID);
    const row = rows.find((candidate) =>
      byId !== undefined ? candidate.itemShopID === byId : candidate.shopID === byShop,
    );
    if (!row)
      throw LightspeedError.badRequest(
        `No ItemShop ${String(entry.itemShopID ?? entry.shopID)} for item ${item.itemID}.`,
      );
    if (entry.qoh === undefined) continue;
    if (row.shopID === 0) throw LightspeedError.badRequest("The shopID 0 row totals every shop; set qoh per shop.");
    changes.push({ shopID: row.shopID, qoh: qohOf(entry.qoh) });
  }
  for (const field of ["description", "customSku", "manufacturerSku", "upc", "ean"] as const)
    if (typeof body[field] === "string") item[field] = body[field] as string;
  for (const change of changes) account.setQoh(item.itemID, change.shopID, change.qoh, now);
  item.timeStamp = now;
  return { body: one("Item", itemView(account, item, new Set(["ItemShops"]), now)) };
};

function findItem({ account, path }: LsContext): Item {
  const item = account.items.get(Number(path.id));
  if (!item) throw LightspeedError.notFound(`Item ${path.id} not found.`);
  return item;
}

function qohOf(value: unknown): number {
  const qoh = wholeNumber(value);
  if (qoh === undefined) throw LightspeedError.badRequest("qoh must be a whole number.");
  return qoh;
}
