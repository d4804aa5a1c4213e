-- AlterTable
ALTER TABLE "OrderExport" ADD COLUMN "customerName" TEXT;
ALTER TABLE "OrderExport" ADD COLUMN "lastErrorDetail" TEXT;

-- AlterTable
ALTER TABLE "OrderEvent" ADD COLUMN "detail" TEXT;

-- CreateTable
CREATE TABLE "UnmatchedSku" (
    "shop" TEXT NOT NULL,
    "side" TEXT NOT NULL,
    "sku" TEXT NOT NULL,
    "decision" TEXT,
    "linkedSku" TEXT,
    "decidedAt" DATETIME,
    "lastSeenAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,

    PRIMARY KEY ("shop", "side", "sku")
);

-- CreateIndex
CREATE INDEX "UnmatchedSku_shop_side_decision_sku_idx" ON "UnmatchedSku"("shop", "side", "decision", "sku");

-- CreateIndex
CREATE INDEX "UnmatchedSku_shop_linkedSku_idx" ON "UnmatchedSku"("shop", "linkedSku");

