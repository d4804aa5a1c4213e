-- CreateTable
CREATE TABLE "MailSettings" (
    "shop" TEXT NOT NULL PRIMARY KEY,
    "configJson" TEXT NOT NULL DEFAULT '{}',
    "secretsCiphertext" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "MailLog" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "shop" TEXT NOT NULL,
    "to" TEXT NOT NULL,
    "subject" TEXT NOT NULL,
    "template" TEXT NOT NULL,
    "locale" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "error" TEXT,
    "messageId" TEXT,
    "about" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
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
    "lastCheckedAt" DATETIME NOT NULL,
    "lastSyncedAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,

    PRIMARY KEY ("shop", "code")
);

-- CreateTable
CREATE TABLE "GiftCardMail" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "shop" TEXT NOT NULL,
    "code" TEXT NOT NULL,
    "recipientEmail" TEXT NOT NULL,
    "recipientName" TEXT,
    "senderName" TEXT,
    "message" TEXT,
    "locale" TEXT NOT NULL DEFAULT 'fr',
    "sendAt" DATETIME NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'planned',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "lastError" TEXT,
    "claimedBy" TEXT,
    "claimedUntil" DATETIME,
    "sentAt" DATETIME,
    "mailLogId" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
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

