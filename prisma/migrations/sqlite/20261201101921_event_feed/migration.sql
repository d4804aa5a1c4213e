-- CreateTable
CREATE TABLE "FeedEndpoint" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "shop" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "url" TEXT NOT NULL,
    "topicsJson" TEXT NOT NULL,
    "secretCiphertext" TEXT NOT NULL,
    "previousSecretCiphertext" TEXT,
    "previousSecretUntil" DATETIME,
    "headersCiphertext" TEXT,
    "status" TEXT NOT NULL DEFAULT 'enabled',
    "statusReason" TEXT,
    "failingSince" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "FeedEvent" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "shop" TEXT NOT NULL,
    "topic" TEXT NOT NULL,
    "resourceKey" TEXT NOT NULL,
    "apiVersion" TEXT NOT NULL,
    "occurredAt" DATETIME NOT NULL,
    "body" TEXT NOT NULL,
    "source" TEXT NOT NULL DEFAULT 'webhook',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "FeedDelivery" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "shop" TEXT NOT NULL,
    "endpointId" TEXT NOT NULL,
    "eventId" TEXT NOT NULL,
    "topic" TEXT NOT NULL,
    "resourceKey" TEXT NOT NULL,
    "occurredAt" DATETIME NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "nextAttemptAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "firstAttemptAt" DATETIME,
    "leaseOwner" TEXT,
    "leaseExpiresAt" DATETIME,
    "lastStatus" INTEGER,
    "lastError" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finishedAt" DATETIME,
    CONSTRAINT "FeedDelivery_endpointId_fkey" FOREIGN KEY ("endpointId") REFERENCES "FeedEndpoint" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "FeedDelivery_eventId_fkey" FOREIGN KEY ("eventId") REFERENCES "FeedEvent" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "FeedAttempt" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "deliveryId" TEXT NOT NULL,
    "at" DATETIME NOT NULL,
    "httpStatus" INTEGER,
    "ms" INTEGER NOT NULL,
    "outcome" TEXT NOT NULL,
    "error" TEXT,
    "answer" TEXT,
    CONSTRAINT "FeedAttempt_deliveryId_fkey" FOREIGN KEY ("deliveryId") REFERENCES "FeedDelivery" ("id") ON DELETE CASCADE ON UPDATE CASCADE
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

