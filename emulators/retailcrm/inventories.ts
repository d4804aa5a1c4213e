// GET /api/v5/store/inventories and POST /api/v5/store/inventories/upload: leftovers and purchase prices
// of offers, per warehouse.
import type { ApiContext, ApiMethod } from "./context";
import { paginate, pageOf, RetailCrmError } from "./envelope";
import { flagOf, isRecord, jsonField, listOf, stringOf, type ParamValue } from "./params";
import type { Account, Offer } from "./store";

/** Offers per upload request; a whole catalogue goes in portions of this size. */
export const MAX_UPLOAD_OFFERS = 250;

export const listInventories: ApiMethod = (context) => {
  const filter = (isRecord(context.params.filter) ? context.params.filter : {}) as Record<string, ParamValue>;
  const page = pageOf(context.params.limit, context.params.page);
  const details = flagOf(filter.details, "filter[details]") ?? false;
  const offers = [...context.account.offers.values()].filter(inventoryFilter(context.account, filter));
  const { items, pagination } = paginate(offers, page);
  return {
    body: {
      success: true,
      pagination,
      offers: items.map((offer) => inventoryView(context.account, offer, details)),
    },
  };
};

function inventoryFilter(account: Account, filter: Record<string, ParamValue>) {
  const ids = listOf(filter.ids);
  const productExternalId = stringOf(filter.productExternalId);
  const productArticles = listOf(filter.productArticle);
  const externalIds = listOf(filter.offerExternalId);
  const xmlIds = listOf(filter.offerXmlId);
  const articles = listOf(filter.offerArticle);
  const sites = listOf(filter.sites);
  const productActive = flagOf(filter.productActive, "filter[productActive]");
  const offerActive = flagOf(filter.offerActive, "filter[offerActive]");
  return (offer: Offer) => {
    const product = account.productOf(offer);
    return (
      (!ids.length || ids.includes(String(offer.id))) &&
      (!productExternalId || product.externalId === productExternalId) &&
      (!productArticles.length || productArticles.includes(product.article ?? "")) &&
      (!externalIds.length || externalIds.includes(offer.externalId ?? "")) &&
      (!xmlIds.length || xmlIds.includes(offer.xmlId ?? "")) &&
      (!articles.length || articles.includes(offer.article ?? "")) &&
      (!sites.length || sites.includes(offer.site)) &&
      (productActive === undefined || product.active === productActive) &&
      (offerActive === undefined || offer.active === offerActive)
    );
  };
}

function inventoryView(account: Account, offer: Offer, details: boolean) {
  return {
    id: offer.id,
    ...(offer.externalId ? { externalId: offer.externalId } : {}),
    ...(offer.xmlId ? { xmlId: offer.xmlId } : {}),
    site: offer.site,
    ...(offer.purchasePrice !== undefined ? { purchasePrice: offer.purchasePrice } : {}),
    quantity: account.quantityOf(offer),
    ...(details
      ? {
          stores: [...offer.stock.entries()].map(([store, leftover]) => ({
            store,
            quantity: leftover.available,
            ...(leftover.purchasePrice !== undefined ? { purchasePrice: leftover.purchasePrice } : {}),
          })),
        }
      : {}),
  };
}

interface UploadLine {
  offer: Offer;
  leftovers: { code: string; available?: number; purchasePrice?: number }[];
}

/**
 * Applies what it can: unknown offers come back in notFoundOffers (still success); an unknown warehouse
 * makes the answer 460 (partly applied, like RetailCRM's batch methods); a malformed number refuses
 * the whole request.
 */
export const uploadInventories: ApiMethod = (context: ApiContext) => {
  const offers = jsonField(context.params, "offers");
  if (!Array.isArray(offers)) throw RetailCrmError.validation({ offers: "This value should be of type array." });
  if (offers.length === 0)
    throw RetailCrmError.validation({ offers: "This collection should contain 1 element or more." });
  if (offers.length > MAX_UPLOAD_OFFERS)
    throw RetailCrmError.inputParameters({
      offers: `This collection should contain ${MAX_UPLOAD_OFFERS} elements or less.`,
    });
  const site = typeof context.params.site === "string" && context.params.site ? context.params.site : undefined;

  const { lines, notFound, errors } = readUpload(context.account, offers, site);
  // A malformed request changes nothing.
  if (Object.keys(errors).length) throw RetailCrmError.validation(errors);
  const unknownStores: string[] = [];
  for (const line of lines) {
    for (const leftover of line.leftovers) {
      if (!context.account.warehouses.has(leftover.code)) {
        unknownStores.push(`Store with code "${leftover.code}" not found (offer ${line.offer.id})`);
        continue;
      }
      const current = line.offer.stock.get(leftover.code) ?? { available: 0 };
      const next = { ...current };
      if (leftover.available !== undefined) next.available = leftover.available;
      if (leftover.purchasePrice !== undefined) {
        next.purchasePrice = leftover.purchasePrice;
        line.offer.purchasePrice = leftover.purchasePrice;
      }
      line.offer.stock.set(leftover.code, next);
    }
  }
  const answer = { processedOffersCount: lines.length, notFoundOffers: notFound };
  if (unknownStores.length)
    throw new RetailCrmError(460, "Inventories are uploaded with errors", unknownStores, answer);
  return { body: { success: true, ...answer } };
};

function readUpload(account: Account, offers: unknown[], site: string | undefined) {
  const lines: UploadLine[] = [];
  const notFound: Record<string, unknown>[] = [];
  const errors: Record<string, string> = {};
  offers.forEach((input, i) => {
    if (!isRecord(input)) {
      errors[`offers[${i}]`] = "This value should be of type object.";
      return;
    }
    const ref = { id: input.id, externalId: input.externalId, xmlId: input.xmlId };
    if (ref.id === undefined && !ref.externalId && !ref.xmlId) {
      errors[`offers[${i}]`] = "Specify id, externalId or xmlId of the offer.";
      return;
    }
    const stores = input.stores ?? [];
    if (!Array.isArray(stores)) {
      errors[`offers[${i}].stores`] = "This value should be of type array.";
      return;
    }
    const leftovers: UploadLine["leftovers"] = [];
    stores.forEach((store: unknown, j) => {
      const at = `offers[${i}].stores[${j}]`;
      if (!isRecord(store) || typeof store.code !== "string" || !store.code) {
        errors[`${at}.code`] = "This value should not be blank.";
        return;
      }
      const available = numberOrUndefined(store.available);
      const purchasePrice = numberOrUndefined(store.purchasePrice);
      if (available === null || (available !== undefined && available < 0))
        errors[`${at}.available`] = "This value should be a number of at least 0.";
      if (purchasePrice === null || (purchasePrice !== undefined && purchasePrice < 0))
        errors[`${at}.purchasePrice`] = "This value should be a number of at least 0.";
      leftovers.push({
        code: store.code,
        available: available ?? undefined,
        purchasePrice: purchasePrice ?? undefined,
      });
    });
    const offer = account.findOffer(ref, site);
    if (!offer) {
      notFound.push(Object.fromEntries(Object.entries(ref).filter(([, v]) => v !== undefined)));
      return;
    }
    lines.push({ offer, leftovers });
  });
  return { lines, notFound, errors };
}

/** undefined when absent, null when not a finite number. */
function numberOrUndefined(value: unknown): number | undefined | null {
  if (value === undefined || value === null || value === "") return undefined;
  const n = typeof value === "number" ? value : typeof value === "string" ? Number(value) : NaN;
  return Number.isFinite(n) ? n : null;
}
