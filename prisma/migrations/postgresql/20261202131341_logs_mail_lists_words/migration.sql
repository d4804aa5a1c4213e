-- AlterTable
ALTER TABLE "WebhookDelivery" ADD COLUMN     "errorWords" TEXT;

-- CreateIndex
CREATE INDEX "ComplianceRequest_shop_receivedAt_id_idx" ON "ComplianceRequest"("shop", "receivedAt", "id");

-- CreateIndex
CREATE INDEX "JobApplication_shop_createdAt_id_idx" ON "JobApplication"("shop", "createdAt", "id");

