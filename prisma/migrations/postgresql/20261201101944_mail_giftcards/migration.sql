-- CreateTable
CREATE TABLE "MailSettings" (
    "shop" TEXT NOT NULL,
    "configJson" TEXT NOT NULL DEFAULT '{}',
    "secretsCiphertext" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "MailSettings_pkey" PRIMARY KEY ("shop")
);

-- CreateTable
CREATE TABLE "MailLog" (
    "id" TEXT NOT NULL,
    "shop" TEXT NOT NULL,
    "to" TEXT NOT NULL,
    "subject" TEXT NOT NULL,
    "template" TEXT NOT NULL,
    "locale" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "error" TEXT,
    "messageId" TEXT,
    "about" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "MailLog_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "GiftCardLink" (
    "shop" TEXT NOT NULL,
    "code" TEXT NOT NULL,
    "erpActivated" BOOLEAN NOT NULL,
    "initialCents" INTEGER NOT NULL,
    "currency" TEXT NOT NULL,
    "expiresOn" TEXT,
    "customerEmail" TEXT,
    "shopifyGiftCardId" TEXT,
    "erpBalanceCents" INTEGER NOT NULL,
    "shopifyBalanceCents" INTEGER NOT NULL,
    "unreportedOnlineCents" INTEGER NOT NULL DEFAULT 0,
    "conflict" TEXT,
    "lastCheckedAt" TIMESTAMP(3) NOT NULL,
    "lastSyncedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "GiftCardLink_pkey" PRIMARY KEY ("shop","code")
);

-- CreateTable
CREATE TABLE "GiftCardMail" (
    "id" TEXT NOT NULL,
    "shop" TEXT NOT NULL,
    "code" TEXT NOT NULL,
    "recipientEmail" TEXT NOT NULL,
    "recipientName" TEXT,
    "senderName" TEXT,
    "message" TEXT,
    "locale" TEXT NOT NULL DEFAULT 'fr',
    "sendAt" TIMESTAMP(3) NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'planned',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "lastError" TEXT,
    "claimedBy" TEXT,
    "claimedUntil" TIMESTAMP(3),
    "sentAt" TIMESTAMP(3),
    "mailLogId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "GiftCardMail_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "MailLog_shop_createdAt_idx" ON "MailLog"("shop", "createdAt");

-- CreateIndex
CREATE INDEX "MailLog_shop_about_idx" ON "MailLog"("shop", "about");

-- CreateIndex
CREATE INDEX "GiftCardLink_shop_customerEmail_idx" ON "GiftCardLink"("shop", "customerEmail");

-- CreateIndex
CREATE INDEX "GiftCardMail_shop_code_idx" ON "GiftCardMail"("shop", "code");

-- CreateIndex
CREATE INDEX "GiftCardMail_status_sendAt_idx" ON "GiftCardMail"("status", "sendAt");

