// Tuyo as a stock destination in the real stock.changes job (run as the worker runs it): after Fastmag
// stock movements, the differential run sends the new levels of the variants listed on Tuyo, and leaves
// out the SKUs that are not on Tuyo. Fastmag, Shopify and Tuyo are their emulators.
import http from "node:http";
import type net from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fastmagDateTime } from "~/connectors/fastmag/queries.server";
import { saveRouting } from "~/connectors/routing.server";
import { saveCategoryRule } from "~/connectors/tuyo/categories.server";
import { providerOf } from "~/connectors/registry.server";
import { db } from "~/db.server";
import { enqueueJob, getJob } from "~/jobs/api.server";
import { runDueJobs } from "~/jobs/worker.server";
import { registerModules } from "~/modules.server";
import type { TuyoEmulator } from "../../emulators/tuyo/index";
import { installWorldShopWithFastmag, startStockWorld, type StockWorld } from "./stock-harness";
import { setUpTuyo, startTuyo } from "./tuyo-harness";

let world: StockWorld;
let tuyo: TuyoEmulator;
let images: http.Server;
let imageUrl: string;

const PNG = Buffer.from(
  "89504e470d0a1a0a0000000d4948445200000001000000010806000000" +
    "1f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082",
  "hex",
);

beforeAll(async () => {
  images = http.createServer((_req, res) => res.writeHead(200, { "content-type": "image/png" }).end(PNG));
  await new Promise<void>((resolve) => images.listen(0, "127.0.0.1", resolve));
  imageUrl = `http://127.0.0.1:${(images.address() as net.AddressInfo).port}/item.png`;
  world = await startStockWorld({ variants: 60, initialShopifyLevel: () => 0 });
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
});

afterAll(async () => {
  await Promise.all([tuyo?.close(), world?.close(), new Promise((resolve) => images?.close(resolve))]);
});

async function run(type: string) {
  const { jobId } = await enqueueJob({ db }, { shop: world.shop, type, trigger: "api" });
  await runDueJobs({ db, types: [type] });
  return getJob({ db }, world.shop, jobId);
}
const tuyoStock = (sku: string) =>
  tuyo
    .products()
    .flatMap((p) => p.variants)
    .find((v) => v.sku === sku)?.stock[0]?.stock;

describe("stock changes reach Tuyo", () => {
  it("the stock.changes job sends the moved stock of listed variants to Tuyo, not of the others", async () => {
    // Tuyo takes SKUs of at most 20 characters: two short ones are listed, a long one stays off Tuyo.
    const short = world.skus.filter((sku) => sku.length <= 20);
    expect(short.length).toBeGreaterThanOrEqual(2);
    const [onTuyo, alsoOnTuyo] = [short[0]!, short[1]!];
    const notOnTuyo = world.skus.find((sku) => sku !== onTuyo && sku !== alsoOnTuyo)!;
    // Two SKUs listed on Tuyo (one product each, as the catalog destination lists them), stock 0.
    const catalog = (await providerOf({ shop: world.shop, db }, "tuyo", "catalog-destination"))!.port;
    const outcomes = await catalog.publish(
      [onTuyo, alsoOnTuyo].map((sku, i) => ({
        productId: `gid://shopify/Product/${800000 + i}`,
        title: `Articulo ${i}`,
        description: "",
        productType: "Ropa",
        tags: [],
        collectionIds: [],
        options: [],
        imageUrls: [imageUrl],
        variants: [{ sku, optionValues: [], price: 10, available: 0 }],
      })),
    );
    expect(outcomes).toEqual([
      expect.objectContaining({ state: "listed" }),
      expect.objectContaining({ state: "listed" }),
    ]);

    // The first run has no watermark: a full run, which sends Fastmag's levels to Tuyo too.
    const first = await run("stock.changes");
    expect(first).toMatchObject({ status: "succeeded", result: { mode: "full" } });
    const web = world.erpWebStock();
    expect(tuyoStock(onTuyo)).toBe(web.get(onTuyo));
    expect(tuyoStock(alsoOnTuyo)).toBe(web.get(alsoOnTuyo));

    const at = fastmagDateTime(new Date(Date.now() + 60_000));
    world.moveErpStock(onTuyo, 7, at);
    world.moveErpStock(notOnTuyo, 4, at);
    const bulkBefore = tuyo.calls().filter((c) => c.path === "/api/bulk_update").length;
    const second = await run("stock.changes");
    expect(second).toMatchObject({
      status: "succeeded",
      result: { mode: "differential", destinations: { tuyo: { changed: 1, calls: 1 } } },
    });
    expect(tuyo.calls().filter((c) => c.path === "/api/bulk_update").length).toBe(bulkBefore + 1);
    const moved = world.erpWebStock();
    expect(tuyoStock(onTuyo)).toBe(moved.get(onTuyo));
    expect(tuyoStock(onTuyo)).toBe(web.get(onTuyo)! + 7);
    expect(tuyoStock(alsoOnTuyo)).toBe(web.get(alsoOnTuyo));
    expect(world.shopifyLevels().get(notOnTuyo)).toBe(moved.get(notOnTuyo));

    // The overlap reads the same movements again: nothing more is sent to Tuyo.
    const third = await run("stock.changes");
    expect(third).toMatchObject({ status: "succeeded", result: { mode: "differential" } });
    expect(tuyo.calls().filter((c) => c.path === "/api/bulk_update").length).toBe(bulkBefore + 1);
  });
});
