// Changing photos and a product's status, for the image sync and the ready-to-sell publishing:
// fileDelete (media and files; a product's media leave the product and its variants),
// productVariantDetachMedia, and productUpdate for a product's status (other fields fail loudly).
import { idOf, notImplemented, parseGid, userError, type DomainModule, type ResolverContext } from "../graphql/context";
import { merchandisingOf } from "../merchandising";
import { productView, variantView } from "./products";

function fileDelete(args: { fileIds: string[] }, ctx: ResolverContext) {
  const media = merchandisingOf(ctx.store, ctx.shop).media;
  for (const [i, id] of args.fileIds.entries()) {
    const parsed = parseGid(id);
    const record = parsed ? media.get(parsed.id) : undefined;
    if (!record || (parsed!.type !== "MediaImage" && parsed!.type !== "GenericFile"))
      return {
        __typename: "FileDeletePayload",
        deletedFileIds: null,
        userErrors: [
          userError("FilesUserError", ["fileIds", String(i)], `File id ${id} does not exist.`, "FILE_DOES_NOT_EXIST"),
        ],
      };
  }
  for (const id of args.fileIds) media.delete(parseGid(id)!.id);
  return { __typename: "FileDeletePayload", deletedFileIds: args.fileIds, userErrors: [] };
}

function productVariantDetachMedia(
  args: { productId: string; variantMedia: { variantId: string; mediaIds: string[] }[] },
  ctx: ResolverContext,
) {
  const media = merchandisingOf(ctx.store, ctx.shop).media;
  const product = ctx.shop.products.get(idOf(args.productId, "Product") ?? -1);
  const failed = (field: string[], message: string, code: string) => ({
    __typename: "ProductVariantDetachMediaPayload",
    product: null,
    productVariants: null,
    userErrors: [userError("MediaUserError", field, message, code)],
  });
  if (!product) return failed(["productId"], "Product does not exist", "PRODUCT_DOES_NOT_EXIST");
  for (const [i, entry] of args.variantMedia.entries()) {
    const variantId = idOf(entry.variantId, "ProductVariant") ?? -1;
    if (!product.variantIds.includes(variantId))
      return failed(
        ["variantMedia", String(i), "variantId"],
        "Variant does not exist on the specified product.",
        "PRODUCT_VARIANT_DOES_NOT_EXIST_ON_PRODUCT",
      );
    for (const mediaId of entry.mediaIds) {
      const record = media.get(idOf(mediaId, "MediaImage") ?? -1);
      if (!record || !record.variantIds.includes(variantId))
        return failed(
          ["variantMedia", String(i), "mediaIds"],
          "Media is not attached to the variant.",
          "MEDIA_IS_NOT_ATTACHED_TO_VARIANT",
        );
    }
  }
  const variants = new Set<number>();
  for (const entry of args.variantMedia) {
    const variantId = idOf(entry.variantId, "ProductVariant")!;
    variants.add(variantId);
    for (const mediaId of entry.mediaIds) {
      const record = media.get(idOf(mediaId, "MediaImage")!)!;
      record.variantIds = record.variantIds.filter((id) => id !== variantId);
    }
  }
  return {
    __typename: "ProductVariantDetachMediaPayload",
    product: productView(ctx, product),
    productVariants: [...variants].map((id) => variantView(ctx, ctx.shop.variants.get(id)!)),
    userErrors: [],
  };
}

const STATUSES = ["ACTIVE", "ARCHIVED", "DRAFT"] as const;

function productUpdate(
  args: { product?: Record<string, unknown> | null; input?: unknown; media?: unknown; identifier?: unknown },
  ctx: ResolverContext,
) {
  if (args.input || args.media || args.identifier || !args.product)
    throw notImplemented("productUpdate(input:/media:/identifier:)");
  const { id, status, deleteConflictingConstrainedMetafields: _defaulted, ...given } = args.product;
  const rest = Object.fromEntries(Object.entries(given).filter(([, value]) => value !== undefined && value !== null));
  if (Object.keys(rest).length) throw notImplemented(`productUpdate(product: { ${Object.keys(rest).join(", ")} })`);
  const product = ctx.shop.products.get(idOf(id, "Product") ?? -1);
  if (!product)
    return {
      __typename: "ProductUpdatePayload",
      product: null,
      userErrors: [userError("UserError", ["id"], "Product does not exist")],
    };
  if (status !== undefined && status !== null) {
    if (!STATUSES.includes(status as (typeof STATUSES)[number])) throw notImplemented(`status ${String(status)}`);
    product.status = status as (typeof STATUSES)[number];
    product.updatedAt = ctx.store.timestamp();
  }
  return { __typename: "ProductUpdatePayload", product: productView(ctx, product), userErrors: [] };
}

export const mediaChangesModule: DomainModule = {
  mutation: { fileDelete, productVariantDetachMedia, productUpdate },
};
