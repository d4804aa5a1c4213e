-- CreateTable
CREATE TABLE "StockSnapshot" (
    "shop" TEXT NOT NULL,
    "sku" TEXT NOT NULL,
    "webStock" INTEGER NOT NULL,
    "erpStockA" INTEGER NOT NULL,
    "erpStockB" INTEGER NOT NULL,
    "shopifyQuantity" INTEGER,
    "inventoryItemId" TEXT,
    "erpUpdatedAt" TIMESTAMP(3),
    "syncedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "StockSnapshot_pkey" PRIMARY KEY ("shop","sku")
);

-- CreateTable
CREATE TABLE "SyncCursor" (
    "shop" TEXT NOT NULL,
    "syncType" TEXT NOT NULL,
    "watermark" TIMESTAMP(3) NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "SyncCursor_pkey" PRIMARY KEY ("shop","syncType")
);

