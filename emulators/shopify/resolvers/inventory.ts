// Inventory items (one per variant) and their levels per location, with named quantities.
import { GraphQLError } from "graphql";
import { connection, type ConnectionArgs } from "../graphql/connection";
import { gid, idOf, type DomainModule, type ResolverContext, type View } from "../graphql/context";
import { matcher } from "../graphql/search";
import type { InventoryItemRecord, InventoryLevelRecord, VariantRecord } from "../store";
import { locationView } from "./locations";
import { variantView } from "./products";

/** The quantity names Shopify accepts; `on_hand` is the sum of the states a unit can be in. */
export const QUANTITY_NAMES = [
  "available",
  "committed",
  "damaged",
  "incoming",
  "on_hand",
  "quality_control",
  "reserved",
  "safety_stock",
];
const ON_HAND_PARTS = ["available", "committed", "damaged", "quality_control", "reserved", "safety_stock"];

export function quantityOf(level: InventoryLevelRecord, name: string): number {
  if (name === "on_hand") return ON_HAND_PARTS.reduce((sum, part) => sum + (level.quantities[part] ?? 0), 0);
  return level.quantities[name] ?? 0;
}

export function availableOf(ctx: ResolverContext, variant: VariantRecord): number {
  let total = 0;
  for (const level of ctx.shop.inventoryLevels.values()) {
    if (level.inventoryItemId === variant.inventoryItemId) total += quantityOf(level, "available");
  }
  return total;
}

export function inventoryLevelView(ctx: ResolverContext, level: InventoryLevelRecord): View {
  return {
    __typename: "InventoryLevel",
    id: `${gid("InventoryLevel", level.id)}?inventory_item_id=${level.inventoryItemId}`,
    isActive: true,
    canDeactivate: true,
    deactivationAlert: null,
    createdAt: level.updatedAt,
    updatedAt: level.updatedAt,
    item: () => inventoryItemView(ctx, ctx.shop.inventoryItems.get(level.inventoryItemId)!),
    location: () => locationView(ctx, ctx.shop.locations.get(level.locationId)!),
    quantities: (args: { names: string[] }) =>
      args.names.map((name) => {
        if (!QUANTITY_NAMES.includes(name)) {
          throw new GraphQLError(
            `The quantity name '${name}' is not valid. Valid names are: ${QUANTITY_NAMES.join(", ")}.`,
            { extensions: { code: "BAD_REQUEST" } },
          );
        }
        return {
          __typename: "InventoryQuantity",
          id: `${gid("InventoryQuantity", level.id)}?inventory_item_id=${level.inventoryItemId}&name=${name}`,
          name,
          quantity: quantityOf(level, name),
          updatedAt: level.updatedAt,
        };
      }),
  };
}

export function inventoryItemView(ctx: ResolverContext, item: InventoryItemRecord): View {
  const variant = ctx.shop.variants.get(item.variantId)!;
  const levels = () => [...ctx.shop.inventoryLevels.values()].filter((l) => l.inventoryItemId === item.id);
  return {
    __typename: "InventoryItem",
    id: gid("InventoryItem", item.id),
    legacyResourceId: String(item.id),
    sku: variant.sku,
    tracked: item.tracked,
    requiresShipping: item.requiresShipping,
    // Lazy: computing it scans every variant, which a bulk read of 100k items cannot afford per item.
    duplicateSkuCount: () =>
      variant.sku ? [...ctx.shop.variants.values()].filter((v) => v.sku === variant.sku).length - 1 : 0,
    countryCodeOfOrigin: null,
    provinceCodeOfOrigin: null,
    harmonizedSystemCode: null,
    unitCost: null,
    inventoryHistoryUrl: null,
    // Shopify answers a weight of 0 in the shop's unit for an item that was never given one.
    measurement: {
      __typename: "InventoryItemMeasurement",
      id: gid("InventoryItemMeasurement", item.id),
      weight: {
        __typename: "Weight",
        unit: item.weight?.unit ?? "KILOGRAMS",
        value: item.weight?.value ?? 0,
      },
    },
    createdAt: item.createdAt,
    updatedAt: item.updatedAt,
    locationsCount: () => ({ __typename: "Count", count: levels().length, precision: "EXACT" }),
    variant: () => variantView(ctx, variant),
    inventoryLevel: (args: { locationId: string }) => {
      const level = ctx.shop.inventoryLevels.get(`${item.id}:${idOf(args.locationId, "Location")}`);
      return level ? inventoryLevelView(ctx, level) : null;
    },
    inventoryLevels: (args: ConnectionArgs) =>
      connection(
        "InventoryLevelConnection",
        levels(),
        args,
        (l) => l.id,
        (l) => inventoryLevelView(ctx, l),
      ),
  };
}

export const inventoryModule: DomainModule = {
  query: {
    inventoryItem: (args: { id: string }, ctx) => {
      const item = ctx.shop.inventoryItems.get(idOf(args.id, "InventoryItem") ?? -1);
      return item ? inventoryItemView(ctx, item) : null;
    },
    inventoryItems: (args: ConnectionArgs & { query?: string }, ctx) => {
      const matches = matcher(args.query, "inventoryItems", ["sku", "id"]);
      const all = [...ctx.shop.inventoryItems.values()].filter((item) => {
        const sku = ctx.shop.variants.get(item.variantId)?.sku ?? null;
        return matches({ default: sku, sku, id: item.id });
      });
      return connection(
        "InventoryItemConnection",
        all,
        args,
        (i) => i.id,
        (i) => inventoryItemView(ctx, i),
      );
    },
    inventoryLevel: (args: { id: string }, ctx) => {
      const id = idOf(args.id, "InventoryLevel");
      const level = [...ctx.shop.inventoryLevels.values()].find((l) => l.id === id);
      return level ? inventoryLevelView(ctx, level) : null;
    },
  },
  nodes: {
    InventoryItem: (ctx, id) => {
      const item = ctx.shop.inventoryItems.get(id);
      return item ? inventoryItemView(ctx, item) : null;
    },
    InventoryLevel: (ctx, id) => {
      const level = [...ctx.shop.inventoryLevels.values()].find((l) => l.id === id);
      return level ? inventoryLevelView(ctx, level) : null;
    },
  },
};
