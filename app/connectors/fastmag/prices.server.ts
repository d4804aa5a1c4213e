// Prices: the regular price from products and the running reduction from prixremisetc (a percent or
// a fixed price between datedebut and datefin). priceOn() in app/domain/catalog.ts turns one into
// what the shop shows.
import type { PriceChange } from "../../domain/catalog";
import type { ReadResult, SkippedRecord } from "../../domain/results";
import { describeVariant, readSku, variantExternalId, type FastmagContext } from "./context.server";
import { mapEachRow, mapTable, rejectRow, type MapOptions } from "./mapping.server";
import { fastmagDate } from "./queries.server";

export function pricesService(ctx: FastmagContext) {
  const prices: MapOptions<PriceChange> = {
    describe: describeVariant,
    externalId: variantExternalId,
    timeZone: ctx.timeZone,
    map: (r): PriceChange => {
      const { sku } = readSku(r);
      const price = r.amount("price");
      const percent = r.optionalNumber("reduction_percent");
      const fixed = r.optionalNumber("reduction_price");
      if (percent === undefined && fixed === undefined) return { sku, price };
      const startsOn = r.date("datedebut");
      const endsOn = r.date("datefin");
      if (endsOn < startsOn) rejectRow(`reduction ends (${endsOn}) before it starts (${startsOn})`);
      if (percent !== undefined) {
        if (percent <= 0 || percent > 100) rejectRow(`reduction ${percent}% is not between 0 and 100`);
        return { sku, price, reduction: { percent, startsOn, endsOn } };
      }
      if (fixed! < 0) rejectRow(`reduced price ${fixed} is negative`);
      return { sku, price, reduction: { price: fixed!, startsOn, endsOn } };
    },
  };
  const answerOn = (on: Date) =>
    ctx.client.queryAnswer(ctx.queries.sql("prices", { today: fastmagDate(on, ctx.timeZone) }));

  return {
    /** Every variant's price with the reduction running on `on` (default today, in Fastmag's time zone). */
    prices: async (on: Date = ctx.now()): Promise<ReadResult<PriceChange>> => {
      const result = mapTable(await answerOn(on), prices);
      // Several reductions can match a variant; the query sorts the latest start first, keep it.
      const seen = new Set<string>();
      result.items = result.items.filter((item) => !seen.has(item.sku) && seen.add(item.sku));
      return result;
    },
    /**
     * The same prices handed to `onPrice` as the answer is read (100k prices are never held at once).
     * A SKU with several running reductions comes once per reduction, the latest start first.
     */
    eachPrice: async (on: Date, onPrice: (price: PriceChange) => void): Promise<{ skipped: SkippedRecord[] }> => ({
      skipped: await mapEachRow(await answerOn(on), prices, onPrice),
    }),
  };
}
