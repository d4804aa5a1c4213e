// Cancel stops "Publish ready products" where it stands: cancelled while drafts are made active one by
// one (each call slowed), it activates none after the one in flight, ends Cancelled, and its Changes
// list names exactly the products Shopify now shows active.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "~/db.server";
import { registerModules } from "~/modules.server";
import { PUBLISH_READY_JOB } from "~/sync/publishing/jobs.server";
import { createProduct } from "../../emulators/shopify/catalog";
import { startShopifyEmulator, type ShopifyEmulator } from "../../emulators/shopify/index";
import { merchandisingOf } from "../../emulators/shopify/merchandising";
import { installShopifyOriginOverride } from "~/shopify/api-origin.server";
import { installShop } from "../support/admin-request";
import { cancelWhileWriting, expectStoppedAfterWritesInFlight } from "../support/cancel-in-flight";
import { uniqueShop } from "../support/shops";

const DRAFTS = 15;

describe("cancelling a running publish of ready products", () => {
  const shop = uniqueShop("publish-cancel");
  let shopify: ShopifyEmulator;
  beforeAll(async () => {
    registerModules();
    shopify = await startShopifyEmulator({
      app: { apiKey: "test-api-key", apiSecret: "test-api-secret", appUrl: "http://127.0.0.1:3999" },
      shops: [{ domain: shop, plan: "Plus", locations: [{ name: "Main" }] }],
    });
    installShopifyOriginOverride(shopify.url);
    const record = shopify.store.shop(shop);
    const location = [...record.locations.values()][0]!;
    const state = merchandisingOf(shopify.store, record);
    for (let i = 0; i < DRAFTS; i++) {
      const product = createProduct(shopify.store, record, {
        title: `READY${i}`,
        status: "DRAFT",
        descriptionHtml: "<p>Soft cotton.</p>",
        variants: [{ sku: `READY${i}|BLUE|M`, price: "25.00", inventory: { [location.id]: 3 } }],
      });
      const now = shopify.store.timestamp();
      const mediaId = shopify.store.nextId();
      state.media.set(mediaId, {
        id: mediaId,
        kind: "IMAGE",
        productId: product.id,
        variantIds: [],
        alt: null,
        originalSource: "https://example.invalid/a.jpg",
        mimeType: "image/jpeg",
        size: 10,
        status: "READY",
        error: null,
        createdAt: now,
        updatedAt: now,
      });
      const field = { namespace: "passerelle", key: "fastmag_id", type: "single_line_text_field" };
      state.metafields.set(
        product.id,
        new Map([
          [
            "passerelle.fastmag_id",
            { id: shopify.store.nextId(), ...field, value: `READY${i}`, createdAt: now, updatedAt: now },
          ],
        ]),
      );
    }
    await installShop(shop);
    await db.session.update({
      where: { id: `offline_${shop}` },
      data: { accessToken: shopify.issueAccessToken(shop) },
    });
  });
  afterAll(() => shopify?.close());

  const activations = () => shopify.callLog({ shop }).filter((c) => c.operationName === "ProductActivate").length;

  it("activates no product after the one in flight, ends Cancelled and lists the products it published", async () => {
    shopify.faults.add({ kind: "latency", ms: 150 });
    try {
      const run = await cancelWhileWriting({
        shop,
        type: PUBLISH_READY_JOB,
        writes: activations,
        cancelAfterWrites: 3,
      });
      expectStoppedAfterWritesInFlight(run, 1);
      const active = [...shopify.store.shop(shop).products.values()]
        .filter((p) => p.status === "ACTIVE")
        .map((p) => p.title)
        .sort();
      expect(active.length).toBeGreaterThan(0);
      expect(active.length).toBeLessThan(DRAFTS);
      expect(run.changes.map((c) => [c.externalId, c.after]).sort()).toEqual(active.map((t) => [t, "active"]));
      expect(run.job.counters.changed).toBe(active.length);
    } finally {
      shopify.faults.clear();
    }
  }, 60_000);
});
