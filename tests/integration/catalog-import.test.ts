// Products by season into Shopify: productSet identified by the unique FastmagID metafield, new
// products as DRAFT, a re-run with nothing changed writing nothing, one ERP change updating one product,
// a large season as one bulk mutation with Shopify's per-product errors as skipped records, variants gone
// from the ERP kept and reported, and Shopify's limits refused before sending.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { limitProblem } from "~/sync/catalog/import.server";
import { merchandisingOf } from "../../emulators/shopify/merchandising";
import { startCatalogWorld, type CatalogWorld } from "./catalog-harness";

let world: CatalogWorld;
beforeAll(async () => {
  world = await startCatalogWorld({ variants: 400 });
});
afterAll(() => world?.close());

const erpReferences = (season: string) =>
  (
    world.fastmag.emulator.db
      .prepare("SELECT DISTINCT reference FROM products WHERE season = ? AND active = 1 ORDER BY reference")
      .all(season) as { reference: string }[]
  ).map((r) => r.reference);
const shopifyProducts = () => [...world.shopRecord.products.values()];
const fastmagIdOf = (productId: number) =>
  merchandisingOf(world.shopify.store, world.shopRecord).metafields.get(productId)?.get("passerelle.fastmag_id")?.value;

describe("importing a season", () => {
  it("creates every product of the season as a draft with its FastmagID, then writes nothing on a re-run", async () => {
    const references = erpReferences("E23");
    const first = await world.importSeason("E23", { bulkFrom: 1_000 });
    expect(first).toMatchObject({ mode: "one-by-one", created: references.length, updated: 0, failed: 0 });
    expect(first.report.skipped).toEqual([]);
    const products = shopifyProducts();
    expect(products).toHaveLength(references.length);
    expect(products.every((p) => p.status === "DRAFT")).toBe(true);
    expect(products.map((p) => fastmagIdOf(p.id)).sort()).toEqual(references);
    const definition = [...merchandisingOf(world.shopify.store, world.shopRecord).definitions.values()][0];
    expect(definition).toMatchObject({ namespace: "passerelle", key: "fastmag_id", uniqueValues: true });
    const variant = [...world.shopRecord.variants.values()][0];
    expect(variant.sku).toMatch(/^[^|]+\|[^|]*\|[^|]*$/);
    expect(variant.barcode).toMatch(/^\d{13}$/);
    expect(world.shopRecord.inventoryItems.get(variant.inventoryItemId)!.weight).toEqual({
      value: expect.any(Number),
      unit: "GRAMS",
    });

    const callsBefore = world.calls().length;
    const second = await world.importSeason("E23", { bulkFrom: 1_000 });
    expect(second).toMatchObject({ writes: 0, created: 0, updated: 0, unchanged: references.length, mode: "none" });
    expect(world.calls().length).toBe(callsBefore);
  });

  it("updates only the product whose variant changed in the ERP, and keeps it in its status", async () => {
    const reference = erpReferences("E23")[1];
    const product = shopifyProducts().find((p) => fastmagIdOf(p.id) === reference)!;
    product.status = "ACTIVE"; // the merchant published it meanwhile
    world.fastmag.emulator.db
      .prepare(
        "UPDATE products SET price = 999 WHERE reference = ? AND rowid = (SELECT MIN(rowid) FROM products WHERE reference = ?)",
      )
      .run(reference, reference);
    const run = await world.importSeason("E23", { bulkFrom: 1_000 });
    expect(run).toMatchObject({ updated: 1, created: 0, writes: 1 });
    expect(run.plan.filter((p) => p.action === "update").map((p) => p.key)).toEqual([reference]);
    expect(world.shopRecord.products.get(product.id)!.status).toBe("ACTIVE");
    const prices = product.variantIds.map((id) => world.shopRecord.variants.get(id)!.price);
    expect(prices).toContain("999.00");
  });

  it("keeps and reports a variant gone from the ERP instead of deleting it", async () => {
    const product = shopifyProducts().find((p) => p.variantIds.length > 1 && p.status === "DRAFT")!;
    const before = product.variantIds.length;
    const sku = world.shopRecord.variants.get(product.variantIds[0])!.sku!;
    const [ref, color, size] = sku.split("|");
    world.fastmag.emulator.db
      .prepare("UPDATE products SET active = 0 WHERE reference = ? AND color = ? AND size = ?")
      .run(ref, color, size);
    const run = await world.importSeason("E23", { bulkFrom: 1_000 });
    expect(run).toMatchObject({ goneVariants: 1, updated: 1 });
    expect(world.shopRecord.products.get(product.id)!.variantIds).toHaveLength(before);
    expect(run.report.skipped).toContainEqual({
      entity: "variant",
      externalId: sku,
      reason: "No longer in Fastmag's season E23: kept in Shopify, not deleted.",
    });
    expect((await world.importSeason("E23", { bulkFrom: 1_000 })).writes).toBe(0);
  });

  it("reports a product gone from the season, and archives it when the setting says so", async () => {
    const product = shopifyProducts().find((p) => p.variantIds.length === 1 && p.status === "DRAFT")!;
    const reference = fastmagIdOf(product.id)!;
    world.fastmag.emulator.db.prepare("UPDATE products SET active = 0 WHERE reference = ?").run(reference);
    const reported = await world.importSeason("E23", { bulkFrom: 1_000 });
    expect(reported).toMatchObject({ goneProducts: 1, archived: 0, writes: 0 });
    expect(reported.plan.find((p) => p.key === reference)).toMatchObject({ action: "gone" });
    const archived = await world.importSeason("E23", { bulkFrom: 1_000, archiveGone: true });
    expect(archived).toMatchObject({ goneProducts: 1, archived: 1, writes: 1 });
    expect(world.shopRecord.products.get(product.id)!.status).toBe("ARCHIVED");
    expect((await world.importSeason("E23", { bulkFrom: 1_000, archiveGone: true })).writes).toBe(0);
  });

  it("sends a large season as one bulk mutation and turns Shopify's per-product errors into skipped records", async () => {
    const references = erpReferences("H23");
    const broken = references[0];
    world.fastmag.emulator.db
      .prepare("UPDATE products SET designation = ? WHERE reference = ?")
      .run("x".repeat(300), broken);
    const run = await world.importSeason("H23", { bulkFrom: 5 });
    expect(run).toMatchObject({ mode: "bulk", created: references.length - 1, failed: 1 });
    expect(world.calls().filter((c) => c === "BulkMutationRun")).toHaveLength(1);
    // A refusal is a failed item (the run succeeds with problems), not a skipped one.
    expect(run.report.skipped).toEqual([]);
    expect(run.report.failed).toEqual([
      {
        entity: "product",
        externalId: broken,
        reason: `Shopify refused ${"x".repeat(300)} (${broken}): “Title is too long (maximum is 255 characters)”`,
      },
    ]);
    // The refused product is tried again next time; the others are not sent.
    const again = await world.importSeason("H23", { bulkFrom: 5 });
    expect(again).toMatchObject({ mode: "one-by-one", writes: 1, failed: 1, unchanged: references.length - 1 });
  });

  it("previews without writing: what would be created, updated or left alone", async () => {
    const callsBefore = world.calls().length;
    const preview = await world.importSeason("E24", { dryRun: true });
    expect(preview.dryRun).toBe(true);
    expect(preview.created).toBe(erpReferences("E24").length);
    expect(preview.plan.every((p) => p.action === "create")).toBe(true);
    expect(world.calls().length).toBe(callsBefore);
    expect(shopifyProducts().some((p) => erpReferences("E24").includes(fastmagIdOf(p.id) ?? ""))).toBe(false);
  });

  it("refuses a product over Shopify's 2,048 variants with a readable reason", async () => {
    const insert = world.fastmag.emulator.db.prepare(
      `INSERT INTO products (reference, designation, color, size, season, price, active, last_modified)
       VALUES ('HUGE1', 'Chaussette', 'NOIR', ?, 'X26', 5, 1, '2026-03-01 10:00:00')`,
    );
    world.fastmag.emulator.db.transaction(() => {
      for (let i = 0; i < 2049; i++) insert.run(`T${i}`);
    })();
    const run = await world.importSeason("X26");
    expect(run).toMatchObject({ refused: 1, writes: 0 });
    expect(run.report.skipped).toEqual([
      {
        entity: "product",
        externalId: "HUGE1",
        reason: "Chaussette (HUGE1) has 2049 variants: Shopify allows at most 2,048 variants per product.",
      },
    ]);
    expect(limitProblem({ sourceKey: "A", title: "A", tags: [], options: ["a", "b", "c", "d"], variants: [] })).toBe(
      "4 options (a, b, c, d): Shopify allows at most 3 options per product",
    );
  });
});
