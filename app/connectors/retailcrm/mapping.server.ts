// RetailCRM's shapes, read and written here only: the catalog's offers (to match the shop's SKUs), the
// upload's offers, the warehouses, the integration module.
import { said } from "../../i18n/stored-words";
import { ExternalSystemError } from "../../lib/errors";
import type { RetailCrmAnswer } from "./client.server";

/** Offers per upload request (seed 002: "portions of not more than 250"). */
export const MAX_UPLOAD_OFFERS = 250;
/** Products per catalog page (RetailCRM accepts 20, 50 or 100). */
export const PRODUCTS_PAGE = 100;

export const NO_OFFER = (sku: string) => said("retailcrm.noOffer", { sku });
export const OFFER_GONE = said("retailcrm.offerGone");

export interface RetailCrmOfferRef {
  id: number;
  article?: string;
  externalId?: string;
  xmlId?: string;
}

/**
 * SKU → offer id. A SKU is matched to the offer whose article is the SKU (how merchants usually key
 * variants in RetailCRM, and what the demo account does: article "TSH-BIO|BLANC|S"); failing that,
 * to the offer whose externalId, then xmlId, is the SKU (catalogs loaded by API or ICML with the SKU
 * as id). The first offer met wins within a kind.
 */
export class OfferIndex {
  private readonly byArticle = new Map<string, number>();
  private readonly byExternalId = new Map<string, number>();
  private readonly byXmlId = new Map<string, number>();

  add(offer: RetailCrmOfferRef): void {
    if (offer.article && !this.byArticle.has(offer.article)) this.byArticle.set(offer.article, offer.id);
    if (offer.externalId && !this.byExternalId.has(offer.externalId)) this.byExternalId.set(offer.externalId, offer.id);
    if (offer.xmlId && !this.byXmlId.has(offer.xmlId)) this.byXmlId.set(offer.xmlId, offer.id);
  }

  offerOf(sku: string): number | undefined {
    return this.byArticle.get(sku) ?? this.byExternalId.get(sku) ?? this.byXmlId.get(sku);
  }

  /** The offer a SKU matches and by which of its fields (what the merchant is shown). */
  matchOf(sku: string): { offerId: number; by: "article" | "externalId" | "xmlId" } | undefined {
    const article = this.byArticle.get(sku);
    if (article !== undefined) return { offerId: article, by: "article" };
    const externalId = this.byExternalId.get(sku);
    if (externalId !== undefined) return { offerId: externalId, by: "externalId" };
    const xmlId = this.byXmlId.get(sku);
    return xmlId !== undefined ? { offerId: xmlId, by: "xmlId" } : undefined;
  }
}

/** The offers of one page of GET /api/v5/store/products, and how many pages there are. */
export function readProductsPage(answer: RetailCrmAnswer): { offers: RetailCrmOfferRef[]; totalPages: number } {
  const products = answer.products;
  if (!Array.isArray(products)) throw unreadable("store/products");
  const offers: RetailCrmOfferRef[] = [];
  for (const product of products as { offers?: unknown }[]) {
    for (const offer of Array.isArray(product?.offers) ? (product.offers as Record<string, unknown>[]) : []) {
      if (typeof offer?.id !== "number") continue;
      offers.push({
        id: offer.id,
        article: textOf(offer.article),
        externalId: textOf(offer.externalId),
        xmlId: textOf(offer.xmlId),
      });
    }
  }
  const pagination = answer.pagination as { totalPageCount?: unknown } | undefined;
  const totalPages = typeof pagination?.totalPageCount === "number" ? pagination.totalPageCount : 1;
  return { offers, totalPages };
}

export interface UploadLine {
  offerId: number;
  available: number;
  /** Only when the stock source gives one; the neutral StockLevel has none today. */
  purchasePrice?: number;
}

/** The `offers` field of POST /api/v5/store/inventories/upload for one warehouse. */
export function uploadOffers(lines: UploadLine[], storeCode: string) {
  return lines.map((line) => ({
    id: line.offerId,
    stores: [
      {
        code: storeCode,
        available: line.available,
        ...(line.purchasePrice !== undefined ? { purchasePrice: line.purchasePrice } : {}),
      },
    ],
  }));
}

/** The offer ids an upload answered as not found. */
export function notFoundOfferIds(answer: Record<string, unknown>): Set<number> {
  const ids = new Set<number>();
  for (const ref of Array.isArray(answer.notFoundOffers) ? (answer.notFoundOffers as Record<string, unknown>[]) : []) {
    const id = Number(ref?.id);
    if (Number.isFinite(id)) ids.add(id);
  }
  return ids;
}

export interface RetailCrmStore {
  code: string;
  name: string;
  active: boolean;
}

export function readStores(answer: RetailCrmAnswer): RetailCrmStore[] {
  const stores = answer.stores;
  if (!Array.isArray(stores)) throw unreadable("reference/stores");
  return (stores as Record<string, unknown>[]).flatMap((s) =>
    typeof s?.code === "string" ? [{ code: s.code, name: textOf(s.name) ?? s.code, active: s.active !== false }] : [],
  );
}

export interface ModuleRegistration {
  code: string;
  name: string;
  baseUrl: string;
  clientId: string;
  logo: string;
  /** Path of the inventoriesUpload callback under baseUrl. */
  inventoriesUploadPath: string;
  callPoints: string[];
}

/** The `integrationModule` field of POST /api/v5/integration-modules/{code}/edit. */
export function integrationModule(registration: ModuleRegistration) {
  return {
    code: registration.code,
    integrationCode: registration.code,
    active: true,
    name: registration.name,
    logo: registration.logo,
    baseUrl: registration.baseUrl,
    clientId: registration.clientId,
    integrations: {
      store: {
        actions: [
          { code: "inventoriesUpload", url: registration.inventoriesUploadPath, callPoints: registration.callPoints },
        ],
      },
    },
  };
}

const textOf = (value: unknown) =>
  typeof value === "string" && value ? value : typeof value === "number" ? String(value) : undefined;

const unreadable = (method: string) => new ExternalSystemError(said("retailcrm.unreadableList", { method }));

/** Offers per page of GET /api/v5/store/inventories (RetailCRM accepts 20, 50 or 100). */
export const INVENTORIES_PAGE = 100;

export const NO_SKU = (offerId: number) =>
  `RetailCRM offer ${offerId} has no article, external id or XML id: no Shopify variant can be matched to it. Give it an article in RetailCRM.`;
export const SKU_TAKEN = (sku: string, offerId: number, winner: number) =>
  `RetailCRM offers ${winner} and ${offerId} both carry "${sku}": the stock of offer ${winner} is used. Give each offer its own article in RetailCRM.`;

/** The SKU an offer stands for, by OfferIndex's precedence: its article, else its externalId, else its xmlId. */
export const skuOfOffer = (offer: RetailCrmOfferRef): string | undefined =>
  offer.article ?? offer.externalId ?? offer.xmlId;

export interface InventoryLine {
  offerId: number;
  /** The offer's leftover at the warehouse asked for; 0 when RetailCRM lists none there. */
  quantity: number;
}

/** One page of GET /api/v5/store/inventories with filter[details]=1: each offer's leftover at `storeCode`. */
export function readInventoriesPage(
  answer: RetailCrmAnswer,
  storeCode: string,
): { lines: InventoryLine[]; totalPages: number } {
  const offers = answer.offers;
  if (!Array.isArray(offers)) throw unreadable("store/inventories");
  const lines: InventoryLine[] = [];
  for (const offer of offers as Record<string, unknown>[]) {
    if (typeof offer?.id !== "number") continue;
    const stores = Array.isArray(offer.stores) ? (offer.stores as Record<string, unknown>[]) : [];
    const here = stores.find((s) => s?.store === storeCode);
    const quantity = Number(here?.quantity ?? 0);
    lines.push({ offerId: offer.id, quantity: Number.isFinite(quantity) ? quantity : 0 });
  }
  const pagination = answer.pagination as { totalPageCount?: unknown } | undefined;
  const totalPages = typeof pagination?.totalPageCount === "number" ? pagination.totalPageCount : 1;
  return { lines, totalPages };
}
