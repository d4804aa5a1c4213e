-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_StockSnapshot" (
    "shop" TEXT NOT NULL,
    "sku" TEXT NOT NULL,
    "webStock" INTEGER NOT NULL,
    "sourceDetail" TEXT,
    "shopifyQuantity" INTEGER,
    "inventoryItemId" TEXT,
    "erpUpdatedAt" DATETIME,
    "syncedAt" DATETIME NOT NULL,

    PRIMARY KEY ("shop", "sku")
);
-- Every snapshot so far came from Fastmag: its two stocks are kept as the level's words.
INSERT INTO "new_StockSnapshot" ("erpUpdatedAt", "inventoryItemId", "shop", "shopifyQuantity", "sku", "syncedAt", "webStock", "sourceDetail") SELECT "erpUpdatedAt", "inventoryItemId", "shop", "shopifyQuantity", "sku", "syncedAt", "webStock", 'Fastmag: general stock ' || "erpStockA" || ' · web stock ' || "erpStockB" FROM "StockSnapshot";
DROP TABLE "StockSnapshot";
ALTER TABLE "new_StockSnapshot" RENAME TO "StockSnapshot";
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;


-- The changes-only stock run keeps its watermark under a name without the source system in it.
UPDATE "SyncCursor" SET "syncType" = 'stock.changes' WHERE "syncType" = 'fastmag.differential-stock';
