// Creating a shop with its locations and catalog in one go (options.shops, POST /_emulator/shops).
import { PLAN_LIMITS } from "./bucket";
import { createProduct, type ProductInput } from "./catalog";
import type { EmulatorStore, ShopRecord, ShopSeed } from "./store";

export interface SeedLocation {
  name: string;
  isActive?: boolean;
  fulfillsOnlineOrders?: boolean;
  city?: string;
  countryCode?: string;
}

export interface SeedShop extends ShopSeed {
  locations?: SeedLocation[];
  /** Variants' `inventory` may name locations by name. */
  products?: ProductInput[];
}

export class SeedError extends Error {}

export function applyShopSeed(store: EmulatorStore, seed: SeedShop): ShopRecord {
  if (!seed.domain || !/^[a-z0-9][a-z0-9-]*\.myshopify\.com$/i.test(seed.domain))
    throw new SeedError(`domain must be <handle>.myshopify.com, got ${seed.domain}`);
  if (seed.plan && !(seed.plan in PLAN_LIMITS))
    throw new SeedError(`plan must be one of ${Object.keys(PLAN_LIMITS).join(", ")}`);
  const shop = store.upsertShop(seed);
  for (const location of seed.locations ?? [{ name: "Entrepôt principal" }]) store.addLocation(shop, location);
  for (const product of seed.products ?? []) createProduct(store, shop, product);
  return shop;
}

/** A shop's state in plain JSON (for tests and the demo). */
export function shopSnapshot(shop: ShopRecord) {
  return {
    domain: shop.domain,
    name: shop.name,
    plan: shop.plan,
    ianaTimezone: shop.ianaTimezone,
    currencyCode: shop.currencyCode,
    throttleStatus: shop.bucket.status(),
    locations: [...shop.locations.values()].map((l) => ({
      id: `gid://shopify/Location/${l.id}`,
      name: l.name,
      isActive: l.isActive,
    })),
    products: [...shop.products.values()].map((p) => ({
      id: `gid://shopify/Product/${p.id}`,
      title: p.title,
      handle: p.handle,
      tags: [...p.tags],
      variants: p.variantIds.map((id) => {
        const v = shop.variants.get(id)!;
        const levels = [...shop.inventoryLevels.values()].filter((l) => l.inventoryItemId === v.inventoryItemId);
        return {
          id: `gid://shopify/ProductVariant/${v.id}`,
          inventoryItemId: `gid://shopify/InventoryItem/${v.inventoryItemId}`,
          sku: v.sku,
          barcode: v.barcode,
          price: v.price,
          compareAtPrice: v.compareAtPrice,
          inventory: Object.fromEntries(
            levels.map((l) => [`gid://shopify/Location/${l.locationId}`, { ...l.quantities }]),
          ),
        };
      }),
    })),
    webhookSubscriptions: [...shop.webhookSubscriptions.values()].map((s) => ({
      id: `gid://shopify/WebhookSubscription/${s.id}`,
      topic: s.topic,
      uri: s.uri,
    })),
  };
}
