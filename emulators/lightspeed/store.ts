// One R-Series account: shops, registers, employees, items with their quantity on hand per shop
// (ItemShop, plus the shopID 0 row that totals all shops), and sales; a completed sale moves qoh.

export interface Shop {
  shopID: number;
  name: string;
}

export interface Register {
  registerID: number;
  name: string;
  shopID: number;
}

export interface Employee {
  employeeID: number;
  firstName: string;
  lastName: string;
}

export interface Item {
  itemID: number;
  systemSku: string;
  description: string;
  customSku: string;
  manufacturerSku: string;
  upc: string;
  ean: string;
  price: number;
  defaultCost: number;
  archived: boolean;
  createTime: string;
  timeStamp: string;
}

export interface ItemShop {
  itemShopID: number;
  itemID: number;
  /** 0: the row totalling every shop (read-only). */
  shopID: number;
  qoh: number;
  reorderPoint: number;
  reorderLevel: number;
  timeStamp: string;
}

export interface SaleLine {
  saleLineID: number;
  itemID: number;
  unitQuantity: number;
  unitPrice: number;
}

export interface Sale {
  saleID: number;
  shopID: number;
  registerID: number;
  employeeID: number;
  completed: boolean;
  referenceNumber: string;
  referenceNumberSource: string;
  createTime: string;
  timeStamp: string;
  lines: SaleLine[];
  payments: { paymentTypeID: number; amount: number }[];
}

export class Account {
  readonly shops = new Map<number, Shop>();
  readonly registers = new Map<number, Register>();
  readonly employees = new Map<number, Employee>();
  readonly items = new Map<number, Item>();
  /** By item, then shop (0 included). */
  readonly itemShops = new Map<number, Map<number, ItemShop>>();
  readonly sales = new Map<number, Sale>();
  private readonly ids = { item: 1, itemShop: 1, sale: 1, saleLine: 1, shop: 1, register: 1, employee: 1 };

  constructor(
    readonly accountID: string,
    readonly name: string,
  ) {}

  newId(kind: keyof Account["ids"], wanted?: number): number {
    if (wanted !== undefined) {
      this.ids[kind] = Math.max(this.ids[kind], wanted + 1);
      return wanted;
    }
    return this.ids[kind]++;
  }

  /** The item's ItemShop rows: shop 0 (the total) first, then one per shop. */
  shopsOf(itemID: number, at: string): ItemShop[] {
    let rows = this.itemShops.get(itemID);
    if (!rows) {
      rows = new Map();
      this.itemShops.set(itemID, rows);
    }
    for (const shopID of [0, ...this.shops.keys()]) {
      if (!rows.has(shopID))
        rows.set(shopID, {
          itemShopID: this.newId("itemShop"),
          itemID,
          shopID,
          qoh: 0,
          reorderPoint: 0,
          reorderLevel: 0,
          timeStamp: at,
        });
    }
    const total = rows.get(0)!;
    total.qoh = [...rows.values()].filter((row) => row.shopID !== 0).reduce((sum, row) => sum + row.qoh, 0);
    return [...rows.values()].sort((a, b) => a.shopID - b.shopID);
  }

  allItemShops(at: string): ItemShop[] {
    return [...this.items.keys()]
      .flatMap((itemID) => this.shopsOf(itemID, at))
      .sort((a, b) => a.itemShopID - b.itemShopID);
  }

  itemShopById(itemShopID: number, at: string): ItemShop | undefined {
    return this.allItemShops(at).find((row) => row.itemShopID === itemShopID);
  }

  /** Sets a shop's qoh (never the shop-0 total, which follows). */
  setQoh(itemID: number, shopID: number, qoh: number, at: string): ItemShop {
    const row = this.shopsOf(itemID, at).find((candidate) => candidate.shopID === shopID)!;
    if (row.qoh !== qoh) {
      row.qoh = qoh;
      row.timeStamp = at;
      const total = this.itemShops.get(itemID)!.get(0)!;
      total.timeStamp = at;
    }
    this.shopsOf(itemID, at);
    return row;
  }

  /** A completed sale takes its lines out of the shop's qoh (a negative quantity is a return). */
  applySale(sale: Sale, at: string): void {
    for (const line of sale.lines) {
      const row = this.shopsOf(line.itemID, at).find((candidate) => candidate.shopID === sale.shopID)!;
      this.setQoh(line.itemID, sale.shopID, row.qoh - line.unitQuantity, at);
    }
  }

  snapshot(at: string) {
    return {
      accountID: this.accountID,
      name: this.name,
      shops: [...this.shops.values()],
      registers: [...this.registers.values()],
      employees: [...this.employees.values()],
      items: [...this.items.values()].map((item) => ({ ...item, itemShops: this.shopsOf(item.itemID, at) })),
      sales: [...this.sales.values()],
    };
  }
}
