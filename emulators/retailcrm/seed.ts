// Seeding the emulated account (options.seed at start, POST /_emulator/seed later), and the demo data.
import type { Account, Offer } from "./store";

export interface SeedLeftover {
  code: string;
  available: number;
  purchasePrice?: number;
}

export interface SeedOffer {
  id?: number;
  externalId?: string;
  xmlId?: string;
  article?: string;
  name?: string;
  price?: number;
  purchasePrice?: number;
  active?: boolean;
  properties?: Record<string, string>;
  stores?: SeedLeftover[];
}

export interface SeedProduct {
  id?: number;
  externalId?: string;
  article?: string;
  name: string;
  manufacturer?: string;
  active?: boolean;
  /** Group ids or group externalIds. */
  groups?: (number | string)[];
  offers?: SeedOffer[];
}

export interface RetailCrmSeed {
  stores?: { code: string; name?: string; active?: boolean }[];
  productGroups?: { id?: number; externalId?: string; name: string; parentId?: number; active?: boolean }[];
  products?: SeedProduct[];
  /** Shorthand: each offer becomes a product of its own. */
  offers?: (SeedOffer & { productName?: string })[];
  properties?: { code: string; name?: string; isNumeric?: boolean; visible?: boolean; variative?: boolean }[];
  orders?: { id?: number; externalId: string; number?: string; status?: string; shipped?: boolean }[];
}

export class SeedError extends Error {}

export function applySeed(account: Account, seed: RetailCrmSeed, now: Date): void {
  if (!seed || typeof seed !== "object") throw new SeedError("the seed must be an object");
  for (const store of seed.stores ?? []) {
    if (!store?.code) throw new SeedError("every store needs a code");
    account.warehouses.set(store.code, {
      code: store.code,
      name: store.name ?? store.code,
      active: store.active ?? true,
    });
  }
  for (const group of seed.productGroups ?? []) {
    if (!group?.name) throw new SeedError("every product group needs a name");
    const id = group.id ? account.reserveId(group.id) : account.newId();
    account.groups.set(id, {
      id,
      site: account.site,
      externalId: group.externalId,
      name: group.name,
      parentId: group.parentId,
      active: group.active ?? true,
    });
  }
  for (const property of seed.properties ?? []) {
    if (!property?.code) throw new SeedError("every property needs a code");
    account.properties.set(property.code, {
      code: property.code,
      name: property.name ?? property.code,
      isNumeric: property.isNumeric ?? false,
      visible: property.visible ?? true,
      variative: property.variative ?? true,
    });
  }
  const products: SeedProduct[] = [
    ...(seed.products ?? []),
    ...(seed.offers ?? []).map(({ productName, ...offer }) => ({
      name: productName ?? offer.name ?? offer.article ?? offer.externalId ?? offer.xmlId ?? "Item",
      article: offer.article,
      offers: [offer],
    })),
  ];
  for (const product of products) addProduct(account, product);
  for (const order of seed.orders ?? []) {
    if (!order?.externalId) throw new SeedError("every order needs an externalId");
    if (account.findOrder(order.externalId, "externalId")) throw new SeedError(`order ${order.externalId} exists`);
    const id = order.id ? account.reserveId(order.id) : account.newId();
    account.orders.set(id, {
      id,
      externalId: order.externalId,
      number: order.number ?? `${id}A`,
      site: account.site,
      status: order.status ?? "new",
      shipped: order.shipped ?? false,
      createdAt: now.toISOString().replace("T", " ").slice(0, 19),
    });
  }
}

function addProduct(account: Account, seed: SeedProduct): void {
  if (!seed?.name) throw new SeedError("every product needs a name");
  const id = seed.id ? account.reserveId(seed.id) : account.newId();
  const groupIds = (seed.groups ?? []).map((ref) => {
    const group = [...account.groups.values()].find((g) => g.id === ref || (g.externalId && g.externalId === ref));
    if (!group) throw new SeedError(`product ${seed.name}: no product group ${ref}`);
    return group.id;
  });
  account.products.set(id, {
    id,
    site: account.site,
    externalId: seed.externalId,
    article: seed.article,
    name: seed.name,
    manufacturer: seed.manufacturer,
    active: seed.active ?? true,
    groupIds,
    offerIds: [],
  });
  for (const input of seed.offers ?? []) {
    if (account.findOffer({ externalId: input.externalId, xmlId: input.xmlId }))
      throw new SeedError(`an offer with externalId ${input.externalId} or xmlId ${input.xmlId} exists`);
    const offer: Offer = {
      id: input.id ? account.reserveId(input.id) : account.newId(),
      productId: id,
      site: account.site,
      externalId: input.externalId,
      xmlId: input.xmlId,
      article: input.article,
      name: input.name ?? seed.name,
      price: input.price,
      purchasePrice: input.purchasePrice,
      active: input.active ?? true,
      properties: { ...(input.properties ?? {}) },
      stock: new Map(),
    };
    for (const leftover of input.stores ?? []) {
      if (!account.warehouses.has(leftover.code)) throw new SeedError(`offer ${offer.name}: no store ${leftover.code}`);
      offer.stock.set(leftover.code, { available: leftover.available, purchasePrice: leftover.purchasePrice });
    }
    account.offers.set(offer.id, offer);
    account.products.get(id)!.offerIds.push(offer.id);
  }
}

/** A small shop: two warehouses, a few clothes in sizes, one order waiting for its shipment. */
export const DEMO_SEED: RetailCrmSeed = {
  stores: [
    { code: "main", name: "Entrepôt principal" },
    { code: "shop-paris", name: "Boutique Paris" },
  ],
  productGroups: [{ id: 1, externalId: "tops", name: "Hauts" }],
  properties: [
    { code: "color", name: "Couleur" },
    { code: "size", name: "Taille" },
  ],
  products: [
    {
      name: "T-shirt coton bio",
      article: "TSH-BIO",
      externalId: "TSH-BIO",
      manufacturer: "Atelier Demo",
      groups: ["tops"],
      offers: ["S", "M", "L"].map((size, i) => ({
        externalId: `TSH-BIO-BLANC-${size}`,
        xmlId: `TSH-BIO-BLANC-${size}`,
        article: `TSH-BIO|BLANC|${size}`,
        name: `T-shirt coton bio Blanc ${size}`,
        price: 29,
        purchasePrice: 9.5,
        properties: { color: "Blanc", size },
        stores: [
          { code: "main", available: 10 + i * 5, purchasePrice: 9.5 },
          { code: "shop-paris", available: 2, purchasePrice: 9.5 },
        ],
      })),
    },
  ],
  orders: [{ externalId: "1001", number: "1001A", status: "new" }],
};
