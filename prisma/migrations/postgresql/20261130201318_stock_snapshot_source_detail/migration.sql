-- Every snapshot so far came from Fastmag: its two stocks are kept as the level's words.
ALTER TABLE "StockSnapshot" ADD COLUMN "sourceDetail" TEXT;
UPDATE "StockSnapshot" SET "sourceDetail" = 'Fastmag: general stock ' || "erpStockA" || ' · web stock ' || "erpStockB";
ALTER TABLE "StockSnapshot" DROP COLUMN "erpStockA",
DROP COLUMN "erpStockB";

-- The changes-only stock run keeps its watermark under a name without the source system in it.
UPDATE "SyncCursor" SET "syncType" = 'stock.changes' WHERE "syncType" = 'fastmag.differential-stock';
