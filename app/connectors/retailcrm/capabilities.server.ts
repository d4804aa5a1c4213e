// RetailCRM as a stock destination: the shop's levels uploaded to the chosen warehouse with
// POST /api/v5/store/inventories/upload, 250 offers at most per call, and only what changed since the
// last successful upload (RetailCrmUpload is this destination's memory: the offer a SKU matched and
// the figure last uploaded). SKUs are matched to offers as OfferIndex says (article, then externalId,
// then xmlId); a SKU no offer matches is skipped with a reason the merchant can act on.
import type { StockDestination, StockPicture, StockWriteReport } from "../../capabilities/stock-destination";
import type { Db } from "../../db.server";
import type { StockLevel } from "../../domain/stock";
import { said } from "../../i18n/stored-words";
import { ExternalSystemError } from "../../lib/errors";
import type { SyncReporter } from "../../sync/sync-context";
import { RetailCrmRefusedError, type RetailCrmClient } from "./client.server";
import {
  MAX_UPLOAD_OFFERS,
  NO_OFFER,
  OFFER_GONE,
  OfferIndex,
  PRODUCTS_PAGE,
  notFoundOfferIds,
  readProductsPage,
  uploadOffers,
  type UploadLine,
} from "./mapping.server";

export interface RetailCrmStockDeps {
  db: Db;
  shop: string;
  client: RetailCrmClient;
  /** The RetailCRM warehouse (store code) the shop's stock goes to. */
  storeCode: string;
  report: SyncReporter;
  /** Upload every matched SKU, not only those that changed (RetailCRM's inventoriesUpload callback). */
  uploadAll?: boolean;
  now?: () => Date;
}

export interface RetailCrmStockReport extends StockWriteReport {
  unchanged: number;
  unmatched: number;
  uploadCalls: number;
  catalogCalls: number;
  /** Offers RetailCRM answered as not found (deleted since they were matched). */
  offersGone: number;
}

/** Unknown SKUs of a changes-only run looked up one by one; beyond this the catalog is read. */
const LOOKUPS_BEFORE_CATALOG = 50;

export function retailCrmStockDestination(deps: RetailCrmStockDeps): StockDestination & {
  writeAll(picture: Promise<StockPicture>): Promise<RetailCrmStockReport>;
  writeChanges(levels: StockLevel[]): Promise<RetailCrmStockReport>;
} {
  return {
    writeAll: (picture) => writeAll(deps, picture),
    writeChanges: (levels) => writeChanges(deps, levels),
  };
}

async function writeAll(deps: RetailCrmStockDeps, reading: Promise<StockPicture>): Promise<RetailCrmStockReport> {
  const result = emptyReport();
  // RetailCRM's catalog is read while the source is.
  const [index, picture] = await Promise.all([readCatalog(deps, result), reading]);
  const memory = await rememberedBySlot(deps, picture);
  const uploader = new Uploader(deps, result);
  for (let slot = 0; slot < picture.size; slot++) {
    const sku = picture.skuAt(slot);
    const offerId = index.offerOf(sku);
    if (offerId === undefined) {
      result.unmatched++;
      deps.report.skip("variant", sku, NO_OFFER(sku));
      continue;
    }
    const available = picture.availableAt(slot);
    if (!deps.uploadAll && memory.offerId[slot] === offerId && memory.available[slot] === available) {
      result.unchanged++;
      continue;
    }
    await uploader.push(sku, { offerId, available });
  }
  await uploader.flush();
  return result;
}

async function writeChanges(deps: RetailCrmStockDeps, levels: StockLevel[]): Promise<RetailCrmStockReport> {
  const result = emptyReport();
  const skus = [...new Set(levels.map((l) => l.sku))];
  const rows = await deps.db.retailCrmUpload.findMany({ where: { shop: deps.shop, sku: { in: skus } } });
  const known = new Map(rows.map((r) => [r.sku, r]));
  const unknown = skus.filter((sku) => !known.has(sku));
  const offers = new Map<string, number | undefined>();
  if (unknown.length > LOOKUPS_BEFORE_CATALOG) {
    const index = await readCatalog(deps, result);
    for (const sku of unknown) offers.set(sku, index.offerOf(sku));
  } else {
    for (const sku of unknown) offers.set(sku, await lookUpOffer(deps, sku, result));
  }
  const uploader = new Uploader(deps, result);
  const seen = new Set<string>();
  // The last level of a SKU counts.
  for (const level of [...levels].reverse()) {
    if (seen.has(level.sku)) continue;
    seen.add(level.sku);
    const row = known.get(level.sku);
    const offerId = row?.offerId ?? offers.get(level.sku);
    if (offerId === undefined) {
      result.unmatched++;
      deps.report.skip("variant", level.sku, NO_OFFER(level.sku));
      continue;
    }
    if (!deps.uploadAll && row && row.available === level.available) {
      result.unchanged++;
      continue;
    }
    await uploader.push(level.sku, { offerId, available: level.available });
  }
  await uploader.flush();
  return result;
}

const emptyReport = (): RetailCrmStockReport => ({
  changed: 0,
  unchanged: 0,
  unmatched: 0,
  uploadCalls: 0,
  catalogCalls: 0,
  offersGone: 0,
});

/** Every offer of the account's catalog, page by page. */
async function readCatalog(deps: RetailCrmStockDeps, result: RetailCrmStockReport): Promise<OfferIndex> {
  const index = new OfferIndex();
  for (let page = 1, totalPages = 1; page <= totalPages; page++) {
    result.catalogCalls++;
    const answer = await deps.client.get("/api/v5/store/products", { limit: PRODUCTS_PAGE, page });
    const read = readProductsPage(answer);
    for (const offer of read.offers) index.add(offer);
    totalPages = read.totalPages;
    await deps.report.checkpoint();
  }
  return index;
}

/** One SKU's offer: by article, else by externalId. */
async function lookUpOffer(
  deps: RetailCrmStockDeps,
  sku: string,
  result: RetailCrmStockReport,
): Promise<number | undefined> {
  for (const filter of ["article", "offerExternalId"] as const) {
    result.catalogCalls++;
    const answer = await deps.client.get("/api/v5/store/products", { [`filter[${filter}]`]: sku, limit: 20 });
    const index = new OfferIndex();
    for (const offer of readProductsPage(answer).offers)
      if (offer.article === sku || offer.externalId === sku || offer.xmlId === sku) index.add(offer);
    const id = index.offerOf(sku);
    if (id !== undefined) return id;
  }
  return undefined;
}

/** What was last uploaded for the picture's SKUs, by slot (-1: nothing; offer 0: none). */
async function rememberedBySlot(deps: RetailCrmStockDeps, picture: StockPicture) {
  const available = new Int32Array(picture.size).fill(-1);
  const offerId = new Float64Array(picture.size);
  let cursor: string | undefined;
  for (;;) {
    const rows = await deps.db.retailCrmUpload.findMany({
      where: { shop: deps.shop, ...(cursor ? { sku: { gt: cursor } } : {}) },
      orderBy: { sku: "asc" },
      take: 5_000,
      select: { sku: true, offerId: true, available: true },
    });
    for (const row of rows) {
      const slot = picture.slotOf(row.sku);
      if (slot === undefined) continue;
      available[slot] = row.available;
      offerId[slot] = row.offerId;
    }
    if (rows.length < 5_000) break;
    cursor = rows[rows.length - 1]!.sku;
  }
  return { available, offerId };
}

/** Uploads in portions of 250 and remembers each portion once RetailCRM took it. */
class Uploader {
  private pending: { sku: string; line: UploadLine }[] = [];

  constructor(
    private readonly deps: RetailCrmStockDeps,
    private readonly result: RetailCrmStockReport,
  ) {}

  async push(sku: string, line: UploadLine): Promise<void> {
    this.pending.push({ sku, line });
    if (this.pending.length >= MAX_UPLOAD_OFFERS) await this.send();
  }

  async flush(): Promise<void> {
    while (this.pending.length) await this.send();
  }

  private async send(): Promise<void> {
    const { deps, result } = this;
    const batch = this.pending.splice(0, MAX_UPLOAD_OFFERS);
    await deps.report.checkpoint();
    result.uploadCalls++;
    let answer: Record<string, unknown>;
    try {
      answer = await deps.client.post("/api/v5/store/inventories/upload", {
        offers: uploadOffers(
          batch.map((b) => b.line),
          deps.storeCode,
        ),
      });
    } catch (error) {
      if (error instanceof RetailCrmRefusedError && error.status === 460)
        throw new ExternalSystemError(said("retailcrm.unknownWarehouse", { store: deps.storeCode }), { cause: error });
      throw error;
    }
    const gone = notFoundOfferIds(answer);
    const uploaded = batch.filter((b) => !gone.has(b.line.offerId));
    for (const b of batch)
      if (gone.has(b.line.offerId)) {
        result.offersGone++;
        deps.report.skip("variant", b.sku, OFFER_GONE);
      }
    const at = (deps.now ?? (() => new Date()))();
    await deps.db.$transaction([
      ...(gone.size
        ? [
            deps.db.retailCrmUpload.deleteMany({
              where: { shop: deps.shop, sku: { in: batch.filter((b) => gone.has(b.line.offerId)).map((b) => b.sku) } },
            }),
          ]
        : []),
      ...uploaded.map(({ sku, line }) =>
        deps.db.retailCrmUpload.upsert({
          where: { shop_sku: { shop: deps.shop, sku } },
          create: { shop: deps.shop, sku, offerId: line.offerId, available: line.available, uploadedAt: at },
          update: { offerId: line.offerId, available: line.available, uploadedAt: at },
        }),
      ),
    ]);
    result.changed += uploaded.length;
  }
}
