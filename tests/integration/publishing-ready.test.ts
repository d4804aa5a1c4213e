// Publishing ready-to-sell products against the Shopify emulator: DRAFT products passing every rule
// become ACTIVE and are published to the chosen sales channels; each rule failing alone keeps a
// product in draft with that reason; a rule turned off no longer holds a product back.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "~/db.server";
import { ShopifyAdminClient } from "~/shopify/admin-client.server";
import { installShopifyOriginOverride } from "~/shopify/api-origin.server";
import {
  publishReadyProducts,
  readinessOf,
  savePublishSettings,
  loadPublishSettings,
} from "~/sync/publishing/publish.server";
import { quietReporter } from "~/sync/sync-context";
import { createProduct } from "../../emulators/shopify/catalog";
import { startShopifyEmulator, type ShopifyEmulator } from "../../emulators/shopify/index";
import { merchandisingOf } from "../../emulators/shopify/merchandising";
import type { ShopRecord } from "../../emulators/shopify/store";
import { createApiToken } from "~/api/tokens.server";
import { action as readinessAction, loader as readinessLoader } from "~/routes/api.catalog.readiness";
import { installShop } from "../support/admin-request";
import { uniqueShop } from "../support/shops";

const APP = { apiKey: "test-api-key", apiSecret: "test-api-secret", appUrl: "http://127.0.0.1:3999" };
const shop = uniqueShop("publish");
let shopify: ShopifyEmulator;
let record: ShopRecord;
let client: ShopifyAdminClient;

interface Draft {
  title: string;
  image?: boolean;
  price?: string;
  stock?: number;
  description?: string;
  sourceId?: string | null;
}

function draft(d: Draft) {
  const location = [...record.locations.values()][0]!;
  const product = createProduct(shopify.store, record, {
    title: d.title,
    status: "DRAFT",
    descriptionHtml: d.description ?? "<p>Soft cotton.</p>",
    options: [{ name: "Size", values: ["M"] }],
    variants: [
      {
        sku: `${d.title}|BLUE|M`,
        price: d.price ?? "25.00",
        options: { Size: "M" },
        inventory: { [location.id]: d.stock ?? 3 },
      },
    ],
  });
  const state = merchandisingOf(shopify.store, record);
  const now = shopify.store.timestamp();
  if (d.image !== false)
    state.media.set(shopify.store.nextId(), {
      id: shopify.store.nextId(),
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
  if (d.sourceId !== null)
    state.metafields.set(
      product.id,
      new Map([
        [
          "passerelle.fastmag_id",
          {
            id: shopify.store.nextId(),
            namespace: "passerelle",
            key: "fastmag_id",
            type: "single_line_text_field",
            value: d.sourceId ?? d.title,
            createdAt: now,
            updatedAt: now,
          },
        ],
      ]),
    );
  return product;
}

const statusOf = (title: string) => [...record.products.values()].find((p) => p.title === title)!.status;

beforeAll(async () => {
  shopify = await startShopifyEmulator({
    app: APP,
    shops: [{ domain: shop, plan: "Standard", locations: [{ name: "Main" }] }],
  });
  installShopifyOriginOverride(shopify.url);
  record = shopify.store.shop(shop);
  client = new ShopifyAdminClient({ shop, accessToken: shopify.issueAccessToken(shop) });
  draft({ title: "READY1" });
  draft({ title: "NOIMAGE", image: false });
  draft({ title: "NOPRICE", price: "0.00" });
  draft({ title: "NOSTOCK", stock: 0 });
  draft({ title: "NODESC", description: "" });
  draft({ title: "NOID", sourceId: null });
  draft({ title: "NOTHING", image: false, stock: 0 });
});

afterAll(async () => {
  await shopify?.close();
});

describe("publishing ready-to-sell products", () => {
  it("lists every draft with each reason it is not ready", async () => {
    const rows = await readinessOf(client, (await loadPublishSettings(db, shop)).rules);
    const byTitle = Object.fromEntries(rows.map((r) => [r.title, r.reasons]));
    expect(byTitle).toEqual({
      READY1: [],
      NOIMAGE: ["no image"],
      NOPRICE: ["no price"],
      NOSTOCK: ["no stock"],
      NODESC: ["no description"],
      NOID: ["no source id"],
      NOTHING: ["no image", "no stock"],
    });
  });

  it("answers the JSON API: filtered list, 422 for an unknown rule or filter, 202 for Publish now", async () => {
    await installShop(shop);
    await db.session.update({
      where: { id: `offline_${shop}` },
      data: { accessToken: shopify.issueAccessToken(shop) },
    });
    const { token } = await createApiToken(shop, "ERP");
    const request = (path: string, method = "GET", body?: unknown) =>
      new Request(`${process.env.SHOPIFY_APP_URL}${path}`, {
        method,
        headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    const list = await readinessLoader({
      request: request("/api/catalog/readiness?reason=no%20stock"),
      params: {},
      context: {},
    });
    expect(list.status).toBe(200);
    const body = (await list.json()) as { products: { title: string }[]; counts: { drafts: number; ready: number } };
    expect(body.products.map((p) => p.title).sort()).toEqual(["NOSTOCK", "NOTHING"]);
    expect(body.counts).toMatchObject({ drafts: 7, ready: 1 });
    const badFilter = await readinessLoader({
      request: request("/api/catalog/readiness?reason=purple"),
      params: {},
      context: {},
    });
    expect(badFilter.status).toBe(422);
    const badRule = await readinessAction({
      request: request("/api/catalog/readiness", "PUT", { rules: { colour: true } }),
      params: {},
      context: {},
    });
    expect(badRule.status).toBe(422);
    expect(((await badRule.json()) as { fieldErrors: Record<string, string> }).fieldErrors).toHaveProperty(
      "rules.colour",
    );
    const publish = await readinessAction({
      request: request("/api/catalog/readiness", "POST"),
      params: {},
      context: {},
    });
    expect(publish.status).toBe(202);
    expect(((await publish.json()) as { jobId: string }).jobId).toBeTruthy();
  });

  it("activates and publishes the ready ones to the chosen channel only, and lists the others", async () => {
    const state = merchandisingOf(shopify.store, record);
    const online = [...state.publications.values()].find((p) => p.name === "Online Store")!;
    await savePublishSettings(db, shop, { publicationIds: [`gid://shopify/Publication/${online.id}`] });
    const report = quietReporter();
    const result = await publishReadyProducts({ db, shop, client, report });
    expect(result, JSON.stringify(report.skipped)).toMatchObject({
      drafts: 7,
      published: 1,
      notReady: 6,
      failed: 0,
      channels: ["Online Store"],
    });
    expect(statusOf("READY1")).toBe("ACTIVE");
    const ready = [...record.products.values()].find((p) => p.title === "READY1")!;
    expect([...(state.published.get(ready.id) ?? [])]).toEqual([online.id]);
    expect(statusOf("NOSTOCK")).toBe("DRAFT");
    expect(report.skipped.find((s) => s.externalId === "NOTHING")?.reason).toBe("not ready: no image, no stock");
    // A French admin reads each rule's reason in French.
    expect(report.inFrench).toContain("pas prêt : pas d'image, pas de stock");
  });

  it("publishes a product once the rule holding it back is turned off", async () => {
    await savePublishSettings(db, shop, { rules: { description: false } });
    const result = await publishReadyProducts({ db, shop, client, report: quietReporter() });
    expect(result).toMatchObject({ drafts: 6, published: 1 });
    expect(statusOf("NODESC")).toBe("ACTIVE");
  });

  it("refuses rules it does not know, saving nothing", async () => {
    await expect(savePublishSettings(db, shop, { rules: { colour: false } })).rejects.toMatchObject({
      fieldErrors: { "rules.colour": expect.stringContaining("Not a rule") },
    });
  });
});
