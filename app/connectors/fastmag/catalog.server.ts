// Products and seasons from Fastmag's products table.
import type { ErpProduct, Sku } from "../../domain/catalog";
import type { ReadResult, SkippedRecord } from "../../domain/results";
import { describeVariant, readSku, skuParts, variantExternalId, type FastmagContext } from "./context.server";
import { mapEachRow, mapTable, rejectRow } from "./mapping.server";
import type { QueryAnswer } from "./protocol";
import { fitsCodePage } from "./text";

/** One variant row of a season as the catalog import reads it (Fastmag's shape; the connector groups them). */
export interface SeasonVariantRow {
  reference: string;
  color: string;
  size: string;
  sku: Sku;
  title: string;
  description?: string;
  barcode?: string;
  family?: string;
  brand?: string;
  season?: string;
  price: number;
  /** Fastmag keeps kilograms. */
  weightKg?: number;
  active: boolean;
}

export function catalogService(ctx: FastmagContext) {
  const read = (answer: QueryAnswer): ReadResult<ErpProduct> =>
    mapTable(answer, {
      describe: describeVariant,
      externalId: variantExternalId,
      timeZone: ctx.timeZone,
      map: (r) => ({
        ...readSku(r),
        externalId: r.optionalText("id"),
        title: r.text("designation"),
        barcode: r.optionalText("gencod"),
        season: r.optionalText("season"),
        family: r.optionalText("family"),
        brand: r.optionalText("brand"),
        price: r.amount("price"),
        active: r.optionalText("active") === undefined ? true : r.boolean("active"),
      }),
    });
  const first = (result: ReadResult<ErpProduct>) => result.items[0] ?? null;

  return {
    /** The whole catalog (every variant). */
    products: async () => read(await ctx.client.queryAnswer(ctx.queries.sql("products"))),
    productsBySeason: async (season: string) =>
      read(await ctx.client.queryAnswer(ctx.queries.sql("productsBySeason", { season }))),
    /** One variant by SKU; null when Fastmag does not know it (or its row is unreadable). */
    productBySku: async (sku: Sku) =>
      // A SKU the code page cannot hold names no Fastmag article: matched as it is, never as "???".
      fitsCodePage(sku)
        ? first(read(await ctx.client.queryAnswer(ctx.queries.sql("productBySku", skuParts(sku)))))
        : null,
    productByBarcode: async (gencod: string) =>
      first(read(await ctx.client.queryAnswer(ctx.queries.sql("productByGencod", { gencod })))),
    /** A season's variant rows handed to `onRow` as the answer is read; unreadable rows come back skipped. */
    eachSeasonRow: async (season: string, onRow: (row: SeasonVariantRow) => void): Promise<SkippedRecord[]> =>
      mapEachRow(
        await ctx.client.queryAnswer(ctx.queries.sql("seasonCatalog", { season })),
        {
          describe: describeVariant,
          externalId: variantExternalId,
          timeZone: ctx.timeZone,
          map: (r): SeasonVariantRow => {
            const weightKg = r.optionalNumber("weight");
            if (weightKg !== undefined && weightKg < 0) rejectRow(`weight ${weightKg} is negative`);
            return {
              ...readSku(r),
              title: r.text("designation"),
              description: r.optionalText("description"),
              barcode: r.optionalText("gencod"),
              family: r.optionalText("family"),
              brand: r.optionalText("brand"),
              season: r.optionalText("season"),
              price: r.amount("price"),
              weightKg,
              active: r.optionalText("active") === undefined ? true : r.boolean("active"),
            };
          },
        },
        onRow,
      ),
    /** Seasons with their active product (reference) and variant counts. */
    seasonCounts: async (): Promise<{ season: string; products: number; variants: number }[]> => {
      const rows = await ctx.client.query(ctx.queries.sql("seasonCounts"));
      return rows
        .map((row) => ({
          season: row.season?.trim() ?? "",
          products: Number(row.products ?? 0),
          variants: Number(row.variants ?? 0),
        }))
        .filter((s) => s.season !== "");
    },
    seasons: async (): Promise<string[]> => {
      const rows = await ctx.client.query(ctx.queries.sql("seasons"));
      return rows.map((row) => row.season?.trim()).filter((s): s is string => Boolean(s));
    },
  };
}
