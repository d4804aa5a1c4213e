// Changes-only stock run (every 2 minutes): the stocks the source moved since the watermark kept in
// SyncCursor, re-read with an overlap so a movement written late is not missed, sent to every
// destination. Reading a window twice is harmless: destinations write only what differs. Without a
// watermark, or with one too old to trust, it runs the full stock run instead.
import { said } from "../i18n/stored-words";
import type { Db } from "../db.server";
import { fullStockSync, fanOut, reportUnreadable, type FullStockResult, type StockRunDeps } from "./stock.server";

export const DIFFERENTIAL_STOCK_CURSOR = "stock.changes";

export interface DifferentialOptions {
  /** Movements are re-read from this long before the watermark. */
  overlapMs?: number;
  /** A watermark older than this triggers a full run. */
  maxAgeMs?: number;
}

export type DifferentialStockResult =
  | { mode: "full"; reason: string; watermark: string; full: FullStockResult }
  | {
      mode: "differential";
      since: string;
      watermark: string;
      movements: number;
      changed: number;
      destinations: FullStockResult["destinations"];
    };

export async function differentialStockSync(
  deps: StockRunDeps & { db: Db; shop: string; differential?: DifferentialOptions },
): Promise<DifferentialStockResult> {
  const { db, shop, source, report } = deps;
  const overlapMs = deps.differential?.overlapMs ?? 10 * 60_000;
  const maxAgeMs = deps.differential?.maxAgeMs ?? 12 * 3600_000;
  const now = report.now();
  const cursor = await db.syncCursor.findUnique({
    where: { shop_syncType: { shop, syncType: DIFFERENTIAL_STOCK_CURSOR } },
  });

  if (!cursor || now.getTime() - cursor.watermark.getTime() > maxAgeMs) {
    const why = cursor
      ? said("stock.fullInsteadOfChanges.oldWatermark", { watermark: cursor.watermark.toISOString() })
      : said("stock.fullInsteadOfChanges.noWatermark");
    report.log("info", why);
    const reason = cursor ? `the last watermark (${cursor.watermark.toISOString()}) is too old` : "no watermark yet";
    const full = await fullStockSync(deps);
    // Movements after the source's latest one are for the next run; without dates, from now.
    const watermark = full.latestChange
      ? new Date(Math.min(new Date(full.latestChange).getTime(), now.getTime()))
      : now;
    await saveWatermark(db, shop, watermark);
    return { mode: "full", reason, watermark: watermark.toISOString(), full };
  }

  const since = new Date(cursor.watermark.getTime() - overlapMs);
  report.progress(0, null, said("stock.phase.readingMovements", { source: deps.sourceName }));
  const moved = await source.changedSince(since);
  reportUnreadable(report, deps.sourceName, moved.skipped);
  let watermark = cursor.watermark;
  for (const level of moved.items) if (level.updatedAt && level.updatedAt > watermark) watermark = level.updatedAt;
  const destinations = await fanOut(deps, (destination) => destination.writeChanges(moved.items));
  // Advanced only now that every destination took the changes; never past the present (a clock running ahead).
  if (watermark > now) watermark = now;
  await saveWatermark(db, shop, watermark);
  return {
    mode: "differential",
    since: since.toISOString(),
    watermark: watermark.toISOString(),
    movements: moved.items.length,
    changed: Object.values(destinations).reduce((sum, d) => sum + d.changed, 0),
    destinations,
  };
}

async function saveWatermark(db: Db, shop: string, watermark: Date): Promise<void> {
  await db.syncCursor.upsert({
    where: { shop_syncType: { shop, syncType: DIFFERENTIAL_STOCK_CURSOR } },
    create: { shop, syncType: DIFFERENTIAL_STOCK_CURSOR, watermark },
    update: { watermark },
  });
}
