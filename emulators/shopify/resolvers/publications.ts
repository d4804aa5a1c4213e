// Sales channels: the shop's publications (Online Store and Point of Sale) and publishablePublish for
// products and collections, read back through publishedOnPublication.
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
import { merchandisingOf } from "../merchandising";
import { productView } from "./products";
import { collectionView } from "./promotions";
import { shopView } from "./shop";

const state = (ctx: ResolverContext) => merchandisingOf(ctx.store, ctx.shop);

/** Publishable fields shared by products and collections. */
export function publishableFields(ctx: ResolverContext, ownerId: number): Record<string, unknown> {
  const on = () => state(ctx).published.get(ownerId) ?? new Set<number>();
  return {
    publishedOnPublication: (args: { publicationId: string }) =>
      on().has(idOf(args.publicationId, "Publication") ?? -1),
    publicationCount: () => on().size,
  };
}

function publishablePublish(
  args: {
    id: string;
    input: { publicationId?: string | null; channelId?: string | null; publishDate?: string | null }[];
  },
  ctx: ResolverContext,
) {
  const target = parseGid(args.id);
  const fail = (field: string[], message: string) => ({
    __typename: "PublishablePublishPayload",
    publishable: null,
    shop: shopView(ctx.shop),
    userErrors: [userError("UserError", field, message)],
  });
  const product = target?.type === "Product" ? ctx.shop.products.get(target.id) : undefined;
  const collection = target?.type === "Collection" ? state(ctx).collections.get(target.id) : undefined;
  if (target?.type !== "Product" && target?.type !== "Collection")
    throw notImplemented(`publishablePublish on ${args.id}`);
  if (!product && !collection) return fail(["id"], `${target.type} does not exist`);
  const ids: number[] = [];
  for (const [i, input] of args.input.entries()) {
    if (input.channelId || input.publishDate) throw notImplemented("PublicationInput.channelId/publishDate");
    const id = idOf(input.publicationId, "Publication");
    if (id === undefined || !state(ctx).publications.has(id))
      return fail(["input", String(i), "publicationId"], "Publication does not exist");
    ids.push(id);
  }
  let on = state(ctx).published.get(target.id);
  if (!on) state(ctx).published.set(target.id, (on = new Set()));
  for (const id of ids) on.add(id);
  return {
    __typename: "PublishablePublishPayload",
    publishable: product ? productView(ctx, product) : collectionView(ctx, collection!),
    shop: shopView(ctx.shop),
    userErrors: [],
  };
}

const publicationView = (p: { id: number; name: string }): View => ({
  __typename: "Publication",
  id: gid("Publication", p.id),
  name: p.name,
  autoPublish: false,
  supportsFuturePublishing: false,
});

export const publicationsModule: DomainModule = {
  query: {
    publications: (args: ConnectionArgs & { catalogType?: string | null }, ctx) => {
      if (args.catalogType) throw notImplemented("publications(catalogType:)");
      return connection(
        "PublicationConnection",
        [...state(ctx).publications.values()],
        args,
        (p) => p.id,
        publicationView,
      );
    },
  },
  mutation: { publishablePublish },
  nodes: {
    Publication: (ctx, id) => {
      const p = state(ctx).publications.get(id);
      return p ? publicationView(p) : null;
    },
  },
};
