// Seeding the account (options.seed at start, POST /_emulator/seed later), and the demo data.
import type { Account } from "./store";

export interface LightspeedSeedItem {
  itemID?: number;
  description: string;
  customSku?: string;
  manufacturerSku?: string;
  upc?: string;
  ean?: string;
  price?: number;
  defaultCost?: number;
  archived?: boolean;
  /** Quantity on hand by shopID. */
  qoh?: Record<string, number>;
}

export interface LightspeedSeed {
  shops?: { shopID?: number; name: string }[];
  registers?: { registerID?: number; name?: string; shopID: number }[];
  employees?: { employeeID?: number; firstName: string; lastName?: string }[];
  items?: LightspeedSeedItem[];
}

export class SeedError extends Error {}

export function applySeed(account: Account, seed: LightspeedSeed, now: string): void {
  if (!seed || typeof seed !== "object") throw new SeedError("the seed must be an object");
  for (const shop of seed.shops ?? []) {
    if (!shop?.name) throw new SeedError("every shop needs a name");
    if (shop.shopID === 0) throw new SeedError("shopID 0 is the all-shops total");
    const shopID = account.newId("shop", shop.shopID);
    account.shops.set(shopID, { shopID, name: shop.name });
  }
  for (const register of seed.registers ?? []) {
    if (!account.shops.has(register?.shopID)) throw new SeedError(`no shop ${String(register?.shopID)} for a register`);
    const registerID = account.newId("register", register.registerID);
    account.registers.set(registerID, {
      registerID,
      name: register.name ?? `Register ${registerID}`,
      shopID: register.shopID,
    });
  }
  for (const employee of seed.employees ?? []) {
    if (!employee?.firstName) throw new SeedError("every employee needs a firstName");
    const employeeID = account.newId("employee", employee.employeeID);
    account.employees.set(employeeID, { employeeID, firstName: employee.firstName, lastName: employee.lastName ?? "" });
  }
  for (const item of seed.items ?? []) {
    if (!item?.description) throw new SeedError("every item needs a description");
    const itemID = account.newId("item", item.itemID);
    account.items.set(itemID, {
      itemID,
      systemSku: String(210000000000 + itemID),
      description: item.description,
      customSku: item.customSku ?? "",
      manufacturerSku: item.manufacturerSku ?? "",
      upc: item.upc ?? "",
      ean: item.ean ?? "",
      price: item.price ?? 0,
      defaultCost: item.defaultCost ?? 0,
      archived: item.archived ?? false,
      createTime: now,
      timeStamp: now,
    });
    for (const [shop, qoh] of Object.entries(item.qoh ?? {})) {
      const shopID = Number(shop);
      if (!account.shops.has(shopID)) throw new SeedError(`no shop ${shop} for item ${item.description}`);
      if (!Number.isInteger(qoh)) throw new SeedError("qoh must be a whole number");
      account.setQoh(itemID, shopID, qoh, now);
    }
    account.shopsOf(itemID, now);
  }
}

/** One shop with a register and an employee (the seed's ShopID/RegisterID/EmployeeID 1), three items. */
export const DEMO_SEED: LightspeedSeed = {
  shops: [{ shopID: 1, name: "Boutique Bordeaux" }],
  registers: [{ registerID: 1, name: "Caisse 1", shopID: 1 }],
  employees: [{ employeeID: 1, firstName: "Camille", lastName: "Martin" }],
  items: [
    { itemID: 1, description: "T-shirt S", customSku: "TSH-WHITE-S", upc: "3700000000011", price: 19.9, qoh: { 1: 6 } },
    { itemID: 2, description: "T-shirt M", customSku: "TSH-WHITE-M", upc: "3700000000012", price: 19.9, qoh: { 1: 2 } },
    { itemID: 3, description: "Mug", customSku: "MUG", ean: "3700000000029", price: 9.5, qoh: { 1: 0 } },
  ],
};
