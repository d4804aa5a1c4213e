// One Square seller account: locations, the catalog (items and their variations) and inventory counts
// per (variation, location, state), with the history of changes that made them.
import { randomUUID } from "node:crypto";

export interface Location {
  id: string;
  name: string;
  status: "ACTIVE" | "INACTIVE";
  currency: string;
  country: string;
  createdAt: string;
}

export interface Variation {
  id: string;
  itemId: string;
  name: string;
  sku?: string;
  upc?: string;
  priceAmount?: number;
  trackInventory: boolean;
  version: number;
  updatedAt: string;
}

export interface Item {
  id: string;
  name: string;
  version: number;
  updatedAt: string;
  variationIds: string[];
}

export interface Count {
  catalogObjectId: string;
  locationId: string;
  state: string;
  quantity: number;
  calculatedAt: string;
  /** occurred_at of the physical count the quantity is based on (older counts are not applied). */
  lastCountAt?: number;
}

export interface ChangeRecord {
  id: string;
  type: "PHYSICAL_COUNT" | "ADJUSTMENT";
  catalogObjectId: string;
  locationId: string;
  fromState?: string;
  toState?: string;
  state?: string;
  quantity: number;
  occurredAt: string;
  createdAt: string;
  source: "api" | "control";
  /** False for a physical count older than the one the count already rests on. */
  applied: boolean;
}

/** States Square does not keep a count for. */
export const UNTRACKED_STATES = new Set(["NONE", "SOLD", "UNLINKED_RETURN"]);
export const STATES = new Set([
  "CUSTOM",
  "IN_STOCK",
  "SOLD",
  "RETURNED_BY_CUSTOMER",
  "RESERVED_FOR_SALE",
  "SOLD_ONLINE",
  "ORDERED_FROM_VENDOR",
  "RECEIVED_FROM_VENDOR",
  "IN_TRANSIT_TO",
  "NONE",
  "WASTE",
  "UNLINKED_RETURN",
  "COMPOSED",
  "DECOMPOSED",
  "SUPPORTED_BY_NEWER_VERSION",
  "IN_TRANSIT",
]);

const key = (objectId: string, locationId: string, state: string) => `${objectId}\u0000${locationId}\u0000${state}`;

export class Merchant {
  readonly locations = new Map<string, Location>();
  readonly items = new Map<string, Item>();
  readonly variations = new Map<string, Variation>();
  /** Insertion order is the order counts are listed in, so cursors stay valid while counts change. */
  readonly counts = new Map<string, Count>();
  readonly changes: ChangeRecord[] = [];
  private version = 1;

  constructor(readonly merchantId: string) {}

  nextVersion(): number {
    return ++this.version;
  }

  count(objectId: string, locationId: string, state = "IN_STOCK"): Count | undefined {
    return this.counts.get(key(objectId, locationId, state));
  }

  private countFor(objectId: string, locationId: string, state: string, at: string): Count {
    const k = key(objectId, locationId, state);
    let count = this.counts.get(k);
    if (!count) {
      count = { catalogObjectId: objectId, locationId, state, quantity: 0, calculatedAt: at };
      this.counts.set(k, count);
    }
    return count;
  }

  /** Sets an absolute count; a count older than the one in force is recorded but not applied. */
  physicalCount(
    input: { objectId: string; locationId: string; state: string; quantity: number; occurredAt: string },
    now: string,
    source: ChangeRecord["source"],
  ): ChangeRecord {
    const count = this.countFor(input.objectId, input.locationId, input.state, now);
    const occurred = Date.parse(input.occurredAt);
    const applied = count.lastCountAt === undefined || occurred >= count.lastCountAt;
    if (applied) {
      count.quantity = input.quantity;
      count.lastCountAt = occurred;
      count.calculatedAt = now;
    }
    return this.record({
      type: "PHYSICAL_COUNT",
      catalogObjectId: input.objectId,
      locationId: input.locationId,
      state: input.state,
      quantity: input.quantity,
      occurredAt: input.occurredAt,
      createdAt: now,
      source,
      applied,
    });
  }

  /** Moves a quantity from one state to another; untracked states are sources and sinks. */
  adjust(
    input: {
      objectId: string;
      locationId: string;
      fromState: string;
      toState: string;
      quantity: number;
      occurredAt: string;
    },
    now: string,
    source: ChangeRecord["source"],
  ): ChangeRecord {
    if (!UNTRACKED_STATES.has(input.fromState)) {
      const from = this.countFor(input.objectId, input.locationId, input.fromState, now);
      from.quantity = round(from.quantity - input.quantity);
      from.calculatedAt = now;
    }
    if (!UNTRACKED_STATES.has(input.toState)) {
      const to = this.countFor(input.objectId, input.locationId, input.toState, now);
      to.quantity = round(to.quantity + input.quantity);
      to.calculatedAt = now;
    }
    return this.record({
      type: "ADJUSTMENT",
      catalogObjectId: input.objectId,
      locationId: input.locationId,
      fromState: input.fromState,
      toState: input.toState,
      quantity: input.quantity,
      occurredAt: input.occurredAt,
      createdAt: now,
      source,
      applied: true,
    });
  }

  private record(change: Omit<ChangeRecord, "id">): ChangeRecord {
    const full = { id: randomUUID().replace(/-/g, "").slice(0, 24).toUpperCase(), ...change };
    this.changes.push(full);
    return full;
  }

  snapshot() {
    return {
      merchantId: this.merchantId,
      locations: [...this.locations.values()],
      items: [...this.items.values()].map((item) => ({
        ...item,
        variations: item.variationIds.map((id) => this.variations.get(id)),
      })),
      counts: [...this.counts.values()].map((count) => ({ ...count, quantity: formatQuantity(count.quantity) })),
      changes: this.changes,
    };
  }
}

function round(value: number): number {
  return Math.round(value * 100_000) / 100_000;
}

/** Square quantities are decimal strings ("12", "1.5"). */
export function formatQuantity(value: number): string {
  return String(round(value));
}

export function newSquareId(): string {
  return randomUUID().replace(/-/g, "").slice(0, 24).toUpperCase();
}
