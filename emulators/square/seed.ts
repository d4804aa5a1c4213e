// Seeding the seller account (options.seed at start, POST /_emulator/seed later), and the demo data.
import { Merchant, newSquareId, STATES } from "./store";

export interface SquareSeedVariation {
  id?: string;
  name?: string;
  sku?: string;
  upc?: string;
  /** Price in the smallest currency unit (cents). */
  price?: number;
  trackInventory?: boolean;
  /** IN_STOCK quantity per location id. */
  counts?: Record<string, number>;
}

export interface SquareSeed {
  locations?: { id?: string; name: string; status?: "ACTIVE" | "INACTIVE"; currency?: string; country?: string }[];
  items?: { id?: string; name: string; variations?: SquareSeedVariation[] }[];
  counts?: { catalogObjectId: string; locationId: string; quantity: number; state?: string }[];
}

export class SeedError extends Error {}

export function applySeed(merchant: Merchant, seed: SquareSeed, now: Date): void {
  if (!seed || typeof seed !== "object") throw new SeedError("the seed must be an object");
  const at = now.toISOString();
  for (const location of seed.locations ?? []) {
    if (!location?.name) throw new SeedError("every location needs a name");
    const id = location.id ?? newSquareId().slice(0, 13);
    merchant.locations.set(id, {
      id,
      name: location.name,
      status: location.status ?? "ACTIVE",
      currency: location.currency ?? "EUR",
      country: location.country ?? "FR",
      createdAt: at,
    });
  }
  const counts = [...(seed.counts ?? [])];
  for (const item of seed.items ?? []) {
    if (!item?.name) throw new SeedError("every item needs a name");
    const itemId = item.id ?? newSquareId();
    const variations = item.variations?.length ? item.variations : [{ name: "Regular" }];
    const existing = merchant.items.get(itemId);
    const variationIds = existing?.variationIds ?? [];
    for (const variation of variations) {
      const id = variation.id ?? newSquareId();
      if (!variationIds.includes(id)) variationIds.push(id);
      merchant.variations.set(id, {
        id,
        itemId,
        name: variation.name ?? "Regular",
        sku: variation.sku,
        upc: variation.upc,
        priceAmount: variation.price,
        trackInventory: variation.trackInventory ?? true,
        version: merchant.nextVersion(),
        updatedAt: at,
      });
      for (const [locationId, quantity] of Object.entries(variation.counts ?? {}))
        counts.push({ catalogObjectId: id, locationId, quantity });
    }
    merchant.items.set(itemId, {
      id: itemId,
      name: item.name,
      version: merchant.nextVersion(),
      updatedAt: at,
      variationIds,
    });
  }
  for (const count of counts) {
    if (!merchant.variations.has(count.catalogObjectId))
      throw new SeedError(`no item variation ${count.catalogObjectId}`);
    if (!merchant.locations.has(count.locationId)) throw new SeedError(`no location ${count.locationId}`);
    if (typeof count.quantity !== "number" || !Number.isFinite(count.quantity))
      throw new SeedError("every count needs a numeric quantity");
    const state = count.state ?? "IN_STOCK";
    if (!STATES.has(state)) throw new SeedError(`unknown inventory state ${state}`);
    merchant.physicalCount(
      {
        objectId: count.catalogObjectId,
        locationId: count.locationId,
        state,
        quantity: count.quantity,
        occurredAt: at,
      },
      at,
      "control",
    );
  }
}

/** Two shops and a T-shirt in three sizes. */
export const DEMO_SEED: SquareSeed = {
  locations: [
    { id: "LPARIS0000001", name: "Boutique Paris" },
    { id: "LLYON00000001", name: "Boutique Lyon" },
  ],
  items: [
    {
      id: "ITEMTSHIRT000000000000001",
      name: "T-shirt",
      variations: [
        {
          id: "VARTSHIRTS00000000000001",
          name: "S",
          sku: "TSH-WHITE-S",
          price: 1990,
          counts: { LPARIS0000001: 4, LLYON00000001: 2 },
        },
        { id: "VARTSHIRTM00000000000001", name: "M", sku: "TSH-WHITE-M", price: 1990, counts: { LPARIS0000001: 7 } },
        { id: "VARTSHIRTL00000000000001", name: "L", sku: "TSH-WHITE-L", price: 1990, counts: { LLYON00000001: 0 } },
      ],
    },
  ],
};
