// The catalog import honours the Unmatched screen's decisions (ADR 0022), against the Fastmag and Shopify
// emulators: an ignored Fastmag SKU is not created in Shopify (a product of only ignored SKUs not at all);
// a linked one is found by the first import under the Shopify SKU it was linked to, and the season import
// then updates that Shopify variant, keeping its SKU, instead of creating a second product; a new product
// holding a SKU linked to a variant of a product the import does not know is refused with the reason, never duplicated.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "~/db.server";
import { linkExistingProducts } from "~/sync/catalog/first-import.server";
import { quietReporter } from "~/sync/sync-context";
import { decideUnmatched } from "~/sync/unmatched/screen.server";
import { createProduct } from "../../emulators/shopify/catalog";
import { merchandisingOf } from "../../emulators/shopify/merchandising";
import { startCatalogWorld, type CatalogWorld } from "./catalog-harness";

let world: CatalogWorld;
interface Row {
  reference: string;
  color: string;
  size: string;
}
const skuOf = (r: Row) => `${r.reference}|${r.color}|${r.size}`;
let linkedRef: Row[]; // its first variant is sold in Shopify under another SKU, in a product made by hand
let partlyIgnored: Row[]; // its first variant is ignored
let allIgnored: Row[]; // every variant ignored
let linkedNew: Row[]; // its first variant linked to a variant of a product the import does not know
const HAND_SKU = "MAIN-0001";
const STRAY_SKU = "MAIN-0002";
let handMadeId: number;

beforeAll(async () => {
  world = await startCatalogWorld({ variants: 200 });
  const refs = (
    world.fastmag.emulator.db
      .prepare(
        `SELECT reference FROM products WHERE season = 'E23' GROUP BY reference
         HAVING COUNT(*) >= 2 AND MIN(color) <> '' AND MIN(size) <> '' ORDER BY reference LIMIT 4`,
      )
      .all() as { reference: string }[]
  ).map(
    (r) =>
      world.fastmag.emulator.db
        .prepare("SELECT reference, color, size FROM products WHERE reference = ? ORDER BY color, size")
        .all(r.reference) as Row[],
  );
  expect(refs).toHaveLength(4);
  [linkedRef, partlyIgnored, allIgnored, linkedNew] = refs as [Row[], Row[], Row[], Row[]];
  const first = linkedRef[0]!;
  handMadeId = createProduct(world.shopify.store, world.shopRecord, {
    title: "Fait main",
    handle: "fait-main",
    options: [
      { name: "Color", values: [first.color] },
      { name: "Size", values: [first.size] },
    ],
    variants: [{ sku: HAND_SKU, price: "1.00", options: { Color: first.color, Size: first.size } }],
  }).id;
  createProduct(world.shopify.store, world.shopRecord, {
    title: "Autre fait main",
    handle: "autre-fait-main",
    variants: [{ sku: STRAY_SKU, price: "1.00" }],
  });

  // What a full stock run left on the Unmatched screen, and the merchant's decisions on it.
  const ignored = [partlyIgnored[0]!, ...allIgnored].map(skuOf);
  await db.unmatchedSku.createMany({
    data: [
      ...[skuOf(first), skuOf(linkedNew[0]!), ...ignored].map((sku) => ({ shop: world.shop, side: "source", sku })),
      ...[HAND_SKU, STRAY_SKU].map((sku) => ({ shop: world.shop, side: "shopify", sku })),
    ],
  });
  await decideUnmatched(world.shop, { intent: "link", sku: skuOf(first), shopifySku: HAND_SKU });
  for (const sku of ignored) await decideUnmatched(world.shop, { intent: "ignore", side: "source", sku });
});
afterAll(() => world?.close());

const productsWithId = (reference: string) => {
  const metafields = merchandisingOf(world.shopify.store, world.shopRecord).metafields;
  return [...world.shopRecord.products.values()].filter(
    (p) => metafields.get(p.id)?.get("passerelle.fastmag_id")?.value === reference,
  );
};
const skusOf = (productId: number) =>
  world.shopRecord.products
    .get(productId)!
    .variantIds.map((id) => world.shopRecord.variants.get(id)!.sku)
    .sort();
const allShopifySkus = () => [...world.shopRecord.variants.values()].map((v) => v.sku);

describe("the catalog import and the Unmatched decisions", () => {
  it("the first import matches a product made by hand through a linked SKU", async () => {
    const result = await linkExistingProducts(["E23"], {
      db,
      shop: world.shop,
      client: world.client,
      source: world.source,
      sourceName: "Fastmag",
      report: quietReporter(),
      bulkPollMs: 20,
    });
    expect(result.matched).toEqual([
      expect.objectContaining({ productId: `gid://shopify/Product/${handMadeId}`, sourceKey: linkedRef[0]!.reference }),
    ]);
  });

  let result: Awaited<ReturnType<CatalogWorld["importSeason"]>>;

  it("the season import leaves ignored SKUs out, and does not report them as gone", async () => {
    // Linked after the first import ran: the import does not know the product that holds the variant.
    await decideUnmatched(world.shop, { intent: "link", sku: skuOf(linkedNew[0]!), shopifySku: STRAY_SKU });
    result = await world.importSeason("E23");
    const [partly] = productsWithId(partlyIgnored[0]!.reference);
    expect(skusOf(partly!.id)).toEqual(partlyIgnored.slice(1).map(skuOf).sort());
    expect(productsWithId(allIgnored[0]!.reference)).toEqual([]);
    expect(result.plan.find((p) => p.key === allIgnored[0]!.reference)).toMatchObject({ action: "ignored" });
    expect(result.goneVariants).toBe(0);
  });

  it("the season import updates the linked variant under its Shopify SKU instead of making a second product", async () => {
    const linked = productsWithId(linkedRef[0]!.reference);
    expect(linked.map((p) => p.id)).toEqual([handMadeId]);
    expect(skusOf(handMadeId)).toEqual([HAND_SKU, ...linkedRef.slice(1).map(skuOf)].sort());
    expect(allShopifySkus()).not.toContain(skuOf(linkedRef[0]!));
  });

  it("refuses, with the reason, a new product whose linked SKU another product holds", async () => {
    expect(productsWithId(linkedNew[0]!.reference)).toEqual([]);
    expect(allShopifySkus().filter((sku) => sku === STRAY_SKU)).toHaveLength(1);
    expect(result.report.skipped).toContainEqual(
      expect.objectContaining({
        externalId: linkedNew[0]!.reference,
        reason: expect.stringContaining(`is linked to the Shopify variant ${STRAY_SKU}`),
      }),
    );
  });

  it("a second run with nothing changed sends nothing", async () => {
    const result = await world.importSeason("E23");
    expect(result).toMatchObject({ created: 0, updated: 0, writes: 0, goneVariants: 0 });
  });
});
