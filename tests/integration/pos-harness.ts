// Shared by the pos-*.test.ts files: a Square emulator seeded with N item variations counted at two
// locations, and reading back what Square holds.
import { installShopifyOriginOverride } from "~/shopify/api-origin.server";
import { ShopifyAdminClient } from "~/shopify/admin-client.server";
import { createProduct } from "../../emulators/shopify/catalog";
import { startShopifyEmulator, type ShopifyEmulator } from "../../emulators/shopify/index";
import type { ShopRecord } from "../../emulators/shopify/store";
import { startSquareEmulator, type SquareEmulator, type SquareSeed } from "../../emulators/square/index";
import { uniqueShop } from "../support/shops";
import { APP } from "./stock-harness";

export const SQUARE_TOKEN = "pos-test-square-token";
export const PARIS = "LPARIS0000001";
export const LYON = "LLYON00000001";

export const posSku = (i: number) => `POS-${String(i).padStart(5, "0")}`;
export const variationId = (i: number) => `VAR${String(i).padStart(6, "0")}`;

export function squareSeed(n: number, quantity: (i: number, location: string) => number = () => 5): SquareSeed {
  return {
    locations: [
      { id: PARIS, name: "Boutique Paris" },
      { id: LYON, name: "Boutique Lyon" },
    ],
    items: Array.from({ length: n }, (_, i) => ({
      id: `ITEM${String(i).padStart(6, "0")}`,
      name: `Article ${i}`,
      variations: [
        {
          id: variationId(i),
          name: "Regular",
          sku: posSku(i),
          upc: `3760000${String(i).padStart(6, "0")}`,
          price: 1000,
          counts: { [PARIS]: quantity(i, PARIS), [LYON]: quantity(i, LYON) },
        },
      ],
    })),
  };
}

export function startSquare(
  n: number,
  options: { quantity?: (i: number, location: string) => number; rateLimit?: { limit: number; windowMs: number } } = {},
): Promise<SquareEmulator> {
  return startSquareEmulator({
    port: 0,
    accessTokens: [SQUARE_TOKEN],
    seed: squareSeed(n, options.quantity),
    rateLimit: options.rateLimit ?? { limit: 1000, windowMs: 1000 },
  });
}

/** IN_STOCK quantity per variation id at a location. */
export function squareCounts(square: SquareEmulator, location: string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const count of square.state().counts)
    if (count.locationId === location && count.state === "IN_STOCK")
      counts.set(count.catalogObjectId, Number(count.quantity));
  return counts;
}

export const squareCalls = (square: SquareEmulator, path: string) =>
  square.calls().filter((call) => call.path === path);

/** A Shopify shop with two locations selling the POS's SKUs (one product per item), and a Square account. */
export interface PosWorld {
  shop: string;
  shopify: ShopifyEmulator;
  shopRecord: ShopRecord;
  square: SquareEmulator;
  client: ShopifyAdminClient;
  /** Shopify location gids by name. */
  locations: { paris: string; lyon: string };
  /** Shopify available quantity per SKU at a location gid. */
  shopifyLevels(locationGid: string): Map<string, number>;
  close(): Promise<void>;
}

export async function startPosWorld(options: {
  items: number;
  /** Shopify variants to create (default: as many as items), with the POS SKUs. */
  variants?: number;
  squareQuantity?: (i: number, location: string) => number;
  shopifyLevel?: number;
}): Promise<PosWorld> {
  const shop = uniqueShop("pos");
  const shopify = await startShopifyEmulator({
    app: APP,
    // Plus: these tests are about the POS, not about pacing Shopify's bucket (a Standard one holds them up).
    shops: [{ domain: shop, plan: "Plus", locations: [{ name: "Paris" }, { name: "Lyon" }] }],
  });
  installShopifyOriginOverride(shopify.url);
  const shopRecord = shopify.store.shop(shop);
  const [paris, lyon] = [...shopRecord.locations.values()];
  for (let i = 0; i < (options.variants ?? options.items); i++)
    createProduct(shopify.store, shopRecord, {
      title: `Article ${i}`,
      handle: `article-${i}`,
      variants: [
        {
          sku: posSku(i),
          price: "10.00",
          inventory: { [paris!.id]: options.shopifyLevel ?? 0, [lyon!.id]: options.shopifyLevel ?? 0 },
        },
      ],
    });
  const square = await startSquare(options.items, { quantity: options.squareQuantity });
  const client = new ShopifyAdminClient({ shop, accessToken: shopify.issueAccessToken(shop), maxAttempts: 10 });
  return {
    shop,
    shopify,
    shopRecord,
    square,
    client,
    locations: { paris: `gid://shopify/Location/${paris!.id}`, lyon: `gid://shopify/Location/${lyon!.id}` },
    shopifyLevels(locationGid) {
      const id = Number(locationGid.split("/").pop());
      const itemSku = new Map<number, string>();
      for (const v of shopRecord.variants.values()) itemSku.set(v.inventoryItemId, v.sku ?? "");
      const levels = new Map<string, number>();
      for (const level of shopRecord.inventoryLevels.values())
        if (level.locationId === id) levels.set(itemSku.get(level.inventoryItemId)!, level.quantities.available ?? 0);
      return levels;
    },
    close: async () => {
      await Promise.all([shopify.close(), square.close()]);
    },
  };
}

/** inventorySetQuantities calls Shopify received. */
export const shopifyWrites = (world: PosWorld) =>
  world.shopify.callLog({ shop: world.shop }).filter((c) => c.operationName === "InventorySetQuantities").length;
