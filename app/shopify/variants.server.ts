// Variant prices: reading every variant's price and compare-at price (paged, or a bulk query for large
// catalogs), and writing changes grouped per product with productVariantsBulkUpdate — several calls in
// flight, paced by the client — or, for very large change sets, as one bulk mutation.
import { said } from "../i18n/stored-words";
import { PermanentError } from "../lib/errors";
import { assertNoUserErrors, ShopifyUserErrors, type ShopifyAdminClient } from "./admin-client.server";
import { runBulkMutation, startBulkQuery, type BulkOptions } from "./bulk.server";
import type { UserError } from "./operation";
import {
  PRODUCT_VARIANTS_BULK_UPDATE,
  VARIANT_PRICES_BULK_QUERY,
  VARIANT_PRICES_PAGE,
  type VariantPrice,
  type VariantPriceInput,
} from "./operations/variants";

export type { VariantPrice, VariantPriceInput } from "./operations/variants";

interface BulkLine {
  id: string;
  sku: string | null;
  price: string;
  compareAtPrice: string | null;
  product: { id: string };
}

export async function variantPrices(
  client: ShopifyAdminClient,
  mode: "paged" | "bulk",
  options: BulkOptions = {},
): Promise<() => AsyncGenerator<VariantPrice>> {
  if (mode === "bulk") {
    const lines = await startBulkQuery<BulkLine>(client, VARIANT_PRICES_BULK_QUERY, options);
    return lines;
  }
  return async function* () {
    let after: string | null = null;
    do {
      const {
        data,
      }: {
        data: {
          productVariants: { nodes: VariantPrice[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } };
        };
      } = await client.request(VARIANT_PRICES_PAGE, { first: 250, after });
      yield* data.productVariants.nodes;
      after = data.productVariants.pageInfo.hasNextPage ? data.productVariants.pageInfo.endCursor : null;
    } while (after);
  };
}

export interface PriceWriteOptions {
  concurrency?: number;
  /** From this many products on, one bulk mutation instead of one call per product (default 100:
   *  per-product calls cost ~12 points each, so 100 of them still fit a Standard bucket; the
   *  benchmark measures both ways). */
  bulkMutationFrom?: number;
  checkpoint?: () => Promise<void>;
  onProduct?: (productId: string, variants: number) => void;
}

/** Writes each product's changed variants; returns the number of Admin API calls made for it. */
export async function writeVariantPrices(
  client: ShopifyAdminClient,
  byProduct: Map<string, VariantPriceInput[]>,
  options: PriceWriteOptions = {},
): Promise<{ calls: number; mode: "per-product" | "bulk-mutation" }> {
  if (byProduct.size >= (options.bulkMutationFrom ?? 100)) {
    const errors: UserError[] = [];
    const variables = (function* () {
      for (const [productId, variants] of byProduct) yield { productId, variants };
    })();
    for await (const line of runBulkMutation<{
      data: { productVariantsBulkUpdate: { userErrors: UserError[] } | null } | null;
    }>(client, PRODUCT_VARIANTS_BULK_UPDATE.document, variables, { checkpoint: options.checkpoint })) {
      const payload = line.data?.productVariantsBulkUpdate;
      if (!payload)
        throw new PermanentError(
          said("words6.shopify.bulkLineReturnedNothing", { operation: "productVariantsBulkUpdate" }),
        );
      errors.push(...payload.userErrors);
    }
    if (errors.length) throw new ShopifyUserErrors("productVariantsBulkUpdate (bulk)", errors);
    for (const [productId, variants] of byProduct) options.onProduct?.(productId, variants.length);
    return { calls: 4, mode: "bulk-mutation" };
  }
  const queue = [...byProduct];
  let calls = 0;
  let stopped = false;
  const worker = async () => {
    for (let next = queue.shift(); next && !stopped; next = queue.shift()) {
      await options.checkpoint?.();
      const [productId, variants] = next;
      // At most 250 variants per call (Shopify's input limit); a product has at most 2,048.
      for (let i = 0; i < variants.length; i += 250) {
        calls++;
        const { data } = await client.request(PRODUCT_VARIANTS_BULK_UPDATE, {
          productId,
          variants: variants.slice(i, i + 250),
        });
        assertNoUserErrors("productVariantsBulkUpdate", data.productVariantsBulkUpdate);
      }
      options.onProduct?.(productId, variants.length);
    }
  };
  // When one worker stops (cancel, an error), the others finish the product they are writing and take
  // no other; the run ends only once nothing is in flight, so its counters match what Shopify holds.
  const settled = await Promise.allSettled(
    Array.from({ length: Math.min(options.concurrency ?? 8, queue.length) }, () =>
      worker().catch((error: unknown) => {
        stopped = true;
        throw error;
      }),
    ),
  );
  const failure = settled.find((outcome) => outcome.status === "rejected");
  if (failure) throw failure.reason;
  return { calls, mode: "per-product" };
}

/** One page of the shop's variants with their SKUs, in Shopify's order (screens listing variants). */
export async function variantSkusPage(
  client: ShopifyAdminClient,
  first: number,
  after: string | null,
): Promise<{ variants: { id: string; sku: string | null }[]; next: string | null }> {
  const { data } = await client.request(VARIANT_PRICES_PAGE, { first, after });
  const { nodes, pageInfo } = data.productVariants;
  return {
    variants: nodes.map((v) => ({ id: v.id, sku: v.sku })),
    next: pageInfo.hasNextPage ? pageInfo.endCursor : null,
  };
}
