// Automatic basic discounts: a percentage off products, variants or collections, created with
// Shopify's checks (title, start, end after start, 0 < percentage ≤ 1, known items, no mix of
// collections and products), read back by id or listed by tag (discountNodes), and deactivated (ended now, status EXPIRED).
import { connection, type ConnectionArgs } from "../graphql/connection";
import {
  gid,
  idOf,
  notImplemented,
  userError,
  type DomainModule,
  type ResolverContext,
  type View,
} from "../graphql/context";
import { matcher } from "../graphql/search";
import { merchandisingOf, type AutomaticDiscountRecord, type CollectionRecord } from "../merchandising";
import type { ProductRecord } from "../store";
import { productView, variantView } from "./products";
import { collectionView } from "./promotions";

const state = (ctx: ResolverContext) => merchandisingOf(ctx.store, ctx.shop);

function statusOf(ctx: ResolverContext, d: AutomaticDiscountRecord): string {
  const now = ctx.store.timestamp();
  if (d.endsAt !== null && d.endsAt <= now) return "EXPIRED";
  return d.startsAt > now ? "SCHEDULED" : "ACTIVE";
}

function discountNodeView(ctx: ResolverContext, d: AutomaticDiscountRecord): View {
  const percent = Math.round(d.percentage * 100);
  const items: View = d.all
    ? { __typename: "AllDiscountItems", allItems: true }
    : d.collectionIds.length
      ? {
          __typename: "DiscountCollections",
          collections: (args: ConnectionArgs) =>
            connection(
              "CollectionConnection",
              d.collectionIds.map((id) => state(ctx).collections.get(id)).filter((c): c is CollectionRecord => !!c),
              args,
              (c) => c.id,
              (c) => collectionView(ctx, c),
            ),
        }
      : {
          __typename: "DiscountProducts",
          products: (args: ConnectionArgs) =>
            connection(
              "ProductConnection",
              d.productIds.map((id) => ctx.shop.products.get(id)).filter((p): p is ProductRecord => !!p),
              args,
              (p) => p.id,
              (p) => productView(ctx, p),
            ),
          productVariants: (args: ConnectionArgs) =>
            connection(
              "ProductVariantConnection",
              d.variantIds.map((id) => ctx.shop.variants.get(id)).filter((v) => !!v),
              args,
              (v) => v.id,
              (v) => variantView(ctx, v),
            ),
        };
  return {
    __typename: "DiscountAutomaticNode",
    id: gid("DiscountAutomaticNode", d.id),
    automaticDiscount: {
      __typename: "DiscountAutomaticBasic",
      title: d.title,
      status: statusOf(ctx, d),
      startsAt: d.startsAt,
      endsAt: d.endsAt,
      createdAt: d.createdAt,
      updatedAt: d.updatedAt,
      tags: d.tags,
      discountClass: "PRODUCT",
      discountClasses: ["PRODUCT"],
      summary: `${percent}% off ${d.collectionIds.length ? "collections" : "products"}`,
      shortSummary: `${percent}% off`,
      usageCount: 0,
      asyncUsageCount: 0,
      recurringCycleLimit: 0,
      minimumRequirement: null,
      combinesWith: {
        __typename: "DiscountCombinesWith",
        orderDiscounts: false,
        productDiscounts: false,
        shippingDiscounts: false,
        productDiscountsWithTagsOnSameCartLine: null,
      },
      customerGets: {
        __typename: "DiscountCustomerGets",
        appliesOnOneTimePurchase: true,
        appliesOnSubscription: false,
        value: { __typename: "DiscountPercentage", percentage: d.percentage },
        items,
      },
    },
  };
}

interface BasicInput {
  title?: string | null;
  startsAt?: string | null;
  endsAt?: string | null;
  tags?: string[] | null;
  customerGets?: {
    value?: { percentage?: number | null; discountAmount?: unknown; discountOnQuantity?: unknown } | null;
    items?: {
      all?: boolean | null;
      products?: { productsToAdd?: string[] | null; productVariantsToAdd?: string[] | null } | null;
      collections?: { add?: string[] | null } | null;
    } | null;
  } | null;
  [other: string]: unknown;
}

function discountAutomaticBasicCreate(args: { automaticBasicDiscount: BasicInput }, ctx: ResolverContext) {
  const input = args.automaticBasicDiscount;
  for (const key of ["minimumRequirement", "context", "recurringCycleLimit"])
    if (input[key] != null) throw notImplemented(`DiscountAutomaticBasicInput.${key}`);
  const value = input.customerGets?.value;
  if (value?.discountAmount != null || value?.discountOnQuantity != null)
    throw notImplemented("discountAutomaticBasicCreate with an amount value");
  const failed = (field: string[], message: string, code: string) => ({
    __typename: "DiscountAutomaticBasicCreatePayload",
    automaticDiscountNode: null,
    userErrors: [{ ...userError("DiscountUserError", field, message, code), extraInfo: null }],
  });
  const at = ["automaticBasicDiscount"];
  if (!input.title?.trim()) return failed([...at, "title"], "Title can't be blank", "BLANK");
  if (!input.startsAt) return failed([...at, "startsAt"], "Starts at can't be blank", "BLANK");
  if (input.endsAt && input.endsAt <= input.startsAt)
    return failed([...at, "endsAt"], "Ends at needs to be after starts_at", "END_DATE_BEFORE_START_DATE");
  const percentage = value?.percentage;
  if (percentage == null) return failed([...at, "customerGets", "value"], "Value can't be blank", "BLANK");
  if (percentage <= 0 || percentage > 1)
    return failed(
      [...at, "customerGets", "value", "percentage"],
      "Value must be between 0.0 and 1.0",
      "VALUE_OUTSIDE_RANGE",
    );
  const items = input.customerGets?.items;
  const ids = (list: string[] | null | undefined, type: string, exists: (id: number) => boolean) =>
    (list ?? []).map((g) => {
      const id = idOf(g, type);
      return id !== undefined && exists(id) ? id : null;
    });
  const productIds = ids(items?.products?.productsToAdd, "Product", (id) => ctx.shop.products.has(id));
  const variantIds = ids(items?.products?.productVariantsToAdd, "ProductVariant", (id) => ctx.shop.variants.has(id));
  const collectionIds = ids(items?.collections?.add, "Collection", (id) => state(ctx).collections.has(id));
  if ([...productIds, ...variantIds, ...collectionIds].includes(null))
    return failed([...at, "customerGets", "items"], "Some of the given items could not be found", "INVALID");
  if (!items?.all && productIds.length + variantIds.length + collectionIds.length === 0)
    return failed([...at, "customerGets", "items"], "Items must be specified", "BLANK");
  if (collectionIds.length && productIds.length + variantIds.length)
    return failed(
      [...at, "customerGets", "items"],
      "Cannot entitle collections in combination with product variants or products",
      "CONFLICT",
    );
  const now = ctx.store.timestamp();
  const discount: AutomaticDiscountRecord = {
    id: ctx.store.nextId(),
    title: input.title,
    percentage,
    productIds: productIds as number[],
    variantIds: variantIds as number[],
    collectionIds: collectionIds as number[],
    all: Boolean(items?.all),
    startsAt: input.startsAt,
    endsAt: input.endsAt ?? null,
    tags: input.tags ?? [],
    createdAt: now,
    updatedAt: now,
  };
  state(ctx).discounts.set(discount.id, discount);
  return {
    __typename: "DiscountAutomaticBasicCreatePayload",
    automaticDiscountNode: discountNodeView(ctx, discount),
    userErrors: [],
  };
}

function discountAutomaticDeactivate(args: { id: string }, ctx: ResolverContext) {
  const discount = state(ctx).discounts.get(idOf(args.id, "DiscountAutomaticNode") ?? -1);
  if (!discount)
    return {
      __typename: "DiscountAutomaticDeactivatePayload",
      automaticDiscountNode: null,
      userErrors: [
        { ...userError("DiscountUserError", ["id"], "Discount does not exist", "INVALID"), extraInfo: null },
      ],
    };
  // Deactivating ends the discount now, as the admin's "Deactivate" does.
  const now = ctx.store.timestamp();
  if (discount.endsAt === null || discount.endsAt > now) discount.endsAt = now;
  discount.updatedAt = now;
  return {
    __typename: "DiscountAutomaticDeactivatePayload",
    automaticDiscountNode: discountNodeView(ctx, discount),
    userErrors: [],
  };
}

const discountById = (ctx: ResolverContext, id: number) => {
  const d = state(ctx).discounts.get(id);
  return d ? discountNodeView(ctx, d) : null;
};

/** `discountNodes`: the automatic discounts (the only kind the emulator keeps), filtered by tag, title or id. */
function discountNodes(
  args: ConnectionArgs & { query?: string | null; sortKey?: string | null; savedSearchId?: string | null },
  ctx: ResolverContext,
) {
  if (args.savedSearchId) throw notImplemented("discountNodes(savedSearchId:)");
  if (args.sortKey && args.sortKey !== "ID") throw notImplemented(`discountNodes(sortKey: ${args.sortKey})`);
  const matches = matcher(args.query, "discountNodes", ["tag", "title", "id"]);
  const found = [...state(ctx).discounts.values()].filter((d) =>
    matches({ default: d.title, title: d.title, tag: d.tags, id: d.id }),
  );
  return connection(
    "DiscountNodeConnection",
    found,
    args,
    (d) => d.id,
    (d) => ({
      __typename: "DiscountNode",
      id: gid("DiscountNode", d.id),
      discount: (discountNodeView(ctx, d).automaticDiscount as View | undefined) ?? null,
    }),
  );
}

export const discountsModule: DomainModule = {
  query: {
    discountNodes,
    automaticDiscountNode: (args: { id: string }, ctx) =>
      discountById(ctx, idOf(args.id, "DiscountAutomaticNode") ?? -1),
  },
  mutation: { discountAutomaticBasicCreate, discountAutomaticDeactivate },
  nodes: { DiscountAutomaticNode: discountById },
};
