-- DropIndex
DROP INDEX "OrderExport_shop_status_idx";

-- DropIndex
DROP INDEX "OrderExport_shop_createdAt_idx";

-- CreateIndex
CREATE INDEX "Job_shop_type_status_finishedAt_idx" ON "Job"("shop", "type", "status", "finishedAt");

-- CreateIndex
CREATE INDEX "Job_shop_createdAt_idx" ON "Job"("shop", "createdAt");

-- CreateIndex
CREATE INDEX "Job_shop_status_finishedAt_idx" ON "Job"("shop", "status", "finishedAt");

-- CreateIndex
CREATE INDEX "OrderExport_shop_status_id_idx" ON "OrderExport"("shop", "status", "id");

-- CreateIndex
CREATE INDEX "OrderExport_shop_createdAt_id_idx" ON "OrderExport"("shop", "createdAt", "id");

