-- CreateIndex
CREATE INDEX "WebhookDelivery_shop_receivedAt_webhookId_idx" ON "WebhookDelivery"("shop", "receivedAt", "webhookId");

-- CreateIndex
CREATE INDEX "WebhookDelivery_shop_status_receivedAt_webhookId_idx" ON "WebhookDelivery"("shop", "status", "receivedAt", "webhookId");

