// Tuyo as a catalog destination. New products go with POST /api/create_products (up to 50 a call; when
// Tuyo refuses a list — one bad product refuses them all — each is sent alone so only the bad one is
// refused); listed products whose hash changed go with PATCH /api/bulk_update (only those, without
// stock); unchanged ones cost nothing. Products we cannot list are refused here, before anything is
// sent. Unpublishing deactivates with POST /api/update_product { active: false, sku: [...] }.
import type { CatalogDestination, ListingOutcome, ListingProduct } from "../../capabilities/catalog-destination";
import type { Db } from "../../db.server";
import { said, wordsJson, type Said } from "../../i18n/stored-words";
import { errorMessage } from "../../lib/errors";
import { categoryFor, categoryRules } from "./categories.server";
import { erroredProducts, TuyoRefusedError, type TuyoClient } from "./client.server";
import { buildTuyoProduct, bulkUpdateEntry, CARGO_TYPES, type CargoType, type TuyoProductBody } from "./mapping.server";
import { preparationTimeMs, type TuyoSettings } from "./settings.server";

export const CREATE_BATCH = 50;
export const BULK_BATCH = 100;

export interface TuyoCatalogDeps {
  db: Db;
  shop: string;
  client: TuyoClient;
  settings: TuyoSettings;
  now?: () => Date;
}

type Built = { product: ListingProduct; body: TuyoProductBody; hash: string };

export function tuyoCatalogDestination(deps: TuyoCatalogDeps): CatalogDestination {
  const { db, shop, client, settings } = deps;
  const now = deps.now ?? (() => new Date());

  const variantsJson = (body: TuyoProductBody) =>
    JSON.stringify(body.variants.map((v) => ({ sku: v.sku, values: v.values, stock: v.stock[0]?.stock ?? 0 })));

  /** A listing's reason: the English, and its words so each admin reads it in their language. */
  const reasonOf = (words: Said | null) => ({ reason: words?.text ?? null, reasonWords: wordsJson(words) });

  async function record(productId: string, data: Record<string, unknown>) {
    await db.tuyoListing.upsert({
      where: { shop_shopifyProductId: { shop, shopifyProductId: productId } },
      create: { shop, shopifyProductId: productId, state: "pending", ...data },
      update: data,
    });
  }

  async function create(batch: Built[], outcomes: ListingOutcome[]): Promise<void> {
    try {
      await client.post(
        "/api/create_products",
        batch.map((b) => b.body),
      );
    } catch (error) {
      if (!(error instanceof TuyoRefusedError) || error.status === 401 || error.status === 403) throw error;
      if (batch.length > 1) {
        for (const one of batch) await create([one], outcomes);
        return;
      }
      const words = said("tuyo.productRefused", { refusal: error.response || errorMessage(error) });
      const reason = words.text;
      await record(batch[0]!.product.productId, { state: "refused", ...reasonOf(words), tuyoSku: batch[0]!.body.sku });
      outcomes.push({ productId: batch[0]!.product.productId, state: "refused", reason, words });
      return;
    }
    for (const b of batch) {
      await record(b.product.productId, {
        state: "listed",
        ...reasonOf(null),
        tuyoSku: b.body.sku,
        hash: b.hash,
        variantsJson: variantsJson(b.body),
        listedAt: now(),
      });
      outcomes.push({ productId: b.product.productId, state: "listed" });
    }
  }

  // By lists of 500 ids: one `IN` of thousands passes the database's limit on bound parameters.
  async function listingsOf(productIds: string[]) {
    const rows = [];
    for (let i = 0; i < productIds.length; i += 500)
      rows.push(
        ...(await db.tuyoListing.findMany({ where: { shop, shopifyProductId: { in: productIds.slice(i, i + 500) } } })),
      );
    return rows;
  }

  async function update(batch: Built[], outcomes: ListingOutcome[]): Promise<void> {
    const answer = await client.patch(
      "/api/bulk_update",
      batch.map((b) => bulkUpdateEntry(b.body)),
    );
    const errored = erroredProducts(answer);
    for (const b of batch) {
      const refusal = errored.get(b.body.sku);
      if (refusal) {
        const words = said("tuyo.updateRefused", { refusal });
        outcomes.push({ productId: b.product.productId, state: "failed", reason: words.text, words });
        await record(b.product.productId, reasonOf(said("tuyo.lastUpdateRefused", { refusal })));
        continue;
      }
      await record(b.product.productId, { state: "listed", ...reasonOf(null), hash: b.hash });
      outcomes.push({ productId: b.product.productId, state: "updated" });
    }
  }

  return {
    async publish(products) {
      const [rules, existing] = await Promise.all([categoryRules(shop), listingsOf(products.map((p) => p.productId))]);
      const byId = new Map(existing.map((r) => [r.shopifyProductId, r]));
      const outcomes: ListingOutcome[] = [];
      const toCreate: Built[] = [];
      const toUpdate: Built[] = [];
      const toActivate: string[] = [];
      for (const product of products) {
        const row = byId.get(product.productId);
        const override = CARGO_TYPES.includes(row?.cargoOverride as CargoType)
          ? (row!.cargoOverride as CargoType)
          : null;
        const built = buildTuyoProduct(product, {
          storeId: settings.storeId,
          branchId: settings.branchId,
          userId: settings.userId,
          preparationTimeMs: preparationTimeMs(settings),
          freeShipping: settings.freeShipping,
          fragile: settings.fragile,
          category: categoryFor(rules, product),
          cargoOverride: override,
        });
        if (!built.ok) {
          // A product already on Tuyo keeps its listing; the reason says why the change is not sent.
          await record(
            product.productId,
            row?.listedAt ? reasonOf(built.words) : { state: "refused", ...reasonOf(built.words) },
          );
          outcomes.push({ productId: product.productId, state: "refused", reason: built.reason, words: built.words });
          continue;
        }
        const item = { product, body: built.body, hash: built.hash };
        if (!row?.listedAt) toCreate.push(item);
        else {
          if (row.state === "unlisted") toActivate.push(built.body.sku);
          if (row.hash === built.hash && row.tuyoSku === built.body.sku) {
            if (row.state === "unlisted") await record(product.productId, { state: "listed", ...reasonOf(null) });
            outcomes.push({ productId: product.productId, state: "unchanged" });
          } else toUpdate.push(item);
        }
      }
      if (toActivate.length) await client.post("/api/update_product", { active: true, sku: toActivate });
      for (let i = 0; i < toCreate.length; i += CREATE_BATCH)
        await create(toCreate.slice(i, i + CREATE_BATCH), outcomes);
      for (let i = 0; i < toUpdate.length; i += BULK_BATCH) await update(toUpdate.slice(i, i + BULK_BATCH), outcomes);
      return outcomes;
    },

    async listedProductIds() {
      const rows = await db.tuyoListing.findMany({
        where: { shop, state: "listed" },
        select: { shopifyProductId: true },
        orderBy: { shopifyProductId: "asc" },
      });
      return rows.map((r) => r.shopifyProductId);
    },

    async unpublish(productIds) {
      const rows = await db.tuyoListing.findMany({
        where: { shop, shopifyProductId: { in: productIds }, state: "listed", tuyoSku: { not: null } },
      });
      if (!rows.length) return { unlisted: [] };
      await client.post("/api/update_product", { active: false, sku: rows.map((r) => r.tuyoSku!) });
      await db.tuyoListing.updateMany({ where: { id: { in: rows.map((r) => r.id) } }, data: { state: "unlisted" } });
      return { unlisted: rows.map((r) => r.shopifyProductId) };
    },
  };
}
