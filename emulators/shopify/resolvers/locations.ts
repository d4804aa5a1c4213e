// Locations: where inventory is stocked (Query.locations / location, Location.inventoryLevel(s)).
import { connection, type ConnectionArgs } from "../graphql/connection";
import { gid, idOf, notImplemented, type DomainModule, type ResolverContext, type View } from "../graphql/context";
import { matcher } from "../graphql/search";
import type { LocationRecord } from "../store";
import { inventoryLevelView } from "./inventory";

export function locationView(ctx: ResolverContext, location: LocationRecord): View {
  return {
    __typename: "Location",
    id: gid("Location", location.id),
    legacyResourceId: String(location.id),
    name: location.name,
    isActive: location.isActive,
    isPrimary: firstLocation(ctx)?.id === location.id,
    fulfillsOnlineOrders: location.fulfillsOnlineOrders,
    isFulfillmentService: false,
    fulfillmentService: null,
    shipsInventory: true,
    hasActiveInventory: [...ctx.shop.inventoryLevels.values()].some((l) => l.locationId === location.id),
    hasUnfulfilledOrders: false,
    activatable: !location.isActive,
    deactivatable: location.isActive,
    deletable: false,
    deactivatedAt: location.isActive ? null : location.updatedAt,
    addressVerified: true,
    createdAt: location.createdAt,
    updatedAt: location.updatedAt,
    address: {
      __typename: "LocationAddress",
      address1: location.address.address1,
      address2: null,
      city: location.address.city,
      zip: location.address.zip,
      province: null,
      provinceCode: null,
      country: location.address.countryCode === "FR" ? "France" : location.address.countryCode,
      countryCode: location.address.countryCode,
      phone: null,
      latitude: null,
      longitude: null,
      formatted: [location.address.address1, location.address.city, location.address.countryCode].filter(Boolean),
    },
    inventoryLevel: (args: { inventoryItemId: string }) => {
      const itemId = idOf(args.inventoryItemId, "InventoryItem");
      const level = itemId === undefined ? undefined : ctx.shop.inventoryLevels.get(`${itemId}:${location.id}`);
      return level ? inventoryLevelView(ctx, level) : null;
    },
    inventoryLevels: (args: ConnectionArgs & { query?: string }) => {
      const levels = [...ctx.shop.inventoryLevels.values()].filter((l) => l.locationId === location.id);
      if (args.query) throw notImplemented("Location.inventoryLevels(query:)");
      return connection(
        "InventoryLevelConnection",
        levels,
        args,
        (l) => l.id,
        (l) => inventoryLevelView(ctx, l),
      );
    },
  };
}

function firstLocation(ctx: ResolverContext): LocationRecord | undefined {
  return [...ctx.shop.locations.values()].find((l) => l.isActive);
}

export const locationsModule: DomainModule = {
  query: {
    locations: (args: ConnectionArgs & { query?: string; includeInactive?: boolean; sortKey?: string }, ctx) => {
      if (args.sortKey && args.sortKey !== "ID" && args.sortKey !== "NAME")
        throw notImplemented(`locations(sortKey: ${args.sortKey})`);
      const matches = matcher(args.query, "locations", ["name", "id", "active"]);
      let all = [...ctx.shop.locations.values()]
        .filter((l) => args.includeInactive || l.isActive)
        .filter((l) => matches({ default: l.name, name: l.name, id: l.id, active: l.isActive }));
      if (args.sortKey === "NAME") all = all.sort((a, b) => a.name.localeCompare(b.name));
      return connection(
        "LocationConnection",
        all,
        args,
        (l) => l.id,
        (l) => locationView(ctx, l),
      );
    },
    location: (args: { id?: string | null }, ctx) => {
      if (args.id == null) {
        const primary = firstLocation(ctx);
        return primary ? locationView(ctx, primary) : null;
      }
      const location = ctx.shop.locations.get(idOf(args.id, "Location") ?? -1);
      return location ? locationView(ctx, location) : null;
    },
  },
  nodes: {
    Location: (ctx, id) => {
      const location = ctx.shop.locations.get(id);
      return location ? locationView(ctx, location) : null;
    },
  },
};
