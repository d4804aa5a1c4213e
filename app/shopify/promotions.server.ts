// What promotions ask of Shopify: a collection's products, the variants (with prices) of a set of
// products, a tag added to or removed from many products (one call each, or one bulk mutation from
// `bulkFrom` products on), and an automatic basic discount created, found by its tag, or deactivated.
import { said } from "../i18n/stored-words";
import { PermanentError } from "../lib/errors";
import { assertNoUserErrors, ShopifyUserErrors, type ShopifyAdminClient } from "./admin-client.server";
import { runBulkMutation, type BulkOptions } from "./bulk.server";
import type { AdminOperation, UserError } from "./operation";
import {
  AUTOMATIC_DISCOUNT_CREATE,
  AUTOMATIC_DISCOUNT_DEACTIVATE,
  COLLECTION_PRODUCTS,
  DISCOUNTS_BY_TAG,
  PRODUCT_TAGS_ADD,
  PRODUCT_TAGS_REMOVE,
  PRODUCT_VARIANT_PRICES,
  type AutomaticDiscountInput,
} from "./operations/promotions";
import type { VariantPrice } from "./operations/variants";
import { variantPrices } from "./variants.server";

/** The products of a collection, or null when the shop has no such collection. */
export async function collectionProducts(
  client: ShopifyAdminClient,
  collectionId: string,
): Promise<{ title: string; productIds: string[] } | null> {
  const productIds: string[] = [];
  let title = "";
  let after: string | null = null;
  do {
    const { data }: { data: (typeof COLLECTION_PRODUCTS)["__data"] & object } = await client.request(
      COLLECTION_PRODUCTS,
      { id: collectionId, first: 250, after },
    );
    if (!data.collection) return null;
    title = data.collection.title;
    productIds.push(...data.collection.products.nodes.map((n) => n.id));
    after = data.collection.products.pageInfo.hasNextPage ? data.collection.products.pageInfo.endCursor : null;
  } while (after);
  return { title, productIds };
}

export interface ProductVariantsOptions extends BulkOptions {
  /** From this many products on, read every variant of the shop (a bulk query) and keep theirs. */
  shopWideFrom?: number;
  readMode?: "paged" | "bulk";
}

const numericId = (gid: string) => /\/(\d+)$/.exec(gid)?.[1] ?? gid;

/** Every variant of these products with its price and compare-at. */
export async function variantsOfProducts(
  client: ShopifyAdminClient,
  productIds: Iterable<string>,
  options: ProductVariantsOptions = {},
): Promise<VariantPrice[]> {
  const wanted = new Set(productIds);
  const found: VariantPrice[] = [];
  if (wanted.size >= (options.shopWideFrom ?? 50)) {
    const lines = await variantPrices(client, options.readMode ?? "bulk", options);
    for await (const variant of lines()) if (wanted.has(variant.product.id)) found.push(variant);
    return found;
  }
  for (const productId of wanted) {
    await options.checkpoint?.();
    let after: string | null = null;
    do {
      const { data }: { data: (typeof PRODUCT_VARIANT_PRICES)["__data"] & object } = await client.request(
        PRODUCT_VARIANT_PRICES,
        { query: `product_id:${numericId(productId)}`, first: 250, after },
      );
      found.push(...data.productVariants.nodes);
      after = data.productVariants.pageInfo.hasNextPage ? data.productVariants.pageInfo.endCursor : null;
    } while (after);
  }
  return found;
}

export interface TagWriteOptions extends BulkOptions {
  /** From this many products on, one bulk mutation (default 100). */
  bulkFrom?: number;
  concurrency?: number;
  onProduct?: () => void;
}

/** Adds or removes `tag` on every product; returns how it was written. */
export async function changeProductTags(
  client: ShopifyAdminClient,
  kind: "add" | "remove",
  productIds: string[],
  tag: string,
  options: TagWriteOptions = {},
): Promise<"per-product" | "bulk-mutation"> {
  const operation = (kind === "add" ? PRODUCT_TAGS_ADD : PRODUCT_TAGS_REMOVE) as AdminOperation<
    Record<string, { userErrors: UserError[] } | null>,
    { id: string; tags: string[] }
  >;
  const field = kind === "add" ? "tagsAdd" : "tagsRemove";
  if (productIds.length === 0) return "per-product";
  if (productIds.length >= (options.bulkFrom ?? 100)) {
    const errors: UserError[] = [];
    for await (const line of runBulkMutation<{
      data: Record<string, { userErrors: UserError[] } | null> | null;
    }>(
      client,
      operation.document,
      productIds.map((id) => ({ id, tags: [tag] })),
      options,
    )) {
      const payload = line.data?.[field];
      if (!payload) throw new PermanentError(said("words6.shopify.bulkLineReturnedNothing", { operation: field }));
      errors.push(...payload.userErrors);
      options.onProduct?.();
    }
    if (errors.length) throw new ShopifyUserErrors(`${field} (bulk)`, errors);
    return "bulk-mutation";
  }
  const queue = [...productIds];
  const worker = async () => {
    for (let id = queue.shift(); id; id = queue.shift()) {
      await options.checkpoint?.();
      const { data } = await client.request(operation, { id, tags: [tag] });
      assertNoUserErrors(field, data[field]);
      options.onProduct?.();
    }
  };
  await Promise.all(Array.from({ length: Math.min(options.concurrency ?? 4, queue.length) }, worker));
  return "per-product";
}

export async function createAutomaticDiscount(
  client: ShopifyAdminClient,
  discount: AutomaticDiscountInput,
): Promise<string> {
  const { data } = await client.request(AUTOMATIC_DISCOUNT_CREATE, { discount });
  const node = assertNoUserErrors(
    "discountAutomaticBasicCreate",
    data.discountAutomaticBasicCreate,
  ).automaticDiscountNode;
  if (!node) throw new PermanentError(said("words6.shopify.noDiscount", { operation: "discountAutomaticBasicCreate" }));
  return node.id;
}

/**
 * The automatic basic discount carrying `tag`, as a DiscountAutomaticNode id, or null. Shopify numbers a
 * discount once: its DiscountNode and its DiscountAutomaticNode share the number.
 */
export async function automaticDiscountWithTag(client: ShopifyAdminClient, tag: string): Promise<string | null> {
  const { data } = await client.request(DISCOUNTS_BY_TAG, { query: `tag:${JSON.stringify(tag)}` });
  const node = data.discountNodes.nodes.find((n) => n.discount.__typename === "DiscountAutomaticBasic");
  return node ? `gid://shopify/DiscountAutomaticNode/${numericId(node.id)}` : null;
}

/** Deactivates the discount; one Shopify no longer has counts as done. */
export async function deactivateAutomaticDiscount(client: ShopifyAdminClient, id: string): Promise<void> {
  const { data } = await client.request(AUTOMATIC_DISCOUNT_DEACTIVATE, { id });
  const payload = data.discountAutomaticDeactivate;
  if (payload?.userErrors.some((e) => /does not exist/i.test(e.message))) return;
  assertNoUserErrors("discountAutomaticDeactivate", payload);
}
