-- CreateTable
CREATE TABLE "FeedEndpoint" (
    "id" TEXT NOT NULL,
    "shop" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "url" TEXT NOT NULL,
    "topicsJson" TEXT NOT NULL,
    "secretCiphertext" TEXT NOT NULL,
    "previousSecretCiphertext" TEXT,
    "previousSecretUntil" TIMESTAMP(3),
    "headersCiphertext" TEXT,
    "status" TEXT NOT NULL DEFAULT 'enabled',
    "statusReason" TEXT,
    "failingSince" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "FeedEndpoint_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "FeedEvent" (
    "id" TEXT NOT NULL,
    "shop" TEXT NOT NULL,
    "topic" TEXT NOT NULL,
    "resourceKey" TEXT NOT NULL,
    "apiVersion" TEXT NOT NULL,
    "occurredAt" TIMESTAMP(3) NOT NULL,
    "body" TEXT NOT NULL,
    "source" TEXT NOT NULL DEFAULT 'webhook',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "FeedEvent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "FeedDelivery" (
    "id" TEXT NOT NULL,
    "shop" TEXT NOT NULL,
    "endpointId" TEXT NOT NULL,
    "eventId" TEXT NOT NULL,
    "topic" TEXT NOT NULL,
    "resourceKey" TEXT NOT NULL,
    "occurredAt" TIMESTAMP(3) NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "nextAttemptAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "firstAttemptAt" TIMESTAMP(3),
    "leaseOwner" TEXT,
    "leaseExpiresAt" TIMESTAMP(3),
    "lastStatus" INTEGER,
    "lastError" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finishedAt" TIMESTAMP(3),

    CONSTRAINT "FeedDelivery_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "FeedAttempt" (
    "id" TEXT NOT NULL,
    "deliveryId" TEXT NOT NULL,
    "at" TIMESTAMP(3) NOT NULL,
    "httpStatus" INTEGER,
    "ms" INTEGER NOT NULL,
    "outcome" TEXT NOT NULL,
    "error" TEXT,
    "answer" TEXT,

    CONSTRAINT "FeedAttempt_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "FeedEndpoint_shop_idx" ON "FeedEndpoint"("shop");

-- CreateIndex
CREATE INDEX "FeedEvent_shop_createdAt_idx" ON "FeedEvent"("shop", "createdAt");

-- CreateIndex
CREATE INDEX "FeedDelivery_status_nextAttemptAt_idx" ON "FeedDelivery"("status", "nextAttemptAt");

-- CreateIndex
CREATE INDEX "FeedDelivery_endpointId_resourceKey_status_idx" ON "FeedDelivery"("endpointId", "resourceKey", "status");

-- CreateIndex
CREATE INDEX "FeedDelivery_shop_createdAt_idx" ON "FeedDelivery"("shop", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "FeedDelivery_endpointId_eventId_key" ON "FeedDelivery"("endpointId", "eventId");

-- CreateIndex
CREATE INDEX "FeedAttempt_deliveryId_at_idx" ON "FeedAttempt"("deliveryId", "at");

-- AddForeignKey
ALTER TABLE "FeedDelivery" ADD CONSTRAINT "FeedDelivery_endpointId_fkey" FOREIGN KEY ("endpointId") REFERENCES "FeedEndpoint"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "FeedDelivery" ADD CONSTRAINT "FeedDelivery_eventId_fkey" FOREIGN KEY ("eventId") REFERENCES "FeedEvent"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "FeedAttempt" ADD CONSTRAINT "FeedAttempt_deliveryId_fkey" FOREIGN KEY ("deliveryId") REFERENCES "FeedDelivery"("id") ON DELETE CASCADE ON UPDATE CASCADE;

