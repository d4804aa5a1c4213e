// Promotions: tagsAdd/tagsRemove on products (orders stay with order-mutations.ts) and collections
// with their products (collections/collection, Product.collections). Discounts are in discounts.ts,
// sales channels in publications.ts.
import { connection, type ConnectionArgs } from "../graphql/connection";
import {
  gid,
  idOf,
  notImplemented,
  parseGid,
  userError,
  type DomainModule,
  type ResolverContext,
  type View,
} from "../graphql/context";
import { matcher } from "../graphql/search";
import { merchandisingOf, type CollectionRecord } from "../merchandising";
import type { ProductRecord } from "../store";
import { orderMutationsModule } from "./order-mutations";
import { productView } from "./products";
import { publishableFields } from "./publications";

const state = (ctx: ResolverContext) => merchandisingOf(ctx.store, ctx.shop);
type TagsResolver = (args: { id: string; tags: string[] | string }, ctx: ResolverContext) => unknown;
// Read at call time: the modules import each other through the executor.
const orderTagsAdd: TagsResolver = (args, ctx) => (orderMutationsModule.mutation!.tagsAdd as TagsResolver)(args, ctx);

const splitTags = (tags: string[] | string) =>
  (Array.isArray(tags) ? tags : tags.split(",")).map((t) => t.trim()).filter(Boolean);

function productTags(kind: "add" | "remove"): TagsResolver {
  const typename = kind === "add" ? "TagsAddPayload" : "TagsRemovePayload";
  return (args, ctx) => {
    const target = parseGid(args.id);
    if (target?.type === "Order" && kind === "add") return orderTagsAdd(args, ctx);
    if (target?.type !== "Product") throw notImplemented(`tags${kind === "add" ? "Add" : "Remove"} on ${args.id}`);
    const product = ctx.shop.products.get(target.id);
    if (!product)
      return {
        __typename: typename,
        node: null,
        userErrors: [userError("UserError", ["id"], "Product does not exist")],
      };
    const tags = splitTags(args.tags);
    if (kind === "add")
      for (const tag of tags)
        if (!product.tags.some((t) => t.toLowerCase() === tag.toLowerCase())) product.tags.push(tag);
    if (kind === "remove")
      product.tags = product.tags.filter((t) => !tags.some((tag) => tag.toLowerCase() === t.toLowerCase()));
    product.updatedAt = ctx.store.timestamp();
    return { __typename: typename, node: productView(ctx, product), userErrors: [] };
  };
}

export function collectionView(ctx: ResolverContext, c: CollectionRecord): View {
  const products = () => c.productIds.map((id) => ctx.shop.products.get(id)).filter((p): p is ProductRecord => !!p);
  return {
    __typename: "Collection",
    id: gid("Collection", c.id),
    legacyResourceId: String(c.id),
    title: c.title,
    handle: c.handle,
    updatedAt: c.updatedAt,
    productsCount: () => ({ __typename: "Count", count: products().length, precision: "EXACT" }),
    products: (args: ConnectionArgs & { sortKey?: string | null }) => {
      if (args.sortKey && args.sortKey !== "MANUAL" && args.sortKey !== "COLLECTION_DEFAULT")
        throw notImplemented(`Collection.products(sortKey: ${args.sortKey})`);
      return connection(
        "ProductConnection",
        products(),
        args,
        (p) => p.id,
        (p) => productView(ctx, p),
      );
    },
    hasProduct: (args: { id: string }) => c.productIds.includes(idOf(args.id, "Product") ?? -1),
    ...publishableFields(ctx, c.id),
  };
}

/** Fields spread into the Product view: its collections and publications. */
export function productPromotionFields(ctx: ResolverContext, productId: number): Record<string, unknown> {
  return {
    collections: (args: ConnectionArgs & { query?: string | null; sortKey?: string | null }) => {
      if (args.query || (args.sortKey && args.sortKey !== "ID"))
        throw notImplemented("Product.collections(query:/sortKey:)");
      const all = [...state(ctx).collections.values()].filter((c) => c.productIds.includes(productId));
      return connection(
        "CollectionConnection",
        all,
        args,
        (c) => c.id,
        (c) => collectionView(ctx, c),
      );
    },
    ...publishableFields(ctx, productId),
  };
}

const collectionById = (ctx: ResolverContext, id: number) => {
  const c = state(ctx).collections.get(id);
  return c ? collectionView(ctx, c) : null;
};

export const promotionsModule: DomainModule = {
  query: {
    collections: (
      args: ConnectionArgs & { query?: string | null; sortKey?: string | null; savedSearchId?: string | null },
      ctx,
    ) => {
      if (args.savedSearchId || (args.sortKey && args.sortKey !== "ID"))
        throw notImplemented("collections(savedSearchId:/sortKey:)");
      const matches = matcher(args.query, "collections", ["title", "handle", "id"]);
      const all = [...state(ctx).collections.values()].filter((c) =>
        matches({ default: c.title, title: c.title, handle: c.handle, id: c.id }),
      );
      return connection(
        "CollectionConnection",
        all,
        args,
        (c) => c.id,
        (c) => collectionView(ctx, c),
      );
    },
    collection: (args: { id: string }, ctx) => collectionById(ctx, idOf(args.id, "Collection") ?? -1),
  },
  mutation: {
    tagsAdd: productTags("add"),
    tagsRemove: productTags("remove"),
  },
  nodes: {
    Collection: collectionById,
  },
};
