// inventorySetQuantities as of 2026-04+: the @idempotent(key:) directive is required, each quantity
// needs changeFromQuantity (compare-and-swap; explicit null opts out), the batch applies all or nothing.
import { GraphQLError, type GraphQLResolveInfo } from "graphql";
import { gid, idOf, userError, type DomainModule, type ResolverContext, type View } from "../graphql/context";
import { inventoryItemView, quantityOf } from "./inventory";
import { locationView } from "./locations";

const REASONS = [
  "correction",
  "cycle_count_available",
  "damaged",
  "movement_created",
  "movement_updated",
  "movement_received",
  "movement_canceled",
  "other",
  "promotion",
  "quality_control",
  "received",
  "reservation_created",
  "reservation_deleted",
  "reservation_updated",
  "restock",
  "safety_stock",
  "shrinkage",
];
const LIMIT = 1_000_000_000;

interface QuantityInput {
  inventoryItemId: string;
  locationId: string;
  quantity: number;
  changeFromQuantity?: number | null;
}

interface SetQuantitiesInput {
  name: string;
  reason: string;
  referenceDocumentUri?: string | null;
  quantities: QuantityInput[];
}

/** The key of the field's @idempotent directive, or a GraphQL error when it is missing. */
export function idempotencyKey(info: GraphQLResolveInfo, variables: Record<string, unknown>): string {
  const directive = info.fieldNodes[0].directives?.find((d) => d.name.value === "idempotent");
  const arg = directive?.arguments?.find((a) => a.name.value === "key")?.value;
  const key =
    arg?.kind === "StringValue" ? arg.value : arg?.kind === "Variable" ? variables[arg.name.value] : undefined;
  if (typeof key !== "string" || !key) {
    throw new GraphQLError(`The @idempotent directive with a key is required for ${info.fieldName}`, {
      extensions: { code: "BAD_REQUEST" },
    });
  }
  return key;
}

function inventorySetQuantities(args: { input: SetQuantitiesInput }, ctx: ResolverContext, info: GraphQLResolveInfo) {
  const key = idempotencyKey(info, info.variableValues);
  const fingerprint = JSON.stringify(args.input);
  const previous = ctx.shop.idempotency.get(key);
  const payload = (group: View | null, errors: View[]) => ({
    __typename: "InventorySetQuantitiesPayload",
    inventoryAdjustmentGroup: group,
    userErrors: errors,
  });
  const fail = (field: string[], message: string, code: string) =>
    payload(null, [userError("InventorySetQuantitiesUserError", field, message, code)]);
  if (previous) {
    if (previous.fingerprint !== fingerprint)
      return fail(
        ["input"],
        "The idempotency key was already used with different parameters",
        "IDEMPOTENCY_KEY_PARAMETER_MISMATCH",
      );
    return previous.result;
  }

  const { name, reason, quantities } = args.input;
  if (name !== "available" && name !== "on_hand")
    return fail(["input", "name"], `The quantity name must be available or on_hand`, "INVALID_NAME");
  if (!REASONS.includes(reason))
    return fail(["input", "reason"], `The reason ${reason} is not valid`, "INVALID_REASON");
  const seen = new Set<string>();
  const plan = [];
  for (const [i, q] of quantities.entries()) {
    const field = ["input", "quantities", String(i)];
    const item = ctx.shop.inventoryItems.get(idOf(q.inventoryItemId, "InventoryItem") ?? -1);
    if (!item)
      return fail(
        [...field, "inventoryItemId"],
        "The specified inventory item could not be found.",
        "INVALID_INVENTORY_ITEM",
      );
    const location = ctx.shop.locations.get(idOf(q.locationId, "Location") ?? -1);
    if (!location)
      return fail([...field, "locationId"], "The specified location could not be found.", "INVALID_LOCATION");
    const pair = `${item.id}:${location.id}`;
    if (seen.has(pair))
      return fail(
        field,
        "The combination of inventoryItemId and locationId must be unique.",
        "NO_DUPLICATE_INVENTORY_ITEM_ID_GROUP_ID_PAIR",
      );
    seen.add(pair);
    const level = ctx.shop.inventoryLevels.get(pair);
    if (!level)
      return fail(
        field,
        "The specified inventory item is not stocked at the location.",
        "ITEM_NOT_STOCKED_AT_LOCATION",
      );
    if (q.quantity > LIMIT)
      return fail([...field, "quantity"], `The quantity can't be higher than ${LIMIT}.`, "INVALID_QUANTITY_TOO_HIGH");
    if (q.quantity < -LIMIT)
      return fail([...field, "quantity"], `The quantity can't be lower than -${LIMIT}.`, "INVALID_QUANTITY_TOO_LOW");
    if (name === "on_hand" && q.quantity < 0)
      return fail([...field, "quantity"], "The on_hand quantity can't be negative.", "INVALID_QUANTITY_NEGATIVE");
    if (!("changeFromQuantity" in q)) {
      return fail(
        [...field, "changeFromQuantity"],
        "changeFromQuantity is required (pass null to skip the check).",
        "COMPARE_QUANTITY_REQUIRED",
      );
    }
    if (q.changeFromQuantity !== null && q.changeFromQuantity !== quantityOf(level, name)) {
      return fail(
        [...field, "changeFromQuantity"],
        "The specified compare quantity does not match the current quantity.",
        "CHANGE_FROM_QUANTITY_STALE",
      );
    }
    plan.push({ level, quantity: q.quantity });
  }

  const now = ctx.store.timestamp();
  const changes: { name: string; delta: number; after: number; itemId: number; locationId: number }[] = [];
  for (const { level, quantity } of plan) {
    const availableBefore = quantityOf(level, "available");
    const onHandBefore = quantityOf(level, "on_hand");
    level.quantities.available = name === "available" ? quantity : availableBefore + (quantity - onHandBefore);
    level.updatedAt = now;
    const delta = quantityOf(level, "available") - availableBefore;
    if (delta === 0) continue;
    for (const changed of ["available", "on_hand"]) {
      changes.push({
        name: changed,
        delta,
        after: quantityOf(level, changed),
        itemId: level.inventoryItemId,
        locationId: level.locationId,
      });
    }
  }
  const groupId = ctx.store.nextId();
  const group: View = {
    __typename: "InventoryAdjustmentGroup",
    id: gid("InventoryAdjustmentGroup", groupId),
    createdAt: now,
    reason,
    referenceDocumentUri: args.input.referenceDocumentUri ?? null,
    staffMember: null,
    changes: (filter: { inventoryItemIds?: string[]; locationIds?: string[]; quantityNames?: string[] }) =>
      changes
        .filter((c) => !filter.quantityNames || filter.quantityNames.includes(c.name))
        .filter(
          (c) =>
            !filter.inventoryItemIds ||
            filter.inventoryItemIds.map((id) => idOf(id, "InventoryItem")).includes(c.itemId),
        )
        .filter(
          (c) => !filter.locationIds || filter.locationIds.map((id) => idOf(id, "Location")).includes(c.locationId),
        )
        .map((c) => ({
          __typename: "InventoryChange",
          name: c.name,
          delta: c.delta,
          quantityAfterChange: c.after,
          ledgerDocumentUri: null,
          item: () => inventoryItemView(ctx, ctx.shop.inventoryItems.get(c.itemId)!),
          location: () => locationView(ctx, ctx.shop.locations.get(c.locationId)!),
        })),
  };
  const result = payload(group, []);
  ctx.shop.idempotency.set(key, { fingerprint, result });
  return result;
}

export const inventoryMutationsModule: DomainModule = {
  mutation: { inventorySetQuantities },
};
