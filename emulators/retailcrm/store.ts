// The emulator's in-memory account: warehouses ("stores"), product groups, products with their offers
// (sales propositions) and per-warehouse leftovers, orders, and registered integration modules.

export interface Warehouse {
  code: string;
  name: string;
  active: boolean;
}

export interface Leftover {
  available: number;
  purchasePrice?: number;
}

export interface Offer {
  id: number;
  productId: number;
  site: string;
  externalId?: string;
  xmlId?: string;
  article?: string;
  name: string;
  price?: number;
  purchasePrice?: number;
  active: boolean;
  properties: Record<string, string>;
  /** Leftovers by warehouse code. */
  stock: Map<string, Leftover>;
}

export interface Product {
  id: number;
  site: string;
  externalId?: string;
  article?: string;
  name: string;
  manufacturer?: string;
  active: boolean;
  groupIds: number[];
  offerIds: number[];
}

export interface ProductGroup {
  id: number;
  site: string;
  externalId?: string;
  name: string;
  parentId?: number;
  active: boolean;
}

export interface ProductProperty {
  code: string;
  name: string;
  isNumeric: boolean;
  visible: boolean;
  variative: boolean;
}

export interface Order {
  id: number;
  externalId: string;
  number: string;
  site: string;
  status: string;
  shipped: boolean;
  shipmentStore?: string;
  shipmentDate?: string;
  createdAt: string;
}

export interface StoreAction {
  code: string;
  url: string;
  callPoints: string[];
}

export interface IntegrationModule {
  code: string;
  integrationCode: string;
  name: string;
  baseUrl: string;
  clientId: string;
  logo?: string;
  accountUrl?: string;
  active: boolean;
  freeze: boolean;
  integrations: { store?: { actions: StoreAction[] } } & Record<string, unknown>;
}

export class Account {
  readonly warehouses = new Map<string, Warehouse>();
  readonly groups = new Map<number, ProductGroup>();
  readonly products = new Map<number, Product>();
  readonly offers = new Map<number, Offer>();
  readonly properties = new Map<string, ProductProperty>();
  readonly orders = new Map<number, Order>();
  readonly modules = new Map<string, IntegrationModule>();
  private nextId = 1;

  constructor(readonly site: string) {}

  newId(): number {
    return this.nextId++;
  }

  /** Keeps generated ids above any seeded one. */
  reserveId(id: number): number {
    if (id >= this.nextId) this.nextId = id + 1;
    return id;
  }

  productOf(offer: Offer): Product {
    return this.products.get(offer.productId)!;
  }

  /** The offer an upload or filter names: by id, then externalId, then xmlId, within a site. */
  findOffer(ref: { id?: unknown; externalId?: unknown; xmlId?: unknown }, site?: string): Offer | undefined {
    for (const offer of this.offers.values()) {
      if (site && offer.site !== site) continue;
      if (ref.id !== undefined && ref.id !== null && String(offer.id) === String(ref.id)) return offer;
      if (typeof ref.externalId === "string" && ref.externalId && offer.externalId === ref.externalId) return offer;
      if (typeof ref.xmlId === "string" && ref.xmlId && offer.xmlId === ref.xmlId) return offer;
    }
    return undefined;
  }

  findOrder(key: string, by: "externalId" | "id", site?: string): Order | undefined {
    for (const order of this.orders.values()) {
      if (site && order.site !== site) continue;
      if (by === "id" ? String(order.id) === key : order.externalId === key) return order;
    }
    return undefined;
  }

  /** A module with a store integration makes order[shipped] editable. */
  hasWarehouseModule(): boolean {
    return [...this.modules.values()].some((m) => m.active && !m.freeze && m.integrations.store !== undefined);
  }

  /** Offer quantity: the sum of its leftovers. */
  quantityOf(offer: Offer): number {
    let total = 0;
    for (const leftover of offer.stock.values()) total += leftover.available;
    return total;
  }

  /** Properties seeded by name, plus any property code used by an offer. */
  allProperties(): ProductProperty[] {
    const all = new Map(this.properties);
    for (const offer of this.offers.values()) {
      for (const code of Object.keys(offer.properties)) {
        if (!all.has(code)) all.set(code, { code, name: code, isNumeric: false, visible: true, variative: true });
      }
    }
    return [...all.values()].sort((a, b) => a.code.localeCompare(b.code));
  }

  snapshot() {
    return {
      site: this.site,
      stores: [...this.warehouses.values()],
      productGroups: [...this.groups.values()],
      products: [...this.products.values()].map((product) => ({
        ...product,
        offers: product.offerIds.map((id) => offerSnapshot(this.offers.get(id)!)),
      })),
      properties: this.allProperties(),
      orders: [...this.orders.values()],
      modules: [...this.modules.values()],
    };
  }
}

export function offerSnapshot(offer: Offer) {
  const { stock, ...rest } = offer;
  return { ...rest, stores: [...stock.entries()].map(([code, leftover]) => ({ code, ...leftover })) };
}
