-- DropIndex
DROP INDEX "ExternalLink_shop_entity_groupKey_idx";

-- CreateIndex
CREATE INDEX "ExternalLink_shop_entity_groupKey_localId_idx" ON "ExternalLink"("shop", "entity", "groupKey", "localId");

-- CreateIndex
CREATE INDEX "Promotion_shop_createdAt_idx" ON "Promotion"("shop", "createdAt");

-- CreateIndex
CREATE INDEX "FeedDelivery_shop_status_createdAt_idx" ON "FeedDelivery"("shop", "status", "createdAt");

-- CreateIndex
CREATE INDEX "TuyoListing_shop_updatedAt_idx" ON "TuyoListing"("shop", "updatedAt");

-- CreateIndex
CREATE INDEX "TuyoOrder_shop_createdAt_idx" ON "TuyoOrder"("shop", "createdAt");

