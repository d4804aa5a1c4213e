// Control routes for stock levels (reliability runs and benchmarks): read every SKU's `available` at
// a location in one compact answer, and move a share of them as sales would.
import type { EmulatorStore, ShopRecord } from "../store";

/** "gid://shopify/Location/12" or "12" → 12; the first location when absent. */
function locationOf(shop: ShopRecord, value: unknown): number {
  if (value === undefined || value === null || value === "") {
    const first = [...shop.locations.values()][0];
    if (!first) throw new InventoryControlError("the shop has no location");
    return first.id;
  }
  const id = Number(String(value).replace(/^gid:\/\/shopify\/Location\//, ""));
  if (!shop.locations.has(id)) throw new InventoryControlError(`no location ${String(value)}`);
  return id;
}

export class InventoryControlError extends Error {}

/** [sku, available] for every variant with a SKU and a level at the location. */
export function availableBySku(shop: ShopRecord, location: unknown): [string, number][] {
  const locationId = locationOf(shop, location);
  const rows: [string, number][] = [];
  for (const variant of shop.variants.values()) {
    if (!variant.sku) continue;
    const level = shop.inventoryLevels.get(`${variant.inventoryItemId}:${locationId}`);
    if (level) rows.push([variant.sku, level.quantities.available ?? 0]);
  }
  return rows;
}

/** Adds `delta` to `available` of every `every`th variant (from `offset`) at the location. */
export function shiftAvailable(
  store: EmulatorStore,
  shop: ShopRecord,
  input: { location?: unknown; every?: unknown; offset?: unknown; delta?: unknown },
): number {
  const every = Number(input.every ?? 1);
  const offset = Number(input.offset ?? 0);
  const delta = Number(input.delta ?? 0);
  if (!Number.isInteger(every) || every < 1 || !Number.isInteger(offset) || !Number.isInteger(delta))
    throw new InventoryControlError("every (≥ 1), offset and delta must be integers");
  const locationId = locationOf(shop, input.location);
  let changed = 0;
  let index = 0;
  for (const variant of shop.variants.values()) {
    if (index++ % every !== offset % every) continue;
    const level = store.inventoryLevel(shop, variant.inventoryItemId, locationId);
    level.quantities.available = (level.quantities.available ?? 0) + delta;
    level.updatedAt = store.timestamp();
    changed++;
  }
  return changed;
}
