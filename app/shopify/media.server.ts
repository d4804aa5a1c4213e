// Product photos in Shopify: the gateway the image sync calls. An image's bytes go from the source's
// stream straight to a staged upload target (PUT, hashed on the way), then productCreateMedia; media
// processing is followed until READY or FAILED.
import { createHash } from "node:crypto";
import { PassThrough, Readable, Transform } from "node:stream";
import { said, type Said } from "../i18n/stored-words";
import { PermanentError, TransientError, errorMessage, merchantMessageOf } from "../lib/errors";
import { assertNoUserErrors, ShopifyUserErrors, type ShopifyAdminClient } from "./admin-client.server";
import {
  FILES_DELETE,
  MEDIA_STATES,
  PRODUCTS_FOR_IMAGES,
  PRODUCT_MEDIA_ALTS,
  PRODUCT_CREATE_MEDIA,
  STAGED_IMAGE_UPLOAD,
  VARIANTS_APPEND_MEDIA,
  VARIANTS_DETACH_MEDIA,
  type MediaState,
  type ProductForImages,
} from "./operations/media";

/** Deadline of one image's upload to Shopify's storage. */
const UPLOAD_TIMEOUT_MS = 120_000;

/** Products having a variant whose SKU starts with `prefix` (Shopify's search), with their variants. */
export async function productsBySkuPrefix(client: ShopifyAdminClient, prefix: string): Promise<ProductForImages[]> {
  // A prefix search; quoted (with its star inside) only when the reference holds other characters.
  const query = /^[\w.-]+$/.test(prefix) ? `sku:${prefix}*` : `sku:"${prefix.replace(/(["\\])/g, "\\$1")}*"`;
  const { data } = await client.request(PRODUCTS_FOR_IMAGES, { query });
  return data.products.nodes;
}

/** Products having a variant whose SKU is exactly `sku` (Shopify's search), with their variants. */
export async function productsBySku(client: ShopifyAdminClient, sku: string): Promise<ProductForImages[]> {
  const { data } = await client.request(PRODUCTS_FOR_IMAGES, { query: `sku:"${sku.replace(/(["\\])/g, "\\$1")}"` });
  return data.products.nodes;
}

/** The product's media (id and alt text), up to Shopify's 250 per product. */
export async function productMedia(
  client: ShopifyAdminClient,
  productId: string,
): Promise<{ id: string; alt: string | null }[]> {
  const { data } = await client.request(PRODUCT_MEDIA_ALTS, { id: productId });
  return data.product?.media.nodes ?? [];
}

export function mimeTypeOf(name: string): string {
  const extension = /\.([a-z0-9]+)$/i.exec(name)?.[1]?.toLowerCase();
  if (extension === "png") return "image/png";
  if (extension === "gif") return "image/gif";
  if (extension === "webp") return "image/webp";
  return "image/jpeg";
}

/**
 * Streams `bytes` to a fresh staged upload target; returns the URL productCreateMedia takes and the
 * SHA-256 of what was sent. Never holds the file in memory.
 */
export async function uploadImage(
  client: ShopifyAdminClient,
  image: { name: string; size: number; bytes: Readable },
  signal?: AbortSignal,
): Promise<{ resourceUrl: string; sha256: string; size: number }> {
  const mimeType = mimeTypeOf(image.name);
  const { data } = await client.request(STAGED_IMAGE_UPLOAD, {
    filename: image.name,
    mimeType,
    fileSize: String(image.size),
  });
  const target = assertNoUserErrors("stagedUploadsCreate", data.stagedUploadsCreate).stagedTargets?.[0];
  if (!target?.url || !target.resourceUrl)
    throw new PermanentError(said("words6.shopify.noUploadTarget", { operation: "stagedUploadsCreate" }));
  const hash = createHash("sha256");
  let size = 0;
  const hashing = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      hash.update(chunk);
      size += chunk.length;
      done(null, chunk);
    },
  });
  const body = new PassThrough();
  image.bytes.on("error", (error) => body.destroy(error));
  image.bytes.pipe(hashing).pipe(body);
  const deadline = AbortSignal.any([AbortSignal.timeout(UPLOAD_TIMEOUT_MS), ...(signal ? [signal] : [])]);
  let response: Response;
  try {
    response = await fetch(target.url, {
      method: "PUT",
      headers: { "content-type": mimeType },
      body: Readable.toWeb(body) as ReadableStream,
      duplex: "half",
      signal: deadline,
    } as RequestInit);
  } catch (error) {
    image.bytes.destroy();
    throw new TransientError(
      said("words5.shopify.imageUploadFailed", {
        name: image.name,
        reason: merchantMessageOf(error) ?? errorMessage(error),
      }),
      { cause: error },
    );
  }
  if (!response.ok)
    throw new TransientError(said("shopify.imageUploadFailed", { name: image.name, status: response.status }));
  await response.arrayBuffer().catch(() => undefined);
  return { resourceUrl: target.resourceUrl, sha256: hash.digest("hex"), size };
}

export async function createProductImage(
  client: ShopifyAdminClient,
  productId: string,
  resourceUrl: string,
  alt: string,
): Promise<string> {
  const { data } = await client.request(PRODUCT_CREATE_MEDIA, { productId, originalSource: resourceUrl, alt });
  const payload = data.productCreateMedia;
  if (payload?.mediaUserErrors.length) throw new ShopifyUserErrors("productCreateMedia", payload.mediaUserErrors);
  const id = payload?.media?.[0]?.id;
  if (!id) throw new PermanentError(said("words6.shopify.noMedia", { operation: "productCreateMedia" }));
  return id;
}

/**
 * A failed media's reason is a sentence for the merchant: Shopify's own errors quoted in it, or the app's.
 * `again`: the same file may succeed on another try (Shopify was slow, or lost the media).
 */
export type MediaOutcome = { status: "READY" } | { status: "FAILED"; reason: Said; again: boolean };

/** Polls media until each is READY or FAILED; one still processing at `timeoutMs` counts as failed. */
export async function waitForMedia(
  client: ShopifyAdminClient,
  ids: string[],
  options: { timeoutMs?: number; pollMs?: number; sleep?: (ms: number) => Promise<void> } = {},
): Promise<Map<string, MediaOutcome>> {
  const outcomes = new Map<string, MediaOutcome>();
  const sleep = options.sleep ?? ((ms: number) => new Promise((resolve) => setTimeout(resolve, ms)));
  const started = Date.now();
  let pause = options.pollMs ?? 250;
  let waiting = [...ids];
  while (waiting.length) {
    for (let i = 0; i < waiting.length; i += 100) {
      const { data } = await client.request(MEDIA_STATES, { ids: waiting.slice(i, i + 100) });
      for (const [j, node] of data.nodes.entries()) {
        const id = waiting[i + j]!;
        if (!node) outcomes.set(id, { status: "FAILED", reason: said("images.mediaGone"), again: true });
        else if (node.status === "READY") outcomes.set(id, { status: "READY" });
        else if (node.status === "FAILED") outcomes.set(id, { status: "FAILED", reason: failure(node), again: false });
      }
    }
    waiting = waiting.filter((id) => !outcomes.has(id));
    if (!waiting.length) break;
    if (Date.now() - started > (options.timeoutMs ?? 5 * 60_000)) {
      for (const id of waiting)
        outcomes.set(id, { status: "FAILED", reason: said("images.stillProcessing"), again: true });
      break;
    }
    await sleep(pause);
    pause = Math.min(pause * 2, 5_000);
  }
  return outcomes;
}

const failure = (node: MediaState): Said => {
  const shopifySaid = node.mediaErrors
    .map((e) => `${e.message}${e.details ? ` (${e.details})` : ""} [${e.code}]`)
    .join("; ");
  return shopifySaid ? said("images.unusable", { reason: shopifySaid }) : said("images.notProcessed");
};

/** Shows `mediaId` on these variants, in place of any media they showed. */
export async function setVariantsImage(
  client: ShopifyAdminClient,
  productId: string,
  variants: { id: string; mediaId: string | null }[],
  mediaId: string,
): Promise<void> {
  const attached = variants.filter((v) => v.mediaId && v.mediaId !== mediaId);
  if (attached.length) {
    const { data } = await client.request(VARIANTS_DETACH_MEDIA, {
      productId,
      variantMedia: attached.map((v) => ({ variantId: v.id, mediaIds: [v.mediaId!] })),
    });
    assertNoUserErrors("productVariantDetachMedia", data.productVariantDetachMedia);
  }
  const todo = variants.filter((v) => v.mediaId !== mediaId);
  if (!todo.length) return;
  const { data } = await client.request(VARIANTS_APPEND_MEDIA, {
    productId,
    variantMedia: todo.map((v) => ({ variantId: v.id, mediaIds: [mediaId] })),
  });
  assertNoUserErrors("productVariantAppendMedia", data.productVariantAppendMedia);
}

export async function deleteMedia(client: ShopifyAdminClient, ids: string[]): Promise<void> {
  if (!ids.length) return;
  const { data } = await client.request(FILES_DELETE, { fileIds: ids });
  assertNoUserErrors("fileDelete", data.fileDelete);
}
