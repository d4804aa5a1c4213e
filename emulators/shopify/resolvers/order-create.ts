// orderCreate: an order recorded through the API (a sale made elsewhere, e.g. on a marketplace). As on
// Shopify: lines name variants (or are custom lines with a title and price), `options.inventoryBehaviour`
// decides the stock (BYPASS by default; DECREMENT_OBEYING_POLICY refuses what is not available), the
// order gets its fulfillment order, and orders/create goes to the subscribers once the answer is sent.
import { idOf, userError, type DomainModule, type ResolverContext } from "../graphql/context";
import { createOrder, orderCreatePayload, type OrderInput } from "../orders";
import type { LocationRecord, VariantRecord } from "../store";
import { quantityOf } from "./inventory";
import { orderView } from "./orders";

type Input = Record<string, unknown>;

interface LineInput {
  variantId?: string | null;
  sku?: string | null;
  title?: string | null;
  quantity: number;
  priceSet?: { shopMoney?: { amount: string | number } } | null;
}

const refused = (field: string[], message: string, code: string) => ({
  __typename: "OrderCreatePayload",
  order: null,
  userErrors: [userError("OrderCreateUserError", field, message, code)],
});

const available = (ctx: ResolverContext, variant: VariantRecord, location: LocationRecord) => {
  const level = ctx.shop.inventoryLevels.get(`${variant.inventoryItemId}:${location.id}`);
  return level ? quantityOf(level, "available") : 0;
};

function orderCreate(args: { order: Input; options?: { inventoryBehaviour?: string } | null }, ctx: ResolverContext) {
  const input = args.order;
  const behaviour = args.options?.inventoryBehaviour ?? "BYPASS";
  const lines = (input.lineItems as LineInput[] | null | undefined) ?? [];
  if (!lines.length) return refused(["order", "lineItems"], "Line items must have at least one line item.", "INVALID");
  const planned: { variant?: VariantRecord; line: LineInput }[] = [];
  for (const [i, line] of lines.entries()) {
    if (!(Number.isInteger(line.quantity) && line.quantity > 0))
      return refused(["order", "lineItems", String(i), "quantity"], "Quantity must be greater than 0.", "INVALID");
    if (line.variantId != null) {
      const variant = ctx.shop.variants.get(idOf(line.variantId, "ProductVariant") ?? -1);
      if (!variant)
        return refused(["order", "lineItems", String(i), "variantId"], "Variant does not exist.", "INVALID");
      planned.push({ variant, line });
    } else {
      if (!line.title || !line.priceSet?.shopMoney)
        return refused(
          ["order", "lineItems", String(i)],
          "A line item without a variant needs a title and a price.",
          "INVALID",
        );
      planned.push({ line });
    }
  }
  // Stock is taken at the first active location that has every line (Shopify's order routing, simplified).
  const locations = [...ctx.shop.locations.values()].filter((l) => l.isActive);
  const stocked = planned.filter((p) => p.variant);
  const location =
    locations.find((l) => stocked.every((p) => available(ctx, p.variant!, l) >= p.line.quantity)) ?? locations[0];
  if (behaviour === "DECREMENT_OBEYING_POLICY") {
    for (const [i, p] of planned.entries())
      if (p.variant && (!location || available(ctx, p.variant, location) < p.line.quantity))
        return refused(
          ["order", "lineItems", String(i)],
          `Unable to reserve inventory for ${p.variant.sku ?? p.variant.title}: not enough available.`,
          "INVENTORY_CLAIM_FAILED",
        );
  }
  const orderInput: OrderInput = {
    email: (input.email as string | undefined) ?? null,
    financialStatus: (input.financialStatus as OrderInput["financialStatus"]) ?? "PENDING",
    paymentGateways: [],
    note: (input.note as string | undefined) ?? undefined,
    shippingAddress: null,
    tags: ((input.tags as string[] | undefined) ?? []).map((t) => t.trim()).filter(Boolean),
    location: location ? String(location.name) : undefined,
    lineItems: planned.map(({ variant, line }) => ({
      variantId: variant?.id,
      title: line.title ?? (variant ? ctx.shop.products.get(variant.productId)?.title : undefined),
      quantity: line.quantity,
      price: line.priceSet?.shopMoney?.amount ?? variant?.price ?? 0,
    })),
  };
  const order = createOrder(ctx.store, ctx.shop, orderInput);
  if (behaviour !== "BYPASS" && location) {
    // Sold units leave "available" and wait in "committed" until they are shipped.
    for (const { variant, line } of planned) {
      if (!variant) continue;
      const level = ctx.store.inventoryLevel(ctx.shop, variant.inventoryItemId, location.id);
      level.quantities.available = (level.quantities.available ?? 0) - line.quantity;
      level.quantities.committed = (level.quantities.committed ?? 0) + line.quantity;
      level.updatedAt = ctx.store.timestamp();
    }
  }
  ctx.emit?.("orders/create", orderCreatePayload(ctx.shop, order));
  return { __typename: "OrderCreatePayload", order: orderView(ctx, order), userErrors: [] };
}

export const orderCreateModule: DomainModule = { mutation: { orderCreate } };
