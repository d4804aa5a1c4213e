// The Inventory API: BatchRetrieveInventoryCounts (filters, limit, cursor), BatchChangeInventory
// (PHYSICAL_COUNT and ADJUSTMENT, all-or-nothing, idempotent by idempotency_key), change history, and
// inventory.count.updated for every count a batch moved.
import { randomUUID } from "node:crypto";
import { decodeCursor, encodeCursor, limitOf, stringList, type SquareContext, type SquareMethod } from "./context";
import { SquareError } from "./errors";
import { formatQuantity, STATES, UNTRACKED_STATES, type ChangeRecord, type Count, type Merchant } from "./store";

export const MAX_CHANGES = 100;

export const batchRetrieveCounts: SquareMethod = ({ merchant, body }) => {
  const objectIds = stringList(body.catalog_object_ids, "catalog_object_ids");
  const locationIds = stringList(body.location_ids, "location_ids");
  const states = stringList(body.states, "states");
  const limit = limitOf(body.limit, "limit", 1000, 100);
  let updatedAfter: number | undefined;
  if (body.updated_after !== undefined) {
    updatedAfter = typeof body.updated_after === "string" ? Date.parse(body.updated_after) : NaN;
    if (!Number.isFinite(updatedAfter)) throw SquareError.invalid("updated_after", "Expected an RFC 3339 timestamp.");
  }
  const objects = objectIds && new Set(objectIds);
  const locations = locationIds && new Set(locationIds);
  const wantedStates = states && new Set(states);
  const matching = [...merchant.counts.values()].filter(
    (count) =>
      (!objects || objects.has(count.catalogObjectId)) &&
      (!locations || locations.has(count.locationId)) &&
      (!wantedStates || wantedStates.has(count.state)) &&
      (updatedAfter === undefined || Date.parse(count.calculatedAt) > updatedAfter),
  );
  const queryKey = JSON.stringify([
    objectIds ?? null,
    locationIds ?? null,
    states ?? null,
    body.updated_after ?? null,
    limit,
  ]);
  const offset = decodeCursor(body.cursor, queryKey);
  const counts = matching.slice(offset, offset + limit).map(countView);
  const next = offset + limit < matching.length ? encodeCursor(offset + limit, queryKey) : undefined;
  return { body: { counts, ...(next ? { cursor: next } : {}) } };
};

export const retrieveCount: SquareMethod = ({ merchant, path, query }) => {
  if (!merchant.variations.has(path.objectId)) throw SquareError.notFound(`Object \`${path.objectId}\` not found.`);
  const locations = (query.get("location_ids") ?? "").split(",").filter(Boolean);
  const counts = [...merchant.counts.values()]
    .filter((count) => count.catalogObjectId === path.objectId)
    .filter((count) => !locations.length || locations.includes(count.locationId))
    .map(countView);
  return { body: { counts } };
};

export const batchRetrieveChanges: SquareMethod = ({ merchant, body }) => {
  const objectIds = stringList(body.catalog_object_ids, "catalog_object_ids");
  const locationIds = stringList(body.location_ids, "location_ids");
  const types = stringList(body.types, "types");
  const limit = limitOf(body.limit, "limit", 1000, 100);
  const matching = merchant.changes.filter(
    (change) =>
      (!objectIds || objectIds.includes(change.catalogObjectId)) &&
      (!locationIds || locationIds.includes(change.locationId)) &&
      (!types || types.includes(change.type)),
  );
  const queryKey = JSON.stringify([objectIds ?? null, locationIds ?? null, types ?? null, limit]);
  const offset = decodeCursor(body.cursor, queryKey);
  const next = offset + limit < matching.length ? encodeCursor(offset + limit, queryKey) : undefined;
  return {
    body: { changes: matching.slice(offset, offset + limit).map(changeView), ...(next ? { cursor: next } : {}) },
  };
};

type ParsedChange =
  | {
      type: "PHYSICAL_COUNT";
      objectId: string;
      locationId: string;
      state: string;
      quantity: number;
      occurredAt: string;
    }
  | {
      type: "ADJUSTMENT";
      objectId: string;
      locationId: string;
      fromState: string;
      toState: string;
      quantity: number;
      occurredAt: string;
    };

export const batchChange: SquareMethod = (context) => {
  const { body, idempotency } = context;
  const key = body.idempotency_key;
  if (key === undefined || key === null || key === "") throw SquareError.missing("idempotency_key");
  if (typeof key !== "string" || key.length > 128)
    throw SquareError.invalid("idempotency_key", "`idempotency_key` must be a string of 1 to 128 characters.");
  const fingerprint = JSON.stringify({ changes: body.changes ?? null, ignore: body.ignore_unchanged_counts ?? null });
  const seen = idempotency.get(`inventory-changes:${key}`);
  if (seen) {
    if (seen.fingerprint !== fingerprint)
      throw SquareError.badRequest(
        "IDEMPOTENCY_KEY_REUSED",
        "The idempotency key was already used for a different request.",
        "idempotency_key",
      );
    return { status: seen.status, body: seen.body };
  }
  const parsed = parseChanges(context.merchant, body.changes);
  const answer = apply(context, parsed, body.ignore_unchanged_counts !== false);
  idempotency.set(`inventory-changes:${key}`, { fingerprint, status: 200, body: answer });
  return { body: answer };
};

function apply(context: SquareContext, changes: ParsedChange[], ignoreUnchanged: boolean) {
  const { merchant, clock } = context;
  const now = clock.date().toISOString();
  const records: ChangeRecord[] = [];
  const touched = new Map<string, Count>();
  const moved = new Map<string, Count>();
  for (const change of changes) {
    if (change.type === "PHYSICAL_COUNT") {
      const before = merchant.count(change.objectId, change.locationId, change.state)?.quantity;
      if (ignoreUnchanged && before === change.quantity) {
        touch(touched, merchant, change.objectId, change.locationId, change.state);
        continue;
      }
      const record = merchant.physicalCount(change, now, "api");
      records.push(record);
      const count = touch(touched, merchant, change.objectId, change.locationId, change.state);
      if (record.applied && before !== count.quantity) moved.set(countKey(count), count);
    } else {
      records.push(merchant.adjust(change, now, "api"));
      for (const state of [change.fromState, change.toState]) {
        if (UNTRACKED_STATES.has(state)) continue;
        const count = touch(touched, merchant, change.objectId, change.locationId, state);
        moved.set(countKey(count), count);
      }
    }
  }
  if (moved.size) emitCountsUpdated(context, [...moved.values()]);
  return { counts: [...touched.values()].map(countView), changes: records.map(changeView) };
}

function touch(touched: Map<string, Count>, merchant: Merchant, objectId: string, locationId: string, state: string) {
  const count = merchant.count(objectId, locationId, state) ?? {
    catalogObjectId: objectId,
    locationId,
    state,
    quantity: 0,
    calculatedAt: new Date(0).toISOString(),
  };
  touched.set(countKey(count), count);
  return count;
}

const countKey = (count: Count) => `${count.catalogObjectId}|${count.locationId}|${count.state}`;

export function emitCountsUpdated(context: Pick<SquareContext, "webhooks">, counts: Count[]): void {
  context.webhooks.emit("inventory.count.updated", {
    type: "inventory",
    id: randomUUID(),
    object: { inventory_counts: counts.map(countView) },
  });
}

function parseChanges(merchant: Merchant, value: unknown): ParsedChange[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) throw SquareError.invalid("changes", "Expected `changes` to be an array.");
  if (value.length > MAX_CHANGES)
    throw SquareError.badRequest("INVALID_ARRAY_LENGTH", `At most ${MAX_CHANGES} changes per request.`, "changes");
  return value.map((change: unknown, index) => parseChange(merchant, change, `changes[${index}]`));
}

function parseChange(merchant: Merchant, value: unknown, field: string): ParsedChange {
  if (!value || typeof value !== "object") throw SquareError.invalid(field, "Expected an object.");
  const change = value as Record<string, unknown>;
  if (change.type === "PHYSICAL_COUNT") {
    const count = object(change.physical_count, `${field}.physical_count`);
    const common = commonFields(merchant, count, `${field}.physical_count`);
    const state = stateOf(count.state, `${field}.physical_count.state`);
    if (UNTRACKED_STATES.has(state))
      throw SquareError.invalid(`${field}.physical_count.state`, `Cannot count state ${state}.`);
    return {
      type: "PHYSICAL_COUNT",
      ...common,
      state,
      quantity: quantityOf(count.quantity, `${field}.physical_count.quantity`, true),
    };
  }
  if (change.type === "ADJUSTMENT") {
    const adjustment = object(change.adjustment, `${field}.adjustment`);
    const common = commonFields(merchant, adjustment, `${field}.adjustment`);
    const fromState = stateOf(adjustment.from_state, `${field}.adjustment.from_state`);
    const toState = stateOf(adjustment.to_state, `${field}.adjustment.to_state`);
    if (fromState === toState)
      throw SquareError.invalid(`${field}.adjustment.to_state`, "from_state and to_state must differ.");
    const quantity = quantityOf(adjustment.quantity, `${field}.adjustment.quantity`, false);
    return { type: "ADJUSTMENT", ...common, fromState, toState, quantity };
  }
  if (change.type === undefined) throw SquareError.missing(`${field}.type`);
  throw SquareError.invalid(`${field}.type`, `Unsupported change type \`${String(change.type)}\`.`);
}

function object(value: unknown, field: string): Record<string, unknown> {
  if (!value || typeof value !== "object" || Array.isArray(value)) throw SquareError.missing(field);
  return value as Record<string, unknown>;
}

function commonFields(merchant: Merchant, value: Record<string, unknown>, field: string) {
  const objectId = value.catalog_object_id;
  if (typeof objectId !== "string" || !objectId) throw SquareError.missing(`${field}.catalog_object_id`);
  if (!merchant.variations.has(objectId))
    throw SquareError.invalid(`${field}.catalog_object_id`, `Item variation \`${objectId}\` not found.`);
  const locationId = value.location_id;
  if (typeof locationId !== "string" || !locationId) throw SquareError.missing(`${field}.location_id`);
  if (!merchant.locations.has(locationId))
    throw SquareError.invalid(`${field}.location_id`, `Location \`${locationId}\` not found.`);
  const occurredAt = value.occurred_at;
  if (typeof occurredAt !== "string" || !occurredAt) throw SquareError.missing(`${field}.occurred_at`);
  if (!Number.isFinite(Date.parse(occurredAt)))
    throw SquareError.invalid(`${field}.occurred_at`, "Expected an RFC 3339 timestamp.");
  return { objectId, locationId, occurredAt };
}

function stateOf(value: unknown, field: string): string {
  if (typeof value !== "string" || !value) throw SquareError.missing(field);
  if (!STATES.has(value))
    throw SquareError.badRequest("INVALID_ENUM_VALUE", `Unknown inventory state \`${value}\`.`, field);
  return value;
}

/** A decimal string ("3", "1.5"); a count may be 0, an adjustment must be positive. */
function quantityOf(value: unknown, field: string, zeroAllowed: boolean): number {
  if (typeof value !== "string" || !/^\d+(\.\d{1,5})?$/.test(value))
    throw SquareError.invalid(field, "Expected a non-negative decimal string.");
  const quantity = Number(value);
  if (!zeroAllowed && quantity === 0) throw SquareError.invalid(field, "An adjustment quantity must be positive.");
  return quantity;
}

export function countView(count: Count) {
  return {
    catalog_object_id: count.catalogObjectId,
    catalog_object_type: "ITEM_VARIATION",
    state: count.state,
    location_id: count.locationId,
    quantity: formatQuantity(count.quantity),
    calculated_at: count.calculatedAt,
  };
}

function changeView(change: ChangeRecord) {
  const common = {
    id: change.id,
    catalog_object_id: change.catalogObjectId,
    catalog_object_type: "ITEM_VARIATION",
    location_id: change.locationId,
    quantity: formatQuantity(change.quantity),
    occurred_at: change.occurredAt,
    created_at: change.createdAt,
  };
  return change.type === "PHYSICAL_COUNT"
    ? { type: "PHYSICAL_COUNT", physical_count: { ...common, state: change.state } }
    : { type: "ADJUSTMENT", adjustment: { ...common, from_state: change.fromState, to_state: change.toState } };
}
