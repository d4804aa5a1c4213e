import { describe, expect, it } from "vitest";
import type { SeasonVariantRow } from "./catalog.server";
import { descriptionHtml, groupSeasonRows, newestFirst } from "./catalog-source.server";

const row = (
  reference: string,
  color: string,
  size: string,
  extra: Partial<SeasonVariantRow> = {},
): SeasonVariantRow => ({
  reference,
  color,
  size,
  sku: `${reference}|${color}|${size}`,
  title: `Title ${reference}`,
  price: 20,
  active: true,
  ...extra,
});

describe("grouping a season's Fastmag rows into products", () => {
  it("makes one product per reference with colour and size options and the price rules' figures", () => {
    const { products, skipped } = groupSeasonRows(
      [
        row("VES1", "NOIR", "S", {
          barcode: "2000000000017",
          weightKg: 0.45,
          brand: "BEWARE",
          family: "VESTES",
          season: "E24",
        }),
        row("VES1", "NOIR", "M", { description: "Chaude & légère" }),
        row("VES1", "ÉCRU", "S", { active: false }),
        row("ACC1", "", "TU"),
      ],
      (sku) => (sku === "VES1|NOIR|S" ? { price: 16, compareAtPrice: 20 } : undefined),
    );
    expect(skipped).toEqual([]);
    expect(products).toHaveLength(2);
    const [veste, accessory] = products;
    expect(veste).toMatchObject({
      sourceKey: "VES1",
      title: "Title VES1",
      vendor: "BEWARE",
      productType: "VESTES",
      tags: ["E24"],
      options: ["Color", "Size"],
      descriptionHtml: "<p>Chaude &amp; légère</p>",
    });
    expect(veste.variants).toEqual([
      {
        sku: "VES1|NOIR|S",
        optionValues: ["NOIR", "S"],
        barcode: "2000000000017",
        price: 16,
        compareAtPrice: 20,
        weightGrams: 450,
      },
      {
        sku: "VES1|NOIR|M",
        optionValues: ["NOIR", "M"],
        barcode: undefined,
        price: 20,
        compareAtPrice: undefined,
        weightGrams: undefined,
      },
    ]);
    expect(accessory).toMatchObject({ options: ["Size"], variants: [{ optionValues: ["TU"] }] });
  });

  it("skips a row whose option value is empty while its siblings have one, with a readable reason", () => {
    const { products, skipped } = groupSeasonRows([row("CHE1", "NOIR", "S"), row("CHE1", "", "M")], () => undefined);
    expect(products[0].variants.map((v) => v.sku)).toEqual(["CHE1|NOIR|S"]);
    expect(skipped).toEqual([
      {
        externalId: "CHE1||M",
        reason:
          "ref CHE1 M: the colour is empty while other variants of CHE1 have one, so it cannot be an option value",
      },
    ]);
  });

  it("keeps HTML descriptions and orders seasons newest first", () => {
    expect(descriptionHtml("<p>déjà</p>")).toBe("<p>déjà</p>");
    expect(descriptionHtml(undefined)).toBeUndefined();
    expect(["E23", "H24", "E24", "H23"].sort(newestFirst)).toEqual(["H24", "E24", "H23", "E23"]);
  });
});
