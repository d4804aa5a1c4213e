// The emulator's in-memory state: shops (each with its plan's bucket), their locations, products,
// variants, inventory and API-created webhook subscriptions, plus the access tokens issued to the app.
// Records are plain data; resolvers/ turn them into GraphQL-shaped objects.
import { randomBytes } from "node:crypto";
import { LeakyBucket, PLAN_LIMITS, type ShopPlan } from "./bucket";

export interface LocationRecord {
  id: number;
  name: string;
  isActive: boolean;
  fulfillsOnlineOrders: boolean;
  address: { address1: string | null; city: string | null; zip: string | null; countryCode: string };
  createdAt: string;
  updatedAt: string;
}

export interface VariantRecord {
  id: number;
  productId: number;
  inventoryItemId: number;
  title: string;
  sku: string | null;
  barcode: string | null;
  price: string;
  compareAtPrice: string | null;
  position: number;
  selectedOptions: { name: string; value: string }[];
  createdAt: string;
  updatedAt: string;
}

export interface ProductRecord {
  id: number;
  title: string;
  handle: string;
  status: "ACTIVE" | "ARCHIVED" | "DRAFT";
  vendor: string;
  productType: string;
  tags: string[];
  descriptionHtml: string;
  options: { name: string; values: string[] }[];
  variantIds: number[];
  createdAt: string;
  updatedAt: string;
}

export interface InventoryItemRecord {
  id: number;
  variantId: number;
  tracked: boolean;
  requiresShipping: boolean;
  /** The shipping weight (InventoryItem.measurement.weight), when a write gave one. */
  weight?: { value: number; unit: string };
  createdAt: string;
  updatedAt: string;
}

export interface InventoryLevelRecord {
  id: number;
  inventoryItemId: number;
  locationId: number;
  /** Quantity per name: available, on_hand, committed, incoming, reserved… */
  quantities: Record<string, number>;
  updatedAt: string;
}

export interface WebhookSubscriptionRecord {
  id: number;
  topic: string; // enum form, e.g. PRODUCTS_UPDATE
  uri: string;
  format: "JSON" | "XML";
  filter: string | null;
  includeFields: string[];
  apiVersion: string;
  createdAt: string;
  updatedAt: string;
}

export interface ShopRecord {
  id: number;
  domain: string;
  name: string;
  email: string;
  plan: ShopPlan;
  ianaTimezone: string;
  currencyCode: string;
  createdAt: string;
  bucket: LeakyBucket;
  locations: Map<number, LocationRecord>;
  products: Map<number, ProductRecord>;
  variants: Map<number, VariantRecord>;
  inventoryItems: Map<number, InventoryItemRecord>;
  inventoryLevels: Map<string, InventoryLevelRecord>;
  webhookSubscriptions: Map<number, WebhookSubscriptionRecord>;
  /** @idempotent keys already used: what the mutation was called with and what it answered. */
  idempotency: Map<string, { fingerprint: string; result: unknown }>;
}

export interface ShopSeed {
  domain: string;
  name?: string;
  plan?: ShopPlan;
  ianaTimezone?: string;
  currencyCode?: string;
  email?: string;
}

export class UnknownShopError extends Error {}

export class EmulatorStore {
  readonly shops = new Map<string, ShopRecord>();
  private readonly tokens = new Map<string, { shop: string; online: boolean }>();
  private lastId = 1_000_000_000;

  constructor(readonly now: () => number = Date.now) {}

  /** Ids grow across all shops and types, like Shopify's, so a gid never names two things. */
  nextId(): number {
    return ++this.lastId;
  }

  timestamp(): string {
    return new Date(this.now()).toISOString().replace(/\.\d{3}Z$/, "Z");
  }

  /** Creates the shop, or resets it to empty when it exists (its tokens stay valid). */
  upsertShop(seed: ShopSeed): ShopRecord {
    const domain = normalizeShopDomain(seed.domain);
    const plan = seed.plan ?? "Standard";
    const handle = domain.replace(/\.myshopify\.com$/, "");
    const shop: ShopRecord = {
      id: this.shops.get(domain)?.id ?? this.nextId(),
      domain,
      name: seed.name ?? handle,
      email: seed.email ?? `owner@${handle}.example`,
      plan,
      ianaTimezone: seed.ianaTimezone ?? "Europe/Paris",
      currencyCode: seed.currencyCode ?? "EUR",
      createdAt: this.timestamp(),
      bucket: new LeakyBucket(PLAN_LIMITS[plan], this.now),
      locations: new Map(),
      products: new Map(),
      variants: new Map(),
      inventoryItems: new Map(),
      inventoryLevels: new Map(),
      webhookSubscriptions: new Map(),
      idempotency: new Map(),
    };
    this.shops.set(domain, shop);
    return shop;
  }

  shop(domain: string): ShopRecord {
    const shop = this.shops.get(normalizeShopDomain(domain));
    if (!shop) throw new UnknownShopError(`emulator: no shop ${domain} (create it with POST /_emulator/shops)`);
    return shop;
  }

  findShop(domain: string): ShopRecord | undefined {
    return this.shops.get(normalizeShopDomain(domain));
  }

  issueAccessToken(domain: string, online = false): string {
    const shop = this.shop(domain);
    const token = `${online ? "shpua" : "shpat"}_${randomBytes(16).toString("hex")}`;
    this.tokens.set(token, { shop: shop.domain, online });
    return token;
  }

  /** The shop a token was issued for, or undefined. */
  tokenShop(token: string): string | undefined {
    return this.tokens.get(token)?.shop;
  }

  addLocation(
    shop: ShopRecord,
    input: { name: string; isActive?: boolean; fulfillsOnlineOrders?: boolean; city?: string; countryCode?: string },
  ): LocationRecord {
    const now = this.timestamp();
    const location: LocationRecord = {
      id: this.nextId(),
      name: input.name,
      isActive: input.isActive ?? true,
      fulfillsOnlineOrders: input.fulfillsOnlineOrders ?? true,
      address: { address1: null, city: input.city ?? null, zip: null, countryCode: input.countryCode ?? "FR" },
      createdAt: now,
      updatedAt: now,
    };
    shop.locations.set(location.id, location);
    return location;
  }

  /** The level of an item at a location, created (all zero) on first use. */
  inventoryLevel(shop: ShopRecord, inventoryItemId: number, locationId: number): InventoryLevelRecord {
    const key = `${inventoryItemId}:${locationId}`;
    let level = shop.inventoryLevels.get(key);
    if (!level) {
      level = { id: this.nextId(), inventoryItemId, locationId, quantities: {}, updatedAt: this.timestamp() };
      shop.inventoryLevels.set(key, level);
    }
    return level;
  }
}

/** "Shop.MyShopify.com:443" → "shop.myshopify.com". */
export function normalizeShopDomain(value: string): string {
  return value
    .trim()
    .toLowerCase()
    .replace(/^https?:\/\//, "")
    .replace(/[:/].*$/, "");
}
