// Tuyo honours the Unmatched screen's decisions (ADR 0022), with the Shopify, Fastmag and Tuyo emulators
// and the real jobs: publishing leaves out the variants whose Shopify SKU the merchant ignored (a product
// left with none is not listed, with the reason), and the full stock run gives a listed variant whose
// Shopify SKU is linked the Fastmag level of the linked Fastmag SKU.
import http from "node:http";
import type net from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { saveRouting } from "~/connectors/routing.server";
import { saveCategoryRule } from "~/connectors/tuyo/categories.server";
import { db } from "~/db.server";
import { enqueueJob, getJob } from "~/jobs/api.server";
import { runDueJobs } from "~/jobs/worker.server";
import { registerModules } from "~/modules.server";
import { decideUnmatched } from "~/sync/unmatched/screen.server";
import { createProduct } from "../../emulators/shopify/catalog";
import type { TuyoEmulator } from "../../emulators/tuyo/index";
import { pollUntil, shopifyClient } from "../support/shopify-emulator-client";
import { installWorldShopWithFastmag, startStockWorld, type StockWorld } from "./stock-harness";
import { setUpTuyo, startTuyo } from "./tuyo-harness";

let world: StockWorld;
let tuyo: TuyoEmulator;
let images: http.Server;
const productIds: Record<string, string> = {};
const LINKED = "CAM-S"; // the Shopify SKU the merchant linked to a Fastmag SKU
const IGNORED = "CAM-M"; // a Shopify SKU the merchant ignored
const ONLY_IGNORED = "GORRA-1";
let fastmagSku: string;

const PNG = Buffer.from(
  "89504e470d0a1a0a0000000d4948445200000001000000010806000000" +
    "1f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082",
  "hex",
);

beforeAll(async () => {
  images = http.createServer((_req, res) => res.writeHead(200, { "content-type": "image/png" }).end(PNG));
  await new Promise<void>((resolve) => images.listen(0, "127.0.0.1", resolve));
  const imageUrl = `http://127.0.0.1:${(images.address() as net.AddressInfo).port}/item.png`;
  world = await startStockWorld({ variants: 20, initialShopifyLevel: () => 0 });
  await installWorldShopWithFastmag(world);
  tuyo = await startTuyo();
  await setUpTuyo(world.shop, tuyo);
  await saveRouting(db, world.shop, { stockDestinations: ["shopify", "tuyo"], shopifyLocationId: world.locationId });
  await saveCategoryRule(world.shop, {
    kind: "productType",
    value: "Ropa",
    categoryId: 2,
    subcategoryId: 3,
    productTypeId: 1,
  });
  registerModules();

  const location = [...world.shopRecord.locations.values()][0]!;
  const camiseta = createProduct(world.shopify.store, world.shopRecord, {
    title: "Camiseta",
    productType: "Ropa",
    options: [{ name: "Talla", values: ["S", "M"] }],
    variants: [
      { sku: LINKED, price: "20.00", options: { Talla: "S" }, inventory: { [location.id]: 0 } },
      { sku: IGNORED, price: "20.00", options: { Talla: "M" }, inventory: { [location.id]: 0 } },
    ],
  });
  const gorra = createProduct(world.shopify.store, world.shopRecord, {
    title: "Gorra",
    productType: "Ropa",
    variants: [{ sku: ONLY_IGNORED, price: "10.00", inventory: { [location.id]: 0 } }],
  });
  const client = shopifyClient(world.shopify, world.shop);
  for (const p of [camiseta, gorra]) {
    productIds[p.title] = `gid://shopify/Product/${p.id}`;
    const { data } = await client.gql(
      `mutation M($id: ID!, $media: [CreateMediaInput!]!) { productCreateMedia(productId: $id, media: $media) { media { id } mediaUserErrors { message } } }`,
      { id: productIds[p.title], media: [{ originalSource: imageUrl, mediaContentType: "IMAGE" }] },
    );
    expect(data.productCreateMedia.mediaUserErrors).toEqual([]);
    await pollUntil(
      () =>
        client.gql(`query P($id: ID!) { product(id: $id) { media(first: 1) { nodes { status } } } }`, {
          id: productIds[p.title],
        }),
      (answer) => answer.data.product.media.nodes[0]?.status === "READY",
    );
  }

  // What a full stock run left on the Unmatched screen, and the merchant's decisions on it.
  fastmagSku = world.skus[0]!;
  await db.unmatchedSku.createMany({
    data: [
      { shop: world.shop, side: "source", sku: fastmagSku },
      ...[LINKED, IGNORED, ONLY_IGNORED].map((sku) => ({ shop: world.shop, side: "shopify", sku })),
    ],
  });
  await decideUnmatched(world.shop, { intent: "link", sku: fastmagSku, shopifySku: LINKED });
  await decideUnmatched(world.shop, { intent: "ignore", side: "shopify", sku: IGNORED });
  await decideUnmatched(world.shop, { intent: "ignore", side: "shopify", sku: ONLY_IGNORED });
});

afterAll(async () => {
  await Promise.all([tuyo?.close(), world?.close(), new Promise((resolve) => images?.close(resolve))]);
});

async function run(type: string, params?: Record<string, unknown>) {
  const { jobId } = await enqueueJob({ db }, { shop: world.shop, type, trigger: "api", params });
  await runDueJobs({ db, types: [type] });
  return { jobId, job: await getJob({ db }, world.shop, jobId) };
}
const tuyoVariant = (sku: string) =>
  tuyo
    .products()
    .flatMap((p) => p.variants)
    .find((v) => v.sku === sku);

describe("Tuyo and the Unmatched decisions", () => {
  it("publishing leaves out ignored SKUs; a product with only ignored SKUs is not listed, with the reason", async () => {
    const { jobId, job } = await run("listings.publish", { productIds: Object.values(productIds) });
    expect(job).toMatchObject({ status: "succeeded", result: { listed: 1, ignored: 1 } });
    expect(tuyoVariant(LINKED)).toBeTruthy();
    expect(tuyoVariant(IGNORED)).toBeUndefined();
    expect(tuyoVariant(ONLY_IGNORED)).toBeUndefined();
    expect(tuyo.products()).toHaveLength(1);
    const skipped = await db.jobSkippedItem.findMany({ where: { jobId } });
    expect(skipped).toEqual([
      expect.objectContaining({
        externalId: productIds.Gorra,
        reason: '"Gorra" is not listed: every SKU of it is ignored on the Unmatched screen',
      }),
    ]);
  });

  it("the full stock run gives the linked listed variant the Fastmag level of the linked SKU", async () => {
    world.moveErpStock(fastmagSku, 7, "2026-01-01 10:00:00");
    const expected = world.erpWebStock().get(fastmagSku)!;
    expect(expected).toBeGreaterThan(0);
    expect(tuyoVariant(LINKED)!.stock[0]!.stock).toBe(0);
    const { job } = await run("stock.full");
    expect(job).toMatchObject({ status: "succeeded" });
    expect(tuyoVariant(LINKED)!.stock[0]!.stock).toBe(expected);
  });
});
