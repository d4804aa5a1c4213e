// Cancel stops a marketplace publish where it stands: cancelled while products go to Tuyo (each call
// slowed), it sends nothing after the call in flight, ends Cancelled, and its Changes list names exactly
// the products Tuyo now lists. So do the daily re-send of changes (listings.refresh) and taking products
// off (listings.unpublish): what Tuyo holds after the cancel is what the run's Changes list says.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { saveCategoryRule } from "~/connectors/tuyo/categories.server";
import { db } from "~/db.server";
import { registerModules } from "~/modules.server";
import { installShopifyOriginOverride } from "~/shopify/api-origin.server";
import { createProduct } from "../../emulators/shopify/catalog";
import { startShopifyEmulator, type ShopifyEmulator } from "../../emulators/shopify/index";
import { createCollection, merchandisingOf } from "../../emulators/shopify/merchandising";
import type { TuyoEmulator } from "../../emulators/tuyo/index";
import { installShop } from "../support/admin-request";
import { enqueueJob, getJob } from "~/jobs/api.server";
import { runDueJobs } from "~/jobs/worker.server";
import { cancelWhileWriting, expectStoppedAfterWritesInFlight } from "../support/cancel-in-flight";
import { uniqueShop } from "../support/shops";
import { setUpTuyo, startTuyo } from "./tuyo-harness";

// Three calls taking products off (10 a call): calls are left after the one in flight.
const PRODUCTS = 30;

describe("cancelling a running marketplace publish", () => {
  const shop = uniqueShop("tuyocancel");
  let shopify: ShopifyEmulator;
  let tuyo: TuyoEmulator;
  let collectionId: string;
  beforeAll(async () => {
    registerModules();
    shopify = await startShopifyEmulator({
      app: {
        apiKey: process.env.SHOPIFY_API_KEY!,
        apiSecret: process.env.SHOPIFY_API_SECRET!,
        appUrl: process.env.SHOPIFY_APP_URL!,
      },
      shops: [{ domain: shop, plan: "Plus", locations: [{ name: "Bodega" }] }],
    });
    installShopifyOriginOverride(shopify.url);
    const record = shopify.store.shop(shop);
    const [bodega] = [...record.locations.values()];
    const media = merchandisingOf(shopify.store, record).media;
    const productIds: number[] = [];
    for (let i = 0; i < PRODUCTS; i++) {
      const product = createProduct(shopify.store, record, {
        title: `Zapato ${i}`,
        productType: "Zapatos",
        variants: [{ sku: `ZAP-${i}`, price: "20.00", inventory: { [bodega!.id]: 4 } }],
      });
      const id = shopify.store.nextId();
      media.set(id, {
        id,
        kind: "IMAGE",
        productId: product.id,
        variantIds: [],
        alt: null,
        originalSource: `http://127.0.0.1:9/zapato-${i}.png`,
        mimeType: "image/png",
        size: 100,
        status: "READY",
        error: null,
        createdAt: shopify.store.timestamp(),
        updatedAt: shopify.store.timestamp(),
      });
      productIds.push(product.id);
    }
    collectionId = `gid://shopify/Collection/${createCollection(shopify.store, record, { title: "Tuyo", productIds }).id}`;
    tuyo = await startTuyo();
    await installShop(shop);
    await db.session.update({
      where: { id: `offline_${shop}` },
      data: { accessToken: shopify.issueAccessToken(shop) },
    });
    await setUpTuyo(shop, tuyo);
    await saveCategoryRule(shop, {
      kind: "productType",
      value: "Zapatos",
      categoryId: 2,
      subcategoryId: 3,
      productTypeId: 1,
    });
  });
  afterAll(async () => {
    await Promise.all([tuyo?.close(), shopify?.close()]);
  });

  const callsTo = (path: string) => () => tuyo.calls().filter((c) => c.path === path).length;
  const creates = callsTo("/api/create_products");
  /** The Shopify product (gid) of each SKU: Tuyo lists a one-variant product under its variant's SKU. */
  const productOfSku = () =>
    new Map(
      [...shopify.store.shop(shop).variants.values()].map((v) => [v.sku, `gid://shopify/Product/${v.productId}`]),
    );
  const allProductIds = () =>
    [...shopify.store.shop(shop).products.keys()].map((id) => `gid://shopify/Product/${id}`).sort();

  it("sends nothing after the product in flight, ends Cancelled and lists the products it listed", async () => {
    tuyo.faults.add({ kind: "latency", ms: 150 });
    try {
      const run = await cancelWhileWriting({
        shop,
        type: "listings.publish",
        params: { collectionId },
        writes: creates,
        cancelAfterWrites: 3,
      });
      expectStoppedAfterWritesInFlight(run, 1);
      const ofSku = productOfSku();
      const listed = tuyo
        .products()
        .map((p) => ofSku.get(p.sku))
        .sort();
      expect(listed.length).toBeLessThan(PRODUCTS);
      expect(run.changes.map((c) => [c.externalId, c.field, c.after]).sort()).toEqual(
        listed.map((id) => [id, "Tuyo", "listed"]),
      );
      expect(run.job.counters.changed).toBe(listed.length);
    } finally {
      tuyo.faults.clear();
    }
  }, 60_000);

  it("re-sends no changed product after the one in flight, ends Cancelled and lists the products it updated", async () => {
    // Every product listed, then every price changed in Shopify: the daily run has all of them to send.
    const { jobId } = await enqueueJob(
      { db },
      { shop, type: "listings.publish", trigger: "manual", params: { collectionId } },
    );
    await runDueJobs({ db, types: ["listings.publish"] });
    expect((await getJob({ db }, shop, jobId))?.status).toBe("succeeded");
    expect(tuyo.products()).toHaveLength(PRODUCTS);
    for (const variant of shopify.store.shop(shop).variants.values()) variant.price = "31.00";
    const updates = callsTo("/api/bulk_update");
    tuyo.faults.add({ kind: "latency", ms: 150 });
    try {
      const run = await cancelWhileWriting({
        shop,
        type: "listings.refresh",
        writes: updates,
        cancelAfterWrites: updates() + 3,
      });
      expectStoppedAfterWritesInFlight(run, 1);
      const ofSku = productOfSku();
      const repriced = tuyo
        .products()
        .filter((p) => p.variants.every((v) => v.price === 31))
        .map((p) => ofSku.get(p.sku))
        .sort();
      expect(repriced.length).toBeGreaterThan(0);
      expect(repriced.length).toBeLessThan(PRODUCTS);
      expect(run.changes.map((c) => [c.externalId, c.field, c.after]).sort()).toEqual(
        repriced.map((id) => [id, "Tuyo", "updated"]),
      );
      expect(run.job.counters.changed).toBe(repriced.length);
    } finally {
      tuyo.faults.clear();
    }
  }, 60_000);

  it("takes no product off after the call in flight, ends Cancelled and lists the products it took off", async () => {
    expect(tuyo.products().filter((p) => p.active)).toHaveLength(PRODUCTS);
    const deactivations = callsTo("/api/update_product");
    tuyo.faults.add({ kind: "latency", ms: 150 });
    try {
      const run = await cancelWhileWriting({
        shop,
        type: "listings.unpublish",
        params: { productIds: allProductIds() },
        writes: deactivations,
        cancelAfterWrites: deactivations() + 1,
      });
      expectStoppedAfterWritesInFlight(run, 1);
      const ofSku = productOfSku();
      const takenOff = tuyo
        .products()
        .filter((p) => !p.active)
        .map((p) => ofSku.get(p.sku))
        .sort();
      expect(takenOff.length).toBeGreaterThan(0);
      expect(takenOff.length).toBeLessThan(PRODUCTS);
      expect(run.changes.map((c) => [c.externalId, c.field, c.before, c.after]).sort()).toEqual(
        takenOff.map((id) => [id, "Tuyo", "listed", "unlisted"]),
      );
      expect(run.job.counters.changed).toBe(takenOff.length);
      // What Tuyo still lists is still listed here: a later run takes it off.
      const listedHere = await db.tuyoListing.findMany({ where: { shop, state: "listed" } });
      expect(listedHere.map((r) => r.shopifyProductId).sort()).toEqual(
        allProductIds().filter((id) => !takenOff.includes(id)),
      );
    } finally {
      tuyo.faults.clear();
    }
  }, 60_000);
});
