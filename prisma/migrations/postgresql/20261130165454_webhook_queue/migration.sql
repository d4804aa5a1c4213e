-- AlterTable
ALTER TABLE "WebhookDelivery" ADD COLUMN     "attempts" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "leaseExpiresAt" TIMESTAMP(3),
ADD COLUMN     "leaseOwner" TEXT,
ADD COLUMN     "runAfter" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP;

-- AlterTable
ALTER TABLE "ComplianceRequest" ADD COLUMN     "webhookId" TEXT;

-- CreateIndex
CREATE INDEX "WebhookDelivery_status_runAfter_idx" ON "WebhookDelivery"("status", "runAfter");

-- CreateIndex
CREATE UNIQUE INDEX "ComplianceRequest_webhookId_key" ON "ComplianceRequest"("webhookId");


-- Deliveries an earlier version marked failed relied on Shopify retrying them: the processor takes them now.
UPDATE "WebhookDelivery" SET "status" = 'received' WHERE "status" = 'failed';
