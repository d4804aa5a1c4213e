// First import (/sync-inventory-fastmagid): products made by hand in Shopify are matched to Fastmag's by
// SKU, then by barcode; matches get their FastmagID and are updated (not duplicated) by the next season
// import; conflicts are listed and nothing is guessed.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "~/db.server";
import { linkExistingProducts } from "~/sync/catalog/first-import.server";
import { quietReporter } from "~/sync/sync-context";
import { createProduct } from "../../emulators/shopify/catalog";
import { merchandisingOf } from "../../emulators/shopify/merchandising";
import { startCatalogWorld, type CatalogWorld } from "./catalog-harness";

let world: CatalogWorld;
beforeAll(async () => {
  world = await startCatalogWorld({ variants: 200 });
});
afterAll(() => world?.close());

interface Row {
  reference: string;
  color: string;
  size: string;
  gencod: string;
}
const rowsOf = (reference: string) =>
  world.fastmag.emulator.db
    .prepare("SELECT reference, color, size, gencod FROM products WHERE reference = ? ORDER BY color, size")
    .all(reference) as Row[];
const skuOf = (r: Row) => `${r.reference}|${r.color}|${r.size}`;
const handMade = (title: string, variants: { sku?: string; barcode?: string }[]) =>
  createProduct(world.shopify.store, world.shopRecord, {
    title,
    handle: title.toLowerCase().replace(/\W+/g, "-"),
    options: [{ name: "Variante", values: variants.map((_, i) => `V${i}`) }],
    variants: variants.map((v, i) => ({ ...v, price: "10.00", options: { Variante: `V${i}` } })),
  });
const fastmagIdOf = (productId: number) =>
  merchandisingOf(world.shopify.store, world.shopRecord).metafields.get(productId)?.get("passerelle.fastmag_id")?.value;

describe("first import", () => {
  it("matches by SKU then barcode, marks the matches and lists the conflicts without guessing", async () => {
    const refs = (
      world.fastmag.emulator.db
        .prepare("SELECT DISTINCT reference FROM products WHERE season = 'E23' ORDER BY reference LIMIT 5")
        .all() as { reference: string }[]
    ).map((r) => r.reference);
    const [a, b, c, d, e] = refs.map(rowsOf);
    const bySku = handMade(
      "Par SKU",
      a.map((r) => ({ sku: skuOf(r) })),
    );
    const byBarcode = handMade(
      "Par code-barres",
      b.map((r) => ({ sku: `OLD-${r.size}`, barcode: r.gencod })),
    );
    const twinOne = handMade("Jumeau un", [{ sku: skuOf(c[0]) }]);
    const twinTwo = handMade("Jumeau deux", [{ sku: skuOf(c[0]) }]);
    const mixed = handMade("Mélange", [{ sku: skuOf(d[0]) }, { sku: skuOf(e[0]) }]);
    handMade("Sans rapport", [{ sku: "AUTRE-1" }]);

    const report = quietReporter();
    const result = await linkExistingProducts(["E23"], {
      db,
      shop: world.shop,
      client: world.client,
      source: world.source,
      sourceName: "Fastmag",
      report,
      bulkPollMs: 20,
    });
    expect(result.matched.map((m) => [m.title, m.sourceKey, m.by])).toEqual([
      ["Par SKU", refs[0], "sku"],
      ["Par code-barres", refs[1], "barcode"],
    ]);
    expect(result.unmatched).toBe(1);
    expect(fastmagIdOf(bySku.id)).toBe(refs[0]);
    expect(fastmagIdOf(byBarcode.id)).toBe(refs[1]);
    for (const p of [twinOne, twinTwo, mixed]) expect(fastmagIdOf(p.id)).toBeUndefined();
    const reasons = Object.fromEntries(result.conflicts.map((c) => [c.title, c.reason]));
    expect(reasons["Jumeau un"]).toBe(
      `SKU ${skuOf(c[0])} is also on "Jumeau deux": which product is ${refs[2]} cannot be told, nothing was changed`,
    );
    expect(reasons["Jumeau deux"]).toMatch(/is also on "Jumeau un"/);
    expect(reasons["Mélange"]).toBe(
      `its variants point at 2 Fastmag products (${refs[3]}, ${refs[4]}): split it in Shopify or fix the SKUs, nothing was changed`,
    );
    expect(report.skipped.map((s) => s.externalId).sort()).toEqual(
      [twinOne, twinTwo, mixed].map((p) => `gid://shopify/Product/${p.id}`).sort(),
    );

    // The season import now updates the matched products instead of creating second ones.
    const before = world.shopRecord.products.size;
    const run = await world.importSeason("E23", { bulkFrom: 1_000 });
    expect(run.plan.find((p) => p.key === refs[0])?.action).toBe("update");
    expect(run.plan.find((p) => p.key === refs[1])?.action).toBe("update");
    expect(world.shopRecord.products.size).toBe(before + run.created);
    expect(world.shopRecord.products.get(bySku.id)!.status).toBe("ACTIVE");
    // A re-run of the first import finds them linked already and writes nothing.
    const again = await linkExistingProducts(["E23"], {
      db,
      shop: world.shop,
      client: world.client,
      source: world.source,
      sourceName: "Fastmag",
      report: quietReporter(),
      bulkPollMs: 20,
    });
    expect(again.matched).toEqual([]);
    expect(again.writes).toBe(0);
  });
});
