// Media and files: productCreateMedia and fileCreate with Shopify's processing
// states (UPLOADED → PROCESSING → READY, or FAILED when the bytes are not an image or cannot be read),
// productVariantAppendMedia, and the views behind Product.media, ProductVariant.media and node(id:).
import { bytesAtUrl } from "../files";
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
import { merchandisingOf, type MediaRecord } from "../merchandising";
import { productView, variantView } from "./products";

/** Delays of the processing steps; a poller sees UPLOADED, then PROCESSING, then READY or FAILED. */
export const MEDIA_STEP_MS = 15;

/** The image type of `bytes` from its signature, or null when it is not an image Shopify takes. */
export function imageMimeType(bytes: Buffer): string | null {
  if (bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return "image/png";
  if (bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return "image/jpeg";
  if (bytes.subarray(0, 4).toString("latin1") === "GIF8") return "image/gif";
  if (bytes.subarray(0, 4).toString("latin1") === "RIFF" && bytes.subarray(8, 12).toString("latin1") === "WEBP")
    return "image/webp";
  return null;
}

async function readSource(ctx: ResolverContext, source: string): Promise<Buffer | undefined> {
  const stored = bytesAtUrl(ctx.shop.domain, source);
  if (stored) return stored;
  // Only local servers are reachable (tests serve images from 127.0.0.1); anything else fails to download.
  if (!/^https?:\/\/(127\.0\.0\.1|localhost)(:\d+)?\//.test(source)) return undefined;
  try {
    const response = await fetch(source);
    return response.ok ? Buffer.from(await response.arrayBuffer()) : undefined;
  } catch {
    return undefined;
  }
}

function startProcessing(ctx: ResolverContext, media: MediaRecord): void {
  const touch = () => (media.updatedAt = ctx.store.timestamp());
  setTimeout(() => {
    media.status = "PROCESSING";
    touch();
    void readSource(ctx, media.originalSource).then((bytes) => {
      setTimeout(() => {
        if (!bytes) {
          media.error = {
            code: media.kind === "IMAGE" ? "IMAGE_DOWNLOAD_FAILURE" : "GENERIC_FILE_DOWNLOAD_FAILURE",
            message: "File could not be downloaded.",
          };
          media.status = "FAILED";
        } else if (media.kind === "IMAGE" && !imageMimeType(bytes)) {
          media.error = {
            code: "UNSUPPORTED_IMAGE_FILE_TYPE",
            message: "Image processing failed: the file is not a supported image.",
          };
          media.status = "FAILED";
        } else {
          media.mimeType =
            media.kind === "IMAGE" ? imageMimeType(bytes) : (media.mimeType ?? "application/octet-stream");
          media.size = bytes.length;
          media.status = "READY";
        }
        touch();
      }, MEDIA_STEP_MS);
    });
  }, MEDIA_STEP_MS);
}

function newMedia(
  ctx: ResolverContext,
  input: { kind: MediaRecord["kind"]; productId: number | null; alt?: string | null; originalSource: string },
): MediaRecord {
  const now = ctx.store.timestamp();
  const media: MediaRecord = {
    id: ctx.store.nextId(),
    kind: input.kind,
    productId: input.productId,
    variantIds: [],
    alt: input.alt ?? null,
    originalSource: input.originalSource,
    mimeType: null,
    size: null,
    status: "UPLOADED",
    error: null,
    createdAt: now,
    updatedAt: now,
  };
  merchandisingOf(ctx.store, ctx.shop).media.set(media.id, media);
  startProcessing(ctx, media);
  return media;
}

export function mediaView(ctx: ResolverContext, m: MediaRecord): View {
  const ready = m.status === "READY";
  const url = m.originalSource;
  const errors = m.error
    ? [
        {
          __typename: m.kind === "IMAGE" ? "MediaError" : "FileError",
          code: m.error.code,
          details: null,
          message: m.error.message,
        },
      ]
    : [];
  const common = {
    id: gid(m.kind === "IMAGE" ? "MediaImage" : "GenericFile", m.id),
    alt: m.alt,
    createdAt: m.createdAt,
    updatedAt: m.updatedAt,
    fileStatus: m.status,
    fileErrors: errors.map((e) => ({ ...e, __typename: "FileError" })),
    mimeType: m.mimeType,
  };
  if (m.kind === "FILE")
    return { __typename: "GenericFile", ...common, url: ready ? m.originalSource : null, originalFileSize: m.size };
  return {
    __typename: "MediaImage",
    ...common,
    mediaContentType: "IMAGE",
    status: m.status,
    mediaErrors: errors.map((e) => ({ ...e, __typename: "MediaError" })),
    originalSource: { __typename: "MediaImageOriginalSource", url: m.originalSource, fileSize: m.size },
    image: ready
      ? {
          __typename: "Image",
          id: gid("ImageSource", m.id),
          url,
          src: url,
          originalSrc: url,
          altText: m.alt,
          width: null,
          height: null,
        }
      : null,
  };
}

function productCreateMedia(
  args: { productId: string; media: { alt?: string | null; mediaContentType: string; originalSource: string }[] },
  ctx: ResolverContext,
) {
  const product = ctx.shop.products.get(idOf(args.productId, "Product") ?? -1);
  const failed = (field: string[], message: string, code: string) => ({
    __typename: "ProductCreateMediaPayload",
    media: null,
    product: null,
    mediaUserErrors: [userError("MediaUserError", field, message, code)],
    userErrors: [userError("UserError", field, message)],
  });
  if (!product) return failed(["productId"], "Product does not exist", "PRODUCT_DOES_NOT_EXIST");
  for (const [index, input] of args.media.entries()) {
    if (input.mediaContentType !== "IMAGE")
      throw notImplemented(`productCreateMedia(mediaContentType: ${input.mediaContentType})`);
    if (!input.originalSource.trim())
      return failed(["media", String(index), "originalSource"], "Original source can't be blank", "BLANK");
  }
  const created = args.media.map((input) =>
    newMedia(ctx, { kind: "IMAGE", productId: product.id, alt: input.alt, originalSource: input.originalSource }),
  );
  return {
    __typename: "ProductCreateMediaPayload",
    media: created.map((m) => mediaView(ctx, m)),
    product: productView(ctx, product),
    mediaUserErrors: [],
    userErrors: [],
  };
}

const IMAGE_NAME = /\.(png|jpe?g|gif|webp)$/i;

function fileCreate(
  args: {
    files: { alt?: string | null; contentType?: string | null; originalSource: string; filename?: string | null }[];
  },
  ctx: ResolverContext,
) {
  const created = args.files.map((input) => {
    const type =
      input.contentType ?? (IMAGE_NAME.test(input.filename ?? input.originalSource.split("?")[0]) ? "IMAGE" : "FILE");
    if (type !== "IMAGE" && type !== "FILE") throw notImplemented(`fileCreate(contentType: ${type})`);
    return newMedia(ctx, { kind: type, productId: null, alt: input.alt, originalSource: input.originalSource });
  });
  return { __typename: "FileCreatePayload", files: created.map((m) => mediaView(ctx, m)), userErrors: [] };
}

function productVariantAppendMedia(
  args: { productId: string; variantMedia: { variantId: string; mediaIds: string[] }[] },
  ctx: ResolverContext,
) {
  const state = merchandisingOf(ctx.store, ctx.shop);
  const product = ctx.shop.products.get(idOf(args.productId, "Product") ?? -1);
  const failed = (field: string[], message: string, code: string) => ({
    __typename: "ProductVariantAppendMediaPayload",
    product: null,
    productVariants: null,
    userErrors: [userError("MediaUserError", field, message, code)],
  });
  if (!product) return failed(["productId"], "Product does not exist", "PRODUCT_DOES_NOT_EXIST");
  const seen = new Set<number>();
  for (const [i, entry] of args.variantMedia.entries()) {
    const variantId = idOf(entry.variantId, "ProductVariant") ?? -1;
    if (!product.variantIds.includes(variantId))
      return failed(
        ["variantMedia", String(i), "variantId"],
        "Variant does not exist on the specified product.",
        "PRODUCT_VARIANT_DOES_NOT_EXIST_ON_PRODUCT",
      );
    if (seen.has(variantId))
      return failed(
        ["variantMedia", String(i), "variantId"],
        "Variant is specified more than once.",
        "PRODUCT_VARIANT_SPECIFIED_MULTIPLE_TIMES",
      );
    seen.add(variantId);
    if (entry.mediaIds.length !== 1)
      return failed(
        ["variantMedia", String(i), "mediaIds"],
        "Only one mediaId is allowed per variant-media input pair.",
        "TOO_MANY_MEDIA_PER_INPUT_PAIR",
      );
    const media = state.media.get(idOf(entry.mediaIds[0], "MediaImage") ?? -1);
    if (!media || media.productId !== product.id)
      return failed(
        ["variantMedia", String(i), "mediaIds"],
        "Media does not exist on the specified product.",
        "MEDIA_DOES_NOT_EXIST_ON_PRODUCT",
      );
    if (media.status !== "READY")
      return failed(
        ["variantMedia", String(i), "mediaIds"],
        "Non-ready media cannot be attached to variants.",
        "NON_READY_MEDIA",
      );
    if ([...state.media.values()].some((m) => m.variantIds.includes(variantId)))
      return failed(
        ["variantMedia", String(i), "variantId"],
        "The variant already has attached media.",
        "PRODUCT_VARIANT_ALREADY_HAS_MEDIA",
      );
  }
  for (const entry of args.variantMedia)
    state.media.get(idOf(entry.mediaIds[0], "MediaImage")!)!.variantIds.push(idOf(entry.variantId, "ProductVariant")!);
  return {
    __typename: "ProductVariantAppendMediaPayload",
    product: productView(ctx, product),
    productVariants: [...seen].map((id) => variantView(ctx, ctx.shop.variants.get(id)!)),
    userErrors: [],
  };
}

const mediaOf = (ctx: ResolverContext, keep: (m: MediaRecord) => boolean) =>
  [...merchandisingOf(ctx.store, ctx.shop).media.values()].filter(keep);

/** Fields spread into the Product view. */
export function productMediaFields(ctx: ResolverContext, productId: number): Record<string, unknown> {
  const own = () => mediaOf(ctx, (m) => m.productId === productId);
  return {
    media: (args: ConnectionArgs & { query?: string | null; sortKey?: string | null }) => {
      if (args.query || (args.sortKey && args.sortKey !== "POSITION" && args.sortKey !== "ID"))
        throw notImplemented("Product.media(query:/sortKey:)");
      return connection(
        "MediaConnection",
        own(),
        args,
        (m) => m.id,
        (m) => mediaView(ctx, m),
      );
    },
    mediaCount: () => ({ __typename: "Count", count: own().length, precision: "EXACT" }),
    featuredMedia: () => {
      const first = own()[0];
      return first ? mediaView(ctx, first) : null;
    },
  };
}

/** Fields spread into the ProductVariant view. */
export function variantMediaFields(ctx: ResolverContext, variantId: number): Record<string, unknown> {
  return {
    media: (args: ConnectionArgs) =>
      connection(
        "MediaConnection",
        mediaOf(ctx, (m) => m.variantIds.includes(variantId)),
        args,
        (m) => m.id,
        (m) => mediaView(ctx, m),
      ),
  };
}

const byId = (kind: MediaRecord["kind"]) => (ctx: ResolverContext, id: number) => {
  const media = merchandisingOf(ctx.store, ctx.shop).media.get(id);
  return media && media.kind === kind ? mediaView(ctx, media) : null;
};

export const mediaModule: DomainModule = {
  mutation: { productCreateMedia, fileCreate, productVariantAppendMedia },
  nodes: { MediaImage: byId("IMAGE"), GenericFile: byId("FILE") },
};
