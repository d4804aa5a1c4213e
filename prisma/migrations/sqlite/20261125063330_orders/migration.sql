-- CreateTable
CREATE TABLE "OrderExport" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "shop" TEXT NOT NULL,
    "shopifyOrderId" TEXT NOT NULL,
    "shopifyOrderName" TEXT NOT NULL,
    "email" TEXT,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "financialStatus" TEXT,
    "payloadJson" TEXT NOT NULL,
    "fastmagOrderId" TEXT,
    "exportedAt" DATETIME,
    "stockTransferredAt" DATETIME,
    "metafieldWrittenAt" DATETIME,
    "claimedBy" TEXT,
    "claimedAt" DATETIME,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "lastError" TEXT,
    "erpStatus" INTEGER,
    "erpStatusLabel" TEXT,
    "carrier" TEXT,
    "trackingNumber" TEXT,
    "trackingUrl" TEXT,
    "fulfillmentId" TEXT,
    "fulfilledAt" DATETIME,
    "deliveredAt" DATETIME,
    "lastCarrierState" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "OrderEvent" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "orderExportId" TEXT NOT NULL,
    "shop" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "message" TEXT NOT NULL,
    "at" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "OrderEvent_orderExportId_fkey" FOREIGN KEY ("orderExportId") REFERENCES "OrderExport" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "OrderExport_shop_status_idx" ON "OrderExport"("shop", "status");

-- CreateIndex
CREATE INDEX "OrderExport_shop_createdAt_idx" ON "OrderExport"("shop", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "OrderExport_shop_shopifyOrderId_key" ON "OrderExport"("shop", "shopifyOrderId");

-- CreateIndex
CREATE INDEX "OrderEvent_orderExportId_at_idx" ON "OrderEvent"("orderExportId", "at");

