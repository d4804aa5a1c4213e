-- CreateTable
CREATE TABLE "PosAccount" (
    "id" TEXT NOT NULL,
    "shop" TEXT NOT NULL,
    "system" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "settingsJson" TEXT NOT NULL DEFAULT '{}',
    "secretsCiphertext" TEXT,
    "paused" BOOLEAN NOT NULL DEFAULT false,
    "cron" TEXT NOT NULL DEFAULT '*/5 * * * *',
    "sumLocations" BOOLEAN NOT NULL DEFAULT false,
    "lastCheckAt" TIMESTAMP(3),
    "lastCheckOk" BOOLEAN,
    "lastCheckMessage" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "PosAccount_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PosItemMapping" (
    "id" TEXT NOT NULL,
    "shop" TEXT NOT NULL,
    "accountId" TEXT NOT NULL,
    "posItemId" TEXT NOT NULL,
    "posName" TEXT NOT NULL DEFAULT '',
    "posSku" TEXT,
    "posBarcode" TEXT,
    "variantId" TEXT,
    "inventoryItemId" TEXT,
    "variantSku" TEXT,
    "variantName" TEXT,
    "status" TEXT NOT NULL DEFAULT 'suggested',
    "matchedBy" TEXT,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "PosItemMapping_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PosLocationMapping" (
    "accountId" TEXT NOT NULL,
    "posLocationId" TEXT NOT NULL,
    "posLocationName" TEXT NOT NULL DEFAULT '',
    "shopifyLocationId" TEXT NOT NULL,

    CONSTRAINT "PosLocationMapping_pkey" PRIMARY KEY ("accountId","posLocationId")
);

-- CreateTable
CREATE TABLE "PosLevel" (
    "accountId" TEXT NOT NULL,
    "shopifyLocationId" TEXT NOT NULL,
    "inventoryItemId" TEXT NOT NULL,
    "posQuantity" INTEGER NOT NULL,
    "shopifyQuantity" INTEGER,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "PosLevel_pkey" PRIMARY KEY ("accountId","shopifyLocationId","inventoryItemId")
);

-- CreateTable
CREATE TABLE "PosDispatch" (
    "key" TEXT NOT NULL,
    "shop" TEXT NOT NULL,
    "accountId" TEXT NOT NULL,
    "orderId" TEXT NOT NULL,
    "orderName" TEXT NOT NULL DEFAULT '',
    "lineId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "posItemId" TEXT NOT NULL,
    "posLocationId" TEXT NOT NULL,
    "quantity" INTEGER NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "reason" TEXT,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "claimedUntil" TIMESTAMP(3),
    "sentAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "PosDispatch_pkey" PRIMARY KEY ("key")
);

-- CreateIndex
CREATE INDEX "PosAccount_shop_idx" ON "PosAccount"("shop");

-- CreateIndex
CREATE INDEX "PosItemMapping_shop_inventoryItemId_idx" ON "PosItemMapping"("shop", "inventoryItemId");

-- CreateIndex
CREATE UNIQUE INDEX "PosItemMapping_accountId_posItemId_key" ON "PosItemMapping"("accountId", "posItemId");

-- CreateIndex
CREATE INDEX "PosDispatch_shop_orderId_idx" ON "PosDispatch"("shop", "orderId");

