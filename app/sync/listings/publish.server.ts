// Publishing chosen Shopify products on a marketplace: the merchant picks a collection, a tag
// or products; they are read from Shopify and handed to every marketplace the shop set up. The
// marketplace connector refuses what it cannot list (with the reason), sends new products, and only what
// changed of listed ones. Re-sending the listed products (after changes in Shopify) goes the same way.
// A variant whose SKU the merchant ignored on the Unmatched screen is not listed (ADR 0022); a product
// left with none is passed over with that reason.
import type { CatalogDestination, ListingOutcome, ListingProduct } from "../../capabilities/catalog-destination";
import type { ShopifyAdminClient } from "../../shopify/admin-client.server";
import { listingProducts, type ProductSelection } from "../../shopify/listing-products.server";
import type { SyncReporter } from "../sync-context";
import { NO_DECISIONS, resolveSkus, type SkuResolution } from "../unmatched/decisions.server";
import { said } from "../../i18n/stored-words";

export type { ProductSelection } from "../../shopify/listing-products.server";

export interface PublishDeps {
  admin: ShopifyAdminClient;
  destinations: { id: string; name: string; destination: CatalogDestination }[];
  report: SyncReporter;
  /** The Unmatched screen's decisions (none when absent). */
  skus?: Pick<SkuResolution, "sourceSkuOf">;
}

export interface PublishResult {
  seen: number;
  listed: number;
  updated: number;
  unchanged: number;
  refused: { productId: string; reason: string }[];
  failed: { productId: string; reason: string }[];
  /** Products passed over because every variant's SKU is ignored. */
  ignored: number;
}

/** The product without the variants whose SKU is ignored; null when none is left. */
function withoutIgnored(product: ListingProduct, skus: Pick<SkuResolution, "sourceSkuOf">): ListingProduct | null {
  const variants = product.variants.filter((v) => !v.sku || skus.sourceSkuOf(v.sku) !== null);
  if (variants.length === product.variants.length) return product;
  return variants.length ? { ...product, variants } : null;
}

export async function publishProducts(deps: PublishDeps, selection: ProductSelection): Promise<PublishResult> {
  const result: PublishResult = { seen: 0, listed: 0, updated: 0, unchanged: 0, refused: [], failed: [], ignored: 0 };
  const skus = deps.skus ?? resolveSkus(NO_DECISIONS);
  for await (const read of listingProducts(deps.admin, selection)) {
    await deps.report.checkpoint();
    result.seen += read.length;
    deps.report.count({ seen: read.length });
    const page: ListingProduct[] = [];
    for (const product of read) {
      const kept = withoutIgnored(product, skus);
      if (kept) page.push(kept);
      else {
        result.ignored++;
        deps.report.skip("product", product.productId, said("unmatched.listing.allIgnored", { title: product.title }));
      }
    }
    for (const { name, destination } of deps.destinations) {
      const outcomes: ListingOutcome[] = await destination.publish(page);
      for (const o of outcomes) {
        if (o.state === "listed" || o.state === "updated") {
          result[o.state]++;
          // Counted and recorded as each page lands: a run cancelled between pages says what it had sent.
          deps.report.count({ changed: 1 });
          deps.report.change("product", o.productId, name, null, o.state);
        } else if (o.state === "unchanged") result.unchanged++;
        else {
          const reason = said("listings.refusedBy", {
            destination: name,
            reason: o.words ?? o.reason ?? said("listings.refused"),
          });
          (o.state === "refused" ? result.refused : result.failed).push({
            productId: o.productId,
            reason: reason.text,
          });
          deps.report.skip("product", o.productId, reason);
        }
      }
    }
    deps.report.progress(result.seen, null, said("listings.phase.publishing"));
  }
  return result;
}

/**
 * Products taken off a marketplace per call: a cancelled run stops before the next call, so it takes off
 * at most this many products past the cancel (a run names a few dozen products: a handful of calls).
 */
export const UNPUBLISH_BATCH = 10;

export async function unpublishProducts(
  deps: Pick<PublishDeps, "destinations" | "report">,
  productIds: string[],
): Promise<{ unlisted: number }> {
  let unlisted = 0;
  for (let i = 0; i < productIds.length; i += UNPUBLISH_BATCH) {
    const batch = productIds.slice(i, i + UNPUBLISH_BATCH);
    for (const { name, destination } of deps.destinations) {
      // Right before each call: nothing is taken off after a cancel but the call in flight.
      await deps.report.checkpoint();
      const done = await destination.unpublish(batch);
      unlisted += done.unlisted.length;
      // Counted and recorded as each call lands: a cancelled run says what it had taken off.
      for (const productId of done.unlisted) {
        deps.report.count({ changed: 1 });
        deps.report.change("product", productId, name, "listed", "unlisted");
      }
    }
    deps.report.count({ seen: batch.length });
    deps.report.progress(Math.min(i + UNPUBLISH_BATCH, productIds.length), productIds.length);
  }
  return { unlisted };
}
