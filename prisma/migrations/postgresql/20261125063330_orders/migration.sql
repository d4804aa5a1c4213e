-- CreateTable
CREATE TABLE "OrderExport" (
    "id" TEXT NOT NULL,
    "shop" TEXT NOT NULL,
    "shopifyOrderId" TEXT NOT NULL,
    "shopifyOrderName" TEXT NOT NULL,
    "email" TEXT,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "financialStatus" TEXT,
    "payloadJson" TEXT NOT NULL,
    "fastmagOrderId" TEXT,
    "exportedAt" TIMESTAMP(3),
    "stockTransferredAt" TIMESTAMP(3),
    "metafieldWrittenAt" TIMESTAMP(3),
    "claimedBy" TEXT,
    "claimedAt" TIMESTAMP(3),
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "lastError" TEXT,
    "erpStatus" INTEGER,
    "erpStatusLabel" TEXT,
    "carrier" TEXT,
    "trackingNumber" TEXT,
    "trackingUrl" TEXT,
    "fulfillmentId" TEXT,
    "fulfilledAt" TIMESTAMP(3),
    "deliveredAt" TIMESTAMP(3),
    "lastCarrierState" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "OrderExport_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "OrderEvent" (
    "id" TEXT NOT NULL,
    "orderExportId" TEXT NOT NULL,
    "shop" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "message" TEXT NOT NULL,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "OrderEvent_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "OrderExport_shop_status_idx" ON "OrderExport"("shop", "status");

-- CreateIndex
CREATE INDEX "OrderExport_shop_createdAt_idx" ON "OrderExport"("shop", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "OrderExport_shop_shopifyOrderId_key" ON "OrderExport"("shop", "shopifyOrderId");

-- CreateIndex
CREATE INDEX "OrderEvent_orderExportId_at_idx" ON "OrderEvent"("orderExportId", "at");

-- AddForeignKey
ALTER TABLE "OrderEvent" ADD CONSTRAINT "OrderEvent_orderExportId_fkey" FOREIGN KEY ("orderExportId") REFERENCES "OrderExport"("id") ON DELETE CASCADE ON UPDATE CASCADE;

