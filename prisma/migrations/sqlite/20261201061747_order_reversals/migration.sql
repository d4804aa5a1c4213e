-- AlterTable
ALTER TABLE "OrderExport" ADD COLUMN "cancelledAt" DATETIME;

-- CreateTable
CREATE TABLE "OrderReversal" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "shop" TEXT NOT NULL,
    "shopifyOrderId" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "requestedJson" TEXT NOT NULL,
    "returnJson" TEXT,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "statusReportedAt" DATETIME,
    "stockReturnedAt" DATETIME,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "lastError" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);

-- CreateIndex
CREATE INDEX "OrderReversal_shop_status_idx" ON "OrderReversal"("shop", "status");

-- CreateIndex
CREATE UNIQUE INDEX "OrderReversal_shop_shopifyOrderId_key_key" ON "OrderReversal"("shop", "shopifyOrderId", "key");

