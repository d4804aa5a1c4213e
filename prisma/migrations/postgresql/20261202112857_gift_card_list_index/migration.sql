-- CreateIndex
CREATE INDEX "GiftCardLink_shop_lastCheckedAt_idx" ON "GiftCardLink"("shop", "lastCheckedAt");

