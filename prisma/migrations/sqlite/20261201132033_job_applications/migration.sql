-- CreateTable
CREATE TABLE "JobApplication" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "shop" TEXT NOT NULL,
    "position" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "applicantKey" TEXT,
    "clientKey" TEXT,
    "answersCiphertext" TEXT,
    "filesDir" TEXT,
    "error" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "sentAt" DATETIME
);

-- CreateTable
CREATE TABLE "JobApplicationSettings" (
    "shop" TEXT NOT NULL PRIMARY KEY,
    "recipient" TEXT NOT NULL,
    "updatedAt" DATETIME NOT NULL
);

-- CreateIndex
CREATE INDEX "JobApplication_shop_clientKey_createdAt_idx" ON "JobApplication"("shop", "clientKey", "createdAt");

-- CreateIndex
CREATE INDEX "JobApplication_shop_applicantKey_idx" ON "JobApplication"("shop", "applicantKey");

