// Products and seasons from Fastmag's products table.
import type { ErpProduct, Sku } from "../../domain/catalog";
import type { ReadResult } from "../../domain/results";
import { describeVariant, readSku, skuParts, variantExternalId, type FastmagContext } from "./context.server";
import { mapTable } from "./mapping.server";
import type { QueryAnswer } from "./protocol";
import { fitsCodePage } from "./text";

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
    seasons: async (): Promise<string[]> => {
      const rows = await ctx.client.query(ctx.queries.sql("seasons"));
      return rows.map((row) => row.season?.trim()).filter((s): s is string => Boolean(s));
    },
  };
}
