// Stock levels: the two Fastmag stocks per variant (general and web), full or changed since a
// moment (differential sync on stock movements' last_modified), and transfers between them.
import type { Sku } from "../../domain/catalog";
import type { FastmagStockLevel, StockTransfer } from "./stock";
import type { ReadResult, SkippedRecord } from "../../domain/results";
import { describeVariant, readSku, skuParts, variantExternalId, type FastmagContext } from "./context.server";
import { mapEachRow, mapTable, type MapOptions } from "./mapping.server";
import type { QueryAnswer } from "./protocol";
import { transferRecords } from "./records.server";
import { fitsCodePage } from "./text";

export function inventoryService(ctx: FastmagContext) {
  const levels: MapOptions<FastmagStockLevel> = {
    describe: describeVariant,
    externalId: variantExternalId,
    timeZone: ctx.timeZone,
    map: (r) => ({
      sku: readSku(r).sku,
      // Fastmag may report negative stock (sold before received); the web stock formula floors it.
      stockA: r.integer("stock_a"),
      stockB: r.integer("stock_b"),
      updatedAt: r.optionalDateTime("last_modified"),
    }),
  };
  const read = (answer: QueryAnswer): ReadResult<FastmagStockLevel> => mapTable(answer, levels);

  return {
    fullInventory: async () => read(await ctx.client.queryAnswer(ctx.queries.sql("fullInventory"))),
    /** Every variant's stock handed to `onLevel` as the answer is read: 100k levels are never held at once. */
    eachLevel: async (onLevel: (level: FastmagStockLevel) => void): Promise<{ skipped: SkippedRecord[] }> => ({
      skipped: await mapEachRow(await ctx.client.queryAnswer(ctx.queries.sql("fullInventory")), levels, onLevel),
    }),
    stockOf: async (sku: Sku): Promise<FastmagStockLevel | null> =>
      // A SKU the code page cannot hold names no Fastmag article: matched as it is, never as "???".
      fitsCodePage(sku)
        ? (read(await ctx.client.queryAnswer(ctx.queries.sql("inventoryBySku", skuParts(sku)))).items[0] ?? null)
        : null,
    /**
     * Stocks moved after `since`. Use the largest `updatedAt` returned as the next cursor: Fastmag
     * dates have one-second precision, so the cursor never skips a movement written later.
     */
    changedSince: async (since: Date) =>
      read(await ctx.client.queryAnswer(ctx.queries.sql("inventoryChangedSince", { since }))),
    /** True when Fastmag holds stock movements written with this reason: the transfer was applied. */
    transferMade: async (reason: string): Promise<boolean> => {
      const answer = await ctx.client.queryAnswer(ctx.queries.sql("stockMovementsByReason", { reason }));
      for (const entry of answer.lines()) if ("row" in entry) return true;
      return false;
    },
    /** Moves stock between the general (A) and web (B) stocks, e.g. for an order's items. */
    transfer: async (transfers: StockTransfer[], reason: string): Promise<{ number?: string }> => {
      if (transfers.length === 0) return {};
      return ctx.client.transact(transferRecords(transfers, reason));
    },
  };
}
