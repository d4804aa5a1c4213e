-- CreateTable
CREATE TABLE "AlertSettings" (
    "shop" TEXT NOT NULL,
    "recipients" TEXT NOT NULL DEFAULT '',
    "webhookUrl" TEXT,
    "webhookSecretCiphertext" TEXT,
    "eventsJson" TEXT NOT NULL DEFAULT '["run-failed","connector-down","delivery-dead"]',
    "digest" TEXT NOT NULL DEFAULT 'immediate',
    "quietMinutes" INTEGER NOT NULL DEFAULT 60,
    "locale" TEXT NOT NULL DEFAULT 'fr',
    "checklistDismissedAt" TIMESTAMP(3),
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "AlertSettings_pkey" PRIMARY KEY ("shop")
);

-- CreateTable
CREATE TABLE "Alert" (
    "id" TEXT NOT NULL,
    "shop" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "dedupeKey" TEXT NOT NULL,
    "groupKey" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "detail" TEXT NOT NULL,
    "link" TEXT,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "mailStatus" TEXT,
    "webhookStatus" TEXT,
    "sendKey" TEXT,
    "error" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "sentAt" TIMESTAMP(3),

    CONSTRAINT "Alert_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AppEvent" (
    "id" TEXT NOT NULL,
    "shop" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "message" TEXT NOT NULL,
    "link" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "AppEvent_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Alert_dedupeKey_key" ON "Alert"("dedupeKey");

-- CreateIndex
CREATE INDEX "Alert_shop_groupKey_createdAt_idx" ON "Alert"("shop", "groupKey", "createdAt");

-- CreateIndex
CREATE INDEX "Alert_shop_status_createdAt_idx" ON "Alert"("shop", "status", "createdAt");

-- CreateIndex
CREATE INDEX "AppEvent_shop_createdAt_idx" ON "AppEvent"("shop", "createdAt");

-- CreateIndex
CREATE INDEX "AppEvent_shop_kind_createdAt_idx" ON "AppEvent"("shop", "kind", "createdAt");

