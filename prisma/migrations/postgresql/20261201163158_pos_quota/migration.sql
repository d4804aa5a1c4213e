-- CreateTable
CREATE TABLE "PosQuota" (
    "accountId" TEXT NOT NULL,
    "day" TEXT NOT NULL,
    "shop" TEXT NOT NULL,
    "used" INTEGER NOT NULL DEFAULT 0,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "PosQuota_pkey" PRIMARY KEY ("accountId","day")
);

-- CreateIndex
CREATE INDEX "PosQuota_shop_idx" ON "PosQuota"("shop");

