-- CreateTable
CREATE TABLE "JobApplication" (
    "id" TEXT NOT NULL,
    "shop" TEXT NOT NULL,
    "position" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "applicantKey" TEXT,
    "clientKey" TEXT,
    "answersCiphertext" TEXT,
    "filesDir" TEXT,
    "error" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "sentAt" TIMESTAMP(3),

    CONSTRAINT "JobApplication_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "JobApplicationSettings" (
    "shop" TEXT NOT NULL,
    "recipient" TEXT NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "JobApplicationSettings_pkey" PRIMARY KEY ("shop")
);

-- CreateIndex
CREATE INDEX "JobApplication_shop_clientKey_createdAt_idx" ON "JobApplication"("shop", "clientKey", "createdAt");

-- CreateIndex
CREATE INDEX "JobApplication_shop_applicantKey_idx" ON "JobApplication"("shop", "applicantKey");

