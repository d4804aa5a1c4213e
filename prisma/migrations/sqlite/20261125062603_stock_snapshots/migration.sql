-- CreateTable
CREATE TABLE "StockSnapshot" (
    "shop" TEXT NOT NULL,
    "sku" TEXT NOT NULL,
    "webStock" INTEGER NOT NULL,
    "erpStockA" INTEGER NOT NULL,
    "erpStockB" INTEGER NOT NULL,
    "shopifyQuantity" INTEGER,
    "inventoryItemId" TEXT,
    "erpUpdatedAt" DATETIME,
    "syncedAt" DATETIME NOT NULL,

    PRIMARY KEY ("shop", "sku")
);

-- CreateTable
CREATE TABLE "SyncCursor" (
    "shop" TEXT NOT NULL,
    "syncType" TEXT NOT NULL,
    "watermark" DATETIME NOT NULL,
    "updatedAt" DATETIME NOT NULL,

    PRIMARY KEY ("shop", "syncType")
);

