// Per-shop records beyond products and stock: metafield definitions and values, media and files,
// publications, collections, product set operations, gift cards, customers with store credit, and
// automatic discounts. Kept beside the shop in a WeakMap (like orders.ts), so resetting a shop resets them.
import type { EmulatorStore, ShopRecord } from "./store";

export interface MetafieldDefinitionRecord {
  id: number;
  namespace: string;
  key: string;
  name: string;
  type: string;
  ownerType: string;
  uniqueValues: boolean;
  createdAt: string;
}

export interface MetafieldValue {
  id: number;
  namespace: string;
  key: string;
  type: string;
  value: string;
  createdAt: string;
  updatedAt: string;
}

export type MediaStatus = "UPLOADED" | "PROCESSING" | "READY" | "FAILED";

export interface MediaRecord {
  id: number;
  kind: "IMAGE" | "FILE";
  /** The product it belongs to (productCreateMedia), or null for a file of the Files page. */
  productId: number | null;
  variantIds: number[];
  alt: string | null;
  originalSource: string;
  mimeType: string | null;
  size: number | null;
  status: MediaStatus;
  error: { code: string; message: string } | null;
  createdAt: string;
  updatedAt: string;
}

export interface CollectionRecord {
  id: number;
  title: string;
  handle: string;
  productIds: number[];
  updatedAt: string;
}

export interface ProductSetOperationRecord {
  id: number;
  status: "CREATED" | "ACTIVE" | "COMPLETE";
  productId: number | null;
  userErrors: { field: string[] | null; message: string; code: string }[];
}

export interface GiftCardTransactionRecord {
  id: number;
  kind: "CREDIT" | "DEBIT";
  amount: string;
  note: string | null;
  processedAt: string;
}

export interface GiftCardRecord {
  id: number;
  code: string;
  currencyCode: string;
  initialValue: string;
  balance: string;
  expiresOn: string | null;
  customerId: number | null;
  note: string | null;
  enabled: boolean;
  transactions: GiftCardTransactionRecord[];
  createdAt: string;
  updatedAt: string;
}

export interface CustomerRecord {
  id: number;
  email: string | null;
  firstName: string | null;
  lastName: string | null;
  tags: string[];
  createdAt: string;
  updatedAt: string;
}

export interface StoreCreditTransactionRecord {
  id: number;
  kind: "CREDIT" | "DEBIT";
  amount: string;
  balanceAfter: string;
  expiresAt: string | null;
  createdAt: string;
}

export interface StoreCreditAccountRecord {
  id: number;
  customerId: number;
  currencyCode: string;
  balance: string;
  transactions: StoreCreditTransactionRecord[];
}

export interface AutomaticDiscountRecord {
  id: number;
  title: string;
  percentage: number;
  productIds: number[];
  variantIds: number[];
  collectionIds: number[];
  all: boolean;
  startsAt: string;
  endsAt: string | null;
  tags: string[];
  createdAt: string;
  updatedAt: string;
}

export interface MerchandisingState {
  definitions: Map<number, MetafieldDefinitionRecord>;
  /** Metafields by owner id (products today), keyed `namespace.key`. */
  metafields: Map<number, Map<string, MetafieldValue>>;
  media: Map<number, MediaRecord>;
  publications: Map<number, { id: number; name: string }>;
  /** Publication ids each product or collection is published on. */
  published: Map<number, Set<number>>;
  collections: Map<number, CollectionRecord>;
  productSetOperations: Map<number, ProductSetOperationRecord>;
  giftCards: Map<number, GiftCardRecord>;
  customers: Map<number, CustomerRecord>;
  storeCreditAccounts: Map<number, StoreCreditAccountRecord>;
  discounts: Map<number, AutomaticDiscountRecord>;
}

const states = new WeakMap<ShopRecord, MerchandisingState>();

export function merchandisingOf(store: EmulatorStore, shop: ShopRecord): MerchandisingState {
  let state = states.get(shop);
  if (!state) {
    // Every shop has the two sales channels a new Shopify store starts with.
    const publications = new Map(
      ["Online Store", "Point of Sale"].map((name) => {
        const id = store.nextId();
        return [id, { id, name }] as const;
      }),
    );
    state = {
      definitions: new Map(),
      metafields: new Map(),
      media: new Map(),
      publications,
      published: new Map(),
      collections: new Map(),
      productSetOperations: new Map(),
      giftCards: new Map(),
      customers: new Map(),
      storeCreditAccounts: new Map(),
      discounts: new Map(),
    };
    states.set(shop, state);
  }
  return state;
}

/** Namespace omitted → the app's reserved namespace, as Shopify does for the calling app. */
export const APP_NAMESPACE = "$app";
export const metafieldKey = (namespace: string | null | undefined, key: string) =>
  `${namespace || APP_NAMESPACE}.${key}`;

export function uniqueDefinition(
  state: MerchandisingState,
  ownerType: string,
  namespace: string | null | undefined,
  key: string,
): MetafieldDefinitionRecord | undefined {
  const wanted = metafieldKey(namespace, key);
  return [...state.definitions.values()].find(
    (d) => d.ownerType === ownerType && d.uniqueValues && metafieldKey(d.namespace, d.key) === wanted,
  );
}

/** The owner holding `value` in `namespace.key`, if any. */
export function ownerWithValue(
  state: MerchandisingState,
  namespace: string | null | undefined,
  key: string,
  value: string,
): number | undefined {
  const wanted = metafieldKey(namespace, key);
  for (const [ownerId, fields] of state.metafields) if (fields.get(wanted)?.value === value) return ownerId;
  return undefined;
}

export function createCustomer(
  store: EmulatorStore,
  shop: ShopRecord,
  input: { email?: string | null; firstName?: string | null; lastName?: string | null; tags?: string[] },
): CustomerRecord {
  const now = store.timestamp();
  const customer: CustomerRecord = {
    id: store.nextId(),
    email: input.email ?? null,
    firstName: input.firstName ?? null,
    lastName: input.lastName ?? null,
    tags: input.tags ?? [],
    createdAt: now,
    updatedAt: now,
  };
  merchandisingOf(store, shop).customers.set(customer.id, customer);
  return customer;
}

export function createCollection(
  store: EmulatorStore,
  shop: ShopRecord,
  input: { title: string; handle?: string; productIds?: number[] },
): CollectionRecord {
  const collection: CollectionRecord = {
    id: store.nextId(),
    title: input.title,
    handle:
      input.handle ??
      input.title
        .normalize("NFD")
        .replace(/[\u0300-\u036f]/g, "")
        .toLowerCase()
        .replace(/[^a-z0-9]+/g, "-")
        .replace(/^-|-$/g, ""),
    productIds: [...new Set(input.productIds ?? [])],
    updatedAt: store.timestamp(),
  };
  merchandisingOf(store, shop).collections.set(collection.id, collection);
  return collection;
}

/** Money as Shopify prints Decimal amounts: "10.0", "12.5" (no trailing zeros beyond one decimal). */
export const decimal = (cents: number): string => {
  const text = (cents / 100).toFixed(2).replace(/0$/, "");
  return text;
};
export const cents = (amount: string | number): number => Math.round(Number(amount) * 100);
