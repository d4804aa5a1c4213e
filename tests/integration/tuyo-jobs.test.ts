// The publishing jobs on Tuyo run as the worker runs them (runDueJobs), against both emulators:
// listings.publish with products chosen by a Shopify tag, and the daily listings.refresh that sends
// only the products changed in Shopify since they were sent (bulk_update), and nothing when none changed.
import http from "node:http";
import type net from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { saveCategoryRule } from "~/connectors/tuyo/categories.server";
import { db } from "~/db.server";
import { enqueueJob, getJob } from "~/jobs/api.server";
import { jobDeps } from "~/jobs/deps.server";
import { runDueJobs } from "~/jobs/worker.server";
import { registerModules } from "~/modules.server";
import { installShopifyOriginOverride } from "~/shopify/api-origin.server";
import { startShopifyEmulator, type ShopifyEmulator } from "../../emulators/shopify/index";
import type { TuyoEmulator } from "../../emulators/tuyo/index";
import { installShop } from "../support/admin-request";
import { pollUntil, shopifyClient } from "../support/shopify-emulator-client";
import { uniqueShop } from "../support/shops";
import { setUpTuyo, startTuyo } from "./tuyo-harness";

const shop = uniqueShop("tuyojobs");
let shopify: ShopifyEmulator;
let tuyo: TuyoEmulator;
let images: http.Server;
const ids: Record<string, string> = {};

const PNG = Buffer.from(
  "89504e470d0a1a0a0000000d4948445200000001000000010806000000" +
    "1f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082",
  "hex",
);

beforeAll(async () => {
  images = http.createServer((_req, res) => res.writeHead(200, { "content-type": "image/png" }).end(PNG));
  await new Promise<void>((resolve) => images.listen(0, "127.0.0.1", resolve));
  const imageUrl = `http://127.0.0.1:${(images.address() as net.AddressInfo).port}/shoe.png`;
  shopify = await startShopifyEmulator({
    app: {
      apiKey: process.env.SHOPIFY_API_KEY!,
      apiSecret: process.env.SHOPIFY_API_SECRET!,
      appUrl: process.env.SHOPIFY_APP_URL!,
    },
    shops: [
      {
        domain: shop,
        locations: [{ name: "Bodega" }],
        products: [
          {
            title: "Sandalia",
            productType: "Zapatos",
            tags: ["tuyo", "verano"],
            variants: [{ sku: "SANDALIA-1", price: "20.00", inventory: { Bodega: 4 } }],
          },
          {
            title: "Bota",
            productType: "Zapatos",
            tags: ["tuyo"],
            variants: [{ sku: "BOTA-1", price: "60.00", inventory: { Bodega: 2 } }],
          },
          {
            title: "Pantufla",
            productType: "Zapatos",
            tags: ["casa"],
            variants: [{ sku: "PANTUFLA-1", price: "9.00", inventory: { Bodega: 7 } }],
          },
        ],
      },
    ],
  });
  installShopifyOriginOverride(shopify.url);
  tuyo = await startTuyo();
  await installShop(shop);
  await db.session.update({ where: { id: `offline_${shop}` }, data: { accessToken: shopify.issueAccessToken(shop) } });
  await setUpTuyo(shop, tuyo);
  await saveCategoryRule(shop, {
    kind: "productType",
    value: "Zapatos",
    categoryId: 2,
    subcategoryId: 3,
    productTypeId: 1,
  });
  registerModules();

  const client = shopifyClient(shopify, shop);
  for (const p of shopify.store.shop(shop).products.values()) ids[p.title] = `gid://shopify/Product/${p.id}`;
  for (const id of Object.values(ids)) {
    const { data } = await client.gql(
      `mutation M($id: ID!, $media: [CreateMediaInput!]!) { productCreateMedia(productId: $id, media: $media) { media { id } mediaUserErrors { message } } }`,
      { id, media: [{ originalSource: imageUrl, mediaContentType: "IMAGE" }] },
    );
    expect(data.productCreateMedia.mediaUserErrors).toEqual([]);
    await pollUntil(
      () => client.gql(`query P($id: ID!) { product(id: $id) { media(first: 1) { nodes { status } } } }`, { id }),
      (answer) => answer.data.product.media.nodes[0]?.status === "READY",
    );
  }
});

afterAll(async () => {
  await Promise.all([tuyo?.close(), shopify?.close(), new Promise((resolve) => images?.close(resolve))]);
});

async function runJob(type: string, params?: Record<string, unknown>) {
  const queued = await enqueueJob(jobDeps, { shop, type, params, trigger: "api" });
  await runDueJobs({ db, types: [type] });
  return getJob({ db }, shop, queued.jobId);
}
const tuyoCalls = (path: string) => tuyo.calls().filter((c) => c.path === path).length;
const listed = (name: string) => tuyo.products().find((p) => p.name === name);

describe("Tuyo publishing jobs", () => {
  it("listings.publish with a tag lists the products carrying that tag, and only those", async () => {
    const job = await runJob("listings.publish", { tag: "tuyo" });
    expect(job).toMatchObject({ status: "succeeded", error: null });
    expect(
      tuyo
        .products()
        .map((p) => p.name)
        .sort(),
    ).toEqual(["Bota", "Sandalia"]);
    expect(tuyo.products().every((p) => p.active)).toBe(true);
    const rows = await db.tuyoListing.findMany({ where: { shop, state: "listed" } });
    expect(rows.map((r) => r.shopifyProductId).sort()).toEqual([ids["Bota"], ids["Sandalia"]].sort());
  });

  it("listings.refresh (daily) sends only the product changed in Shopify with bulk_update, then nothing", async () => {
    const client = shopifyClient(shopify, shop);
    const { data } = await client.gql(
      `query P($id: ID!) { product(id: $id) { variants(first: 1) { nodes { id } } } }`,
      {
        id: ids["Sandalia"],
      },
    );
    const variantId = data.product.variants.nodes[0].id as string;
    const { data: updated } = await client.gql(
      `mutation U($productId: ID!, $variants: [ProductVariantsBulkInput!]!) { productVariantsBulkUpdate(productId: $productId, variants: $variants) { userErrors { message } } }`,
      { productId: ids["Sandalia"], variants: [{ id: variantId, price: "25.50" }] },
    );
    expect(updated.productVariantsBulkUpdate.userErrors).toEqual([]);
    const bota = JSON.stringify(listed("Bota"));
    const before = { bulk: tuyoCalls("/api/bulk_update"), create: tuyoCalls("/api/create_products") };

    const job = await runJob("listings.refresh");
    expect(job).toMatchObject({ status: "succeeded", error: null });
    expect(job!.result).toMatchObject({ seen: 2, updated: 1, unchanged: 1, refused: 0 });
    expect(tuyoCalls("/api/bulk_update")).toBe(before.bulk + 1);
    expect(tuyoCalls("/api/create_products")).toBe(before.create);
    expect(listed("Sandalia")!.variants[0]!.price).toBe(25.5);
    expect(JSON.stringify(listed("Bota"))).toBe(bota);
    expect(listed("Pantufla")).toBeUndefined();

    const calls = tuyo.calls().length;
    const again = await runJob("listings.refresh");
    expect(again).toMatchObject({ status: "succeeded" });
    expect(again!.result).toMatchObject({ seen: 2, updated: 0, unchanged: 2 });
    expect(tuyo.calls().length).toBe(calls);
  });
});
