// Fastmag as a catalog source, over HTTP against the emulator: seasons with counts, a season's products
// grouped from its rows with the price rules' figures, and unreadable rows skipped with a reason.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CatalogProduct } from "~/capabilities/catalog-source";
import { fastmagCatalogSource } from "~/connectors/fastmag/catalog-source.server";
import type { FastmagSettings } from "~/connectors/fastmag/settings.server";
import { startFastmag } from "./fastmag-harness";

let world: Awaited<ReturnType<typeof startFastmag>>;
const now = new Date("2026-03-10T10:00:00Z");
const settings = { timeZone: "Europe/Paris" } as FastmagSettings;

beforeAll(async () => {
  world = await startFastmag({ seed: { variants: 300 } }, { options: { now: () => now } });
});
afterAll(() => world?.emulator.close());

const productsOf = async (season: string) => {
  const products: CatalogProduct[] = [];
  const source = fastmagCatalogSource(world.fastmag, settings, () => now);
  const { skipped } = await source.productsOf(season, (p) => products.push(p));
  return { products, skipped };
};

describe("Fastmag's seasons as a catalog source", () => {
  it("lists the seasons newest first with their product counts", async () => {
    const source = fastmagCatalogSource(world.fastmag, settings, () => now);
    const seasons = await source.collections();
    expect(seasons.map((s) => s.key)).toEqual(["H24", "E24", "H23", "E23"]);
    const expected = world.emulator.db
      .prepare("SELECT COUNT(DISTINCT reference) AS n FROM products WHERE season = 'E24' AND active = 1")
      .get() as { n: number };
    expect(seasons.find((s) => s.key === "E24")?.products).toBe(expected.n);
  });

  it("groups a season's rows into products with options, barcodes, weights and the running reduction", async () => {
    world.emulator.db
      .prepare(
        "INSERT INTO prixremisetc (reference, color, size, remise, prix, datedebut, datefin) VALUES ('BOXE20BEWARE', NULL, NULL, 20, NULL, '2026-03-01', '2026-03-31')",
      )
      .run();
    const { products, skipped } = await productsOf("E24");
    expect(skipped).toEqual([]);
    const rows = world.emulator.db.prepare("SELECT COUNT(*) AS n FROM products WHERE season = 'E24'").get() as {
      n: number;
    };
    expect(products.reduce((n, p) => n + p.variants.length, 0)).toBe(rows.n);
    const boxer = products.find((p) => p.sourceKey === "BOXE20BEWARE")!;
    expect(boxer).toMatchObject({ vendor: "BEWARE", productType: "SOUS-VETEMENTS", options: ["Color", "Size"] });
    expect(boxer.variants[0]).toMatchObject({
      sku: "BOXE20BEWARE|MARINE/GRIS CHINE|S",
      barcode: "3700000000017",
      price: 20,
      compareAtPrice: 25,
    });
    const generated = products.find((p) => p.sourceKey !== "BOXE20BEWARE" && p.descriptionHtml)!;
    expect(generated.variants[0].weightGrams).toBeGreaterThan(0);
    expect(generated.tags).toEqual(["E24"]);
  });

  it("skips unreadable rows with the row and the reason, and keeps the rest of the product", async () => {
    world.emulator.db
      .prepare(
        `INSERT INTO products (reference, designation, color, size, gencod, season, price, active, last_modified)
         VALUES ('ODD1', 'Odd one', 'NOIR', 'S', NULL, 'E99', 12, 1, '2026-03-01 10:00:00'),
                ('ODD1', 'Odd one', 'NOIR', 'M', NULL, 'E99', -3, 1, '2026-03-01 10:00:00'),
                ('ODD2', 'Odd two', 'A|B', 'S', NULL, 'E99', 12, 1, '2026-03-01 10:00:00')`,
      )
      .run();
    const { products, skipped } = await productsOf("E99");
    expect(products.map((p) => [p.sourceKey, p.variants.map((v) => v.sku)])).toEqual([["ODD1", ["ODD1|NOIR|S"]]]);
    expect(skipped.map((s) => s.reason)).toEqual([
      expect.stringMatching(/ref ODD1 NOIR M.*price -3 is negative/),
      expect.stringMatching(/ref ODD2 A\|B S.*color "A\|B" contains a pipe/),
    ]);
  });
});
