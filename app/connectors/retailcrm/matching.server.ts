// "Match items" on the RetailCRM settings screen: which RetailCRM offer each Shopify SKU is matched to
// (by the offer's article, else externalId, else xmlId: the rule the stock destination and source use),
// and why a SKU matches none, in the words a stock run reports it with.
import { NO_OFFER, OfferIndex, PRODUCTS_PAGE, readProductsPage } from "./mapping.server";
import { retailCrmForShop } from "./settings.server";

export const NO_SKU_IN_SHOPIFY =
  "This variant has no SKU in Shopify, so no RetailCRM offer can be matched to it: give it the offer's article as its SKU.";

export type ItemMatch =
  | { sku: string; offerId: number; matchedBy: "article" | "externalId" | "xmlId" }
  | { sku: string; offerId: null; reason: string };

/** The account's whole catalog as an index (100 products a request, paced like every call). */
export async function retailCrmOfferIndex(shop: string): Promise<{ index: OfferIndex; offers: number }> {
  const { client } = await retailCrmForShop(shop, { timeoutMs: 20_000, maxAttempts: 3 });
  const index = new OfferIndex();
  let offers = 0;
  for (let page = 1, totalPages = 1; page <= totalPages; page++) {
    const read = readProductsPage(await client.get("/api/v5/store/products", { limit: PRODUCTS_PAGE, page }));
    for (const offer of read.offers) index.add(offer);
    offers += read.offers.length;
    totalPages = read.totalPages;
  }
  return { index, offers };
}

export function matchSku(index: OfferIndex, sku: string | null): ItemMatch {
  if (!sku) return { sku: "", offerId: null, reason: NO_SKU_IN_SHOPIFY };
  const match = index.matchOf(sku);
  return match
    ? { sku, offerId: match.offerId, matchedBy: match.by }
    : { sku, offerId: null, reason: NO_OFFER(sku).text };
}
