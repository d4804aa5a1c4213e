-- AlterTable
ALTER TABLE "CatalogImageFile" ADD COLUMN     "reference" TEXT;

-- CreateIndex
CREATE INDEX "CatalogImageFile_shop_status_syncedAt_idx" ON "CatalogImageFile"("shop", "status", "syncedAt");

-- CreateIndex
CREATE INDEX "PosDispatch_shop_status_updatedAt_idx" ON "PosDispatch"("shop", "status", "updatedAt");

