-- CreateTable
CREATE TABLE "TuyoCategoryList" (
    "shop" TEXT NOT NULL,
    "categoriesJson" TEXT NOT NULL,
    "fetchedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "TuyoCategoryList_pkey" PRIMARY KEY ("shop")
);

-- CreateTable
CREATE TABLE "TuyoCategoryRule" (
    "id" TEXT NOT NULL,
    "shop" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "value" TEXT NOT NULL,
    "categoryId" INTEGER NOT NULL,
    "subcategoryId" INTEGER NOT NULL,
    "productTypeId" INTEGER NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "TuyoCategoryRule_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "TuyoListing" (
    "id" TEXT NOT NULL,
    "shop" TEXT NOT NULL,
    "shopifyProductId" TEXT NOT NULL,
    "tuyoSku" TEXT,
    "state" TEXT NOT NULL,
    "reason" TEXT,
    "hash" TEXT,
    "cargoOverride" TEXT,
    "discount" INTEGER NOT NULL DEFAULT 0,
    "variantsJson" TEXT NOT NULL DEFAULT '[]',
    "listedAt" TIMESTAMP(3),
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "TuyoListing_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "TuyoOrder" (
    "id" TEXT NOT NULL,
    "shop" TEXT NOT NULL,
    "code" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "skusJson" TEXT NOT NULL,
    "shopifyOrderId" TEXT,
    "reportedStatus" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "TuyoOrder_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "TuyoCategoryRule_shop_kind_value_key" ON "TuyoCategoryRule"("shop", "kind", "value");

-- CreateIndex
CREATE INDEX "TuyoListing_shop_tuyoSku_idx" ON "TuyoListing"("shop", "tuyoSku");

-- CreateIndex
CREATE INDEX "TuyoListing_shop_state_idx" ON "TuyoListing"("shop", "state");

-- CreateIndex
CREATE UNIQUE INDEX "TuyoListing_shop_shopifyProductId_key" ON "TuyoListing"("shop", "shopifyProductId");

-- CreateIndex
CREATE UNIQUE INDEX "TuyoOrder_shop_code_key" ON "TuyoOrder"("shop", "code");

