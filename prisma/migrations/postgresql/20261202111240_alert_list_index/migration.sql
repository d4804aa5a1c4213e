-- CreateIndex
CREATE INDEX "Alert_shop_createdAt_idx" ON "Alert"("shop", "createdAt");

