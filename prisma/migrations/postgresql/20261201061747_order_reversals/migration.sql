-- AlterTable
ALTER TABLE "OrderExport" ADD COLUMN     "cancelledAt" TIMESTAMP(3);

-- CreateTable
CREATE TABLE "OrderReversal" (
    "id" TEXT NOT NULL,
    "shop" TEXT NOT NULL,
    "shopifyOrderId" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "requestedJson" TEXT NOT NULL,
    "returnJson" TEXT,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "statusReportedAt" TIMESTAMP(3),
    "stockReturnedAt" TIMESTAMP(3),
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "lastError" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "OrderReversal_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "OrderReversal_shop_status_idx" ON "OrderReversal"("shop", "status");

-- CreateIndex
CREATE UNIQUE INDEX "OrderReversal_shop_shopifyOrderId_key_key" ON "OrderReversal"("shop", "shopifyOrderId", "key");

