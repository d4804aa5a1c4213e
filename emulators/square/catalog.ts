// Locations and the catalog: ListLocations, ListCatalog (GET, cursor) and SearchCatalogObjects (POST,
// object_types, limit, cursor). Items carry their variations in item_data.variations, as Square does.
import { decodeCursor, encodeCursor, limitOf, stringList, type SquareMethod } from "./context";
import { SquareError } from "./errors";
import type { Item, Location, Merchant, Variation } from "./store";

export const listLocations: SquareMethod = ({ merchant }) => ({
  body: { locations: [...merchant.locations.values()].map((location) => locationView(location, merchant)) },
});

export const retrieveLocation: SquareMethod = ({ merchant, path }) => {
  const location = merchant.locations.get(path.locationId);
  if (!location) throw SquareError.notFound(`Location \`${path.locationId}\` not found.`);
  return { body: { location: locationView(location, merchant) } };
};

function locationView(location: Location, merchant: Merchant) {
  return {
    id: location.id,
    name: location.name,
    status: location.status,
    type: "PHYSICAL",
    currency: location.currency,
    country: location.country,
    merchant_id: merchant.merchantId,
    created_at: location.createdAt,
  };
}

const CATALOG_TYPES = new Set(["ITEM", "ITEM_VARIATION", "CATEGORY", "TAX", "DISCOUNT", "MODIFIER", "IMAGE"]);

export const listCatalog: SquareMethod = (context) => {
  const types = (context.query.get("types") ?? "")
    .split(",")
    .map((type) => type.trim().toUpperCase())
    .filter(Boolean);
  return page(context.merchant, types, context.query.get("cursor") ?? undefined, context.catalogPageSize);
};

export const searchCatalog: SquareMethod = ({ merchant, body }) => {
  const types = (stringList(body.object_types, "object_types") ?? []).map((type) => type.toUpperCase());
  const limit = limitOf(body.limit, "limit", 1000, 100);
  return page(merchant, types, body.cursor, limit);
};

function page(merchant: Merchant, types: string[], cursor: unknown, size: number) {
  for (const type of types)
    if (!CATALOG_TYPES.has(type)) throw SquareError.invalid("types", `Unknown catalog object type \`${type}\`.`);
  const wanted = types.length ? new Set(types) : new Set(["ITEM", "ITEM_VARIATION"]);
  // Variations listed on their own only when ITEM is not asked for (they are inside their item otherwise);
  // objects are shown only for the page, so long catalogs page cheaply.
  const objects: (() => Record<string, unknown>)[] = [];
  for (const item of merchant.items.values()) {
    if (wanted.has("ITEM")) objects.push(() => itemView(item, merchant));
    else if (wanted.has("ITEM_VARIATION"))
      for (const id of item.variationIds) objects.push(() => variationView(merchant.variations.get(id)!));
  }
  const queryKey = [...wanted].sort().join(",") + `|${size}`;
  const offset = decodeCursor(cursor, queryKey);
  const slice = objects.slice(offset, offset + size).map((show) => show());
  const next = offset + size < objects.length ? encodeCursor(offset + size, queryKey) : undefined;
  return { body: { objects: slice, ...(next ? { cursor: next } : {}) } };
}

export function itemView(item: Item, merchant: Merchant) {
  return {
    type: "ITEM",
    id: item.id,
    updated_at: item.updatedAt,
    version: item.version,
    is_deleted: false,
    present_at_all_locations: true,
    item_data: {
      name: item.name,
      variations: item.variationIds.map((id) => variationView(merchant.variations.get(id)!)),
    },
  };
}

export function variationView(variation: Variation) {
  return {
    type: "ITEM_VARIATION",
    id: variation.id,
    updated_at: variation.updatedAt,
    version: variation.version,
    is_deleted: false,
    present_at_all_locations: true,
    item_variation_data: {
      item_id: variation.itemId,
      name: variation.name,
      ...(variation.sku ? { sku: variation.sku } : {}),
      ...(variation.upc ? { upc: variation.upc } : {}),
      pricing_type: variation.priceAmount === undefined ? "VARIABLE_PRICING" : "FIXED_PRICING",
      ...(variation.priceAmount === undefined
        ? {}
        : { price_money: { amount: variation.priceAmount, currency: "EUR" } }),
      track_inventory: variation.trackInventory,
    },
  };
}
