// Publishing a Shopify collection on Tuyo with both emulators: variants from options, images from
// Shopify's media URLs, stock for the branch; too-long SKUs, missing images and unmapped categories
// refused before sending; later runs send only what changed (bulk_update); unpublishing deactivates;
// stock of listed variants reaches Tuyo through the stock destination.
import http from "node:http";
import type net from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { saveCategoryRule } from "~/connectors/tuyo/categories.server";
import { providerOf, setUpProvidersOf } from "~/connectors/registry.server";
import { db } from "~/db.server";
import { enqueueJob } from "~/jobs/api.server";
import { jobDeps } from "~/jobs/deps.server";
import { registerModules } from "~/modules.server";
import { setTuyoCargoOverride, tuyoListingsScreen } from "~/settings/tuyo.server";
import { adminClientForShop } from "~/shopify/admin-for-shop.server";
import { installShopifyOriginOverride } from "~/shopify/api-origin.server";
import { publishProducts, unpublishProducts } from "~/sync/listings/publish.server";
import { quietReporter } from "~/sync/sync-context";
import { startShopifyEmulator, type ShopifyEmulator } from "../../emulators/shopify/index";
import type { TuyoEmulator } from "../../emulators/tuyo/index";
import { installShop } from "../support/admin-request";
import { pollUntil, shopifyClient } from "../support/shopify-emulator-client";
import { uniqueShop } from "../support/shops";
import { setUpTuyo, startTuyo } from "./tuyo-harness";

const shop = uniqueShop("tuyopub");
let shopify: ShopifyEmulator;
let tuyo: TuyoEmulator;
let images: http.Server;
let imageUrl: string;
let collectionId: string;
const ids: Record<string, string> = {};

const PNG = Buffer.from(
  "89504e470d0a1a0a0000000d4948445200000001000000010806000000" +
    "1f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082",
  "hex",
);

beforeAll(async () => {
  images = http.createServer((_req, res) => res.writeHead(200, { "content-type": "image/png" }).end(PNG));
  await new Promise<void>((resolve) => images.listen(0, "127.0.0.1", resolve));
  imageUrl = `http://127.0.0.1:${(images.address() as net.AddressInfo).port}/shoe.png`;
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
            title: "Nike AIR",
            productType: "Zapatos",
            tags: ["running"],
            descriptionHtml: "<p>Ultra comfortable</p>",
            options: [
              { name: "Talla", values: ["8"] },
              { name: "Color", values: ["Negro", "Blanco"] },
            ],
            variants: [
              { sku: "NIKE-8-N", price: "85.99", options: { Talla: "8", Color: "Negro" }, inventory: { Bodega: 5 } },
              { sku: "NIKE-8-B", price: "85.99", options: { Talla: "8", Color: "Blanco" }, inventory: { Bodega: 3 } },
            ],
          },
          {
            title: "Gorra sin foto",
            productType: "Zapatos",
            variants: [{ sku: "GORRA-1", price: "10", inventory: { Bodega: 1 } }],
          },
          {
            title: "SKU largo",
            productType: "Zapatos",
            variants: [{ sku: "ABCDEFGHIJKLMNOPQRSTU", price: "10", inventory: { Bodega: 1 } }],
          },
          {
            // Heavy (120 lb): its cargo type comes from the variants' weight in Shopify. Not in the collection.
            title: "Refrigeradora",
            productType: "Zapatos",
            variants: [
              { sku: "REFRI-1", price: "900", weight: { value: 120, unit: "POUNDS" }, inventory: { Bodega: 2 } },
            ],
          },
          {
            title: "Sin categoria",
            productType: "Otros",
            variants: [{ sku: "OTRO-1", price: "10", inventory: { Bodega: 1 } }],
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

  const client = shopifyClient(shopify, shop);
  for (const p of shopify.store.shop(shop).products.values()) ids[p.title] = `gid://shopify/Product/${p.id}`;
  const made = await client.control("collections", {
    title: "Tuyo",
    products: Object.entries(ids)
      .filter(([title]) => title !== "Refrigeradora")
      .map(([, id]) => id),
  });
  collectionId = ((await made.json()) as { id: string }).id;
  for (const title of ["Nike AIR", "SKU largo", "Sin categoria", "Refrigeradora"]) {
    const { data } = await client.gql(
      `mutation M($id: ID!, $media: [CreateMediaInput!]!) { productCreateMedia(productId: $id, media: $media) { media { id } mediaUserErrors { message } } }`,
      { id: ids[title], media: [{ originalSource: imageUrl, mediaContentType: "IMAGE" }] },
    );
    expect(data.productCreateMedia.mediaUserErrors).toEqual([]);
  }
  await pollUntil(
    () =>
      client.gql(`query P($id: ID!) { product(id: $id) { media(first: 1) { nodes { status } } } }`, {
        id: ids["Nike AIR"],
      }),
    (answer) => answer.data.product.media.nodes[0]?.status === "READY",
  );
});

afterAll(async () => {
  await Promise.all([tuyo?.close(), shopify?.close(), new Promise((resolve) => images?.close(resolve))]);
});

async function deps() {
  const ctx = { shop, db, timeoutMs: 10_000 };
  const destinations = (await setUpProvidersOf(ctx, "catalog-destination")).map((p) => ({
    id: p.id,
    name: p.name,
    destination: p.port,
  }));
  return { admin: await adminClientForShop(shop), destinations, report: quietReporter() };
}
const tuyoCalls = (path: string) => tuyo.calls().filter((c) => c.path === path).length;

describe("publishing on Tuyo", () => {
  it("lists a collection with variants, images and stock; refuses what it cannot list before sending", async () => {
    const publishing = await deps();
    const report = publishing.report;
    const result = await publishProducts(publishing, { kind: "collection", collectionId });
    expect(result).toMatchObject({ seen: 4, listed: 1, updated: 0, unchanged: 0, failed: [] });
    const reasons = Object.fromEntries(result.refused.map((r) => [r.productId, r.reason]));
    expect(reasons[ids["Gorra sin foto"]!]).toMatch(/no image/);
    expect(reasons[ids["SKU largo"]!]).toMatch(/has 21 characters; Tuyo takes at most 20/);
    expect(reasons[ids["Sin categoria"]!]).toMatch(/No Tuyo category is mapped for product type "Otros"/);
    // The run's skipped rows carry the words: a French admin reads them in French, Tuyo's name first.
    expect(report.inFrench).toContain("Tuyo : Le produit n'a pas d'image ; Tuyo en demande au moins une.");
    expect(tuyoCalls("/api/create_products")).toBe(1);

    const [listed, ...others] = tuyo.products();
    expect(others).toEqual([]);
    expect(listed).toMatchObject({
      sku: `SH${ids["Nike AIR"]!.split("/").pop()}`,
      name: "Nike AIR",
      description: "Ultra comfortable",
      hasVariant: true,
      fk_categoriesId: 2,
      fk_subcategoriesId: 3,
      fk_productsTypesId: 1,
      cargoType: "Motocicleta",
      images: [expect.objectContaining({ url: imageUrl })],
    });
    expect(
      listed!.variants.map((v) => ({ sku: v.sku, attributes: v.attributes, values: v.values, stock: v.stock })),
    ).toEqual([
      {
        sku: "NIKE-8-N",
        attributes: "Talla,Color",
        values: "8,Negro",
        stock: [expect.objectContaining({ stock: 5, fk_storesBranchesId: 428 })],
      },
      {
        sku: "NIKE-8-B",
        attributes: "Talla,Color",
        values: "8,Blanco",
        stock: [expect.objectContaining({ stock: 3, fk_storesBranchesId: 428 })],
      },
    ]);
    const rows = await db.tuyoListing.findMany({ where: { shop }, orderBy: { state: "asc" } });
    expect(rows.map((r) => r.state).sort()).toEqual(["listed", "refused", "refused", "refused"]);

    // Tuyo → Listings: a French admin reads why in French, an English one the stored English; a row
    // stored before its words were shows the English.
    const reasonOn = async (locale: "en" | "fr") =>
      (await tuyoListingsScreen(shop, locale)).listings.find((l) => l.productId === ids["Gorra sin foto"])?.reason;
    expect(await reasonOn("fr")).toBe("Le produit n'a pas d'image ; Tuyo en demande au moins une.");
    expect(await reasonOn("en")).toBe("The product has no image; Tuyo needs at least one.");
    await db.tuyoListing.updateMany({
      where: { shop, shopifyProductId: ids["Gorra sin foto"] },
      data: { reasonWords: null },
    });
    expect(await reasonOn("fr")).toBe("The product has no image; Tuyo needs at least one.");
  });

  it("sends nothing for unchanged products, and only the changed ones with bulk_update", async () => {
    const before = tuyo.calls().length;
    const again = await publishProducts(await deps(), { kind: "collection", collectionId });
    expect(again).toMatchObject({ listed: 0, updated: 0, unchanged: 1 });
    expect(tuyo.calls().length).toBe(before);

    const client = shopifyClient(shopify, shop);
    await client.gql(
      `mutation T($id: ID!, $tags: [String!]!) { tagsAdd(id: $id, tags: $tags) { userErrors { message } } }`,
      {
        id: ids["Nike AIR"],
        tags: ["verano"],
      },
    );
    const changed = await publishProducts(await deps(), { kind: "collection", collectionId });
    expect(changed).toMatchObject({ listed: 0, updated: 1, unchanged: 0 });
    expect(tuyoCalls("/api/bulk_update")).toBe(1);
    expect(tuyoCalls("/api/create_products")).toBe(1);
    expect(tuyo.products()[0]!.tags).toBe("running,verano");
  });

  it("sends a cargo type override with the next publishing; publishing runs as a job with checked params", async () => {
    await setTuyoCargoOverride(shop, { productId: ids["Nike AIR"], cargoType: "Pesado" });
    await expect(setTuyoCargoOverride(shop, { productId: ids["Nike AIR"], cargoType: "Barco" })).rejects.toThrow(
      /cannot be set/,
    );
    const result = await publishProducts(await deps(), { kind: "products", productIds: [ids["Nike AIR"]!] });
    expect(result).toMatchObject({ updated: 1 });
    expect(tuyo.products()[0]!.cargoType).toBe("Pesado");

    registerModules();
    await expect(
      enqueueJob(jobDeps, { shop, type: "listings.publish", params: { tag: "x", collectionId: collectionId } }),
    ).rejects.toThrow(/exactly one of collectionId, tag or productIds/);
    const queued = await enqueueJob(jobDeps, { shop, type: "listings.publish", params: { collectionId } });
    expect(queued.status).toBe("queued");
    // Taking products off takes up to 250 at once (the job's own limit, not the size of its settings).
    const gids = (count: number) =>
      Array.from({ length: count }, (_, n) => `gid://shopify/Product/${9_000_000_000_000 + n}`);
    const unpublish = await enqueueJob(jobDeps, {
      shop,
      type: "listings.unpublish",
      params: { productIds: gids(250) },
    });
    expect(unpublish.status).toBe("queued");
    await db.job.delete({ where: { id: unpublish.jobId } });
    await expect(
      enqueueJob(jobDeps, { shop, type: "listings.unpublish", params: { productIds: gids(251) } }),
    ).rejects.toMatchObject({ fieldErrors: { productIds: expect.any(String) } });
  });

  it("sends stock changes of listed variants only, and unpublishing deactivates", async () => {
    const stock = await providerOf({ shop, db }, "tuyo", "stock-destination");
    const report = await stock!.port.writeChanges([
      { sku: "NIKE-8-B" as never, available: 9 },
      { sku: "NOT-ON-TUYO" as never, available: 4 },
      { sku: "NIKE-8-N" as never, available: 5 },
    ]);
    expect(report).toMatchObject({ changed: 1, unchanged: 1, calls: 1 });
    const variant = tuyo.products()[0]!.variants.find((v) => v.sku === "NIKE-8-B")!;
    expect(variant.stock[0]!.stock).toBe(9);

    expect(await unpublishProducts(await deps(), [ids["Nike AIR"]!, ids["Gorra sin foto"]!])).toEqual({ unlisted: 1 });
    expect(tuyo.products()[0]!.active).toBe(false);
  });

  it("takes a thousand products in one publish (its listings are read a few hundred at a time)", async () => {
    const catalog = (await providerOf({ shop, db }, "tuyo", "catalog-destination"))!.port;
    const many = Array.from({ length: 1000 }, (_, i) => ({
      productId: `gid://shopify/Product/${900000 + i}`,
      title: `Caja ${i}`,
      description: "",
      productType: "Sin mapa",
      tags: [],
      collectionIds: [],
      options: [],
      imageUrls: [imageUrl],
      variants: [{ sku: `CAJA-${i}`, optionValues: [], price: 5, available: 1 }],
    }));
    const before = tuyo.calls().length;
    const outcomes = await catalog.publish(many);
    expect(outcomes).toHaveLength(1000);
    expect(outcomes.every((o) => o.state === "refused")).toBe(true);
    expect(tuyo.calls().length).toBe(before);
  });

  it("derives the cargo type from the variants' shipping weight in Shopify (InventoryItem.measurement.weight)", async () => {
    const result = await publishProducts(await deps(), { kind: "products", productIds: [ids["Refrigeradora"]!] });
    expect(result).toMatchObject({ listed: 1, refused: [] });
    // 120 lb: more than a motorcycle takes (50 lb), within Liviano's 1700 lb.
    expect(tuyo.products().find((p) => p.name === "Refrigeradora")!.cargoType).toBe("Liviano");
  });
});
