-- CreateTable
CREATE TABLE "Promotion" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "shop" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "tag" TEXT NOT NULL,
    "percentage" REAL NOT NULL,
    "mode" TEXT NOT NULL,
    "rounding" TEXT NOT NULL,
    "productIdsJson" TEXT NOT NULL,
    "collectionIdsJson" TEXT NOT NULL,
    "targetProductIdsJson" TEXT NOT NULL DEFAULT '[]',
    "startsAt" DATETIME NOT NULL,
    "endsAt" DATETIME,
    "state" TEXT NOT NULL,
    "discountId" TEXT,
    "productsCount" INTEGER NOT NULL DEFAULT 0,
    "variantsCount" INTEGER NOT NULL DEFAULT 0,
    "restoredCount" INTEGER NOT NULL DEFAULT 0,
    "changedCount" INTEGER NOT NULL DEFAULT 0,
    "error" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "PromotionVariant" (
    "promotionId" TEXT NOT NULL,
    "variantId" TEXT NOT NULL,
    "shop" TEXT NOT NULL,
    "productId" TEXT NOT NULL,
    "sku" TEXT,
    "originalPrice" TEXT NOT NULL,
    "originalCompareAt" TEXT,
    "promoPrice" TEXT NOT NULL,
    "promoCompareAt" TEXT,
    "status" TEXT NOT NULL,
    "updatedAt" DATETIME NOT NULL,

    PRIMARY KEY ("promotionId", "variantId"),
    CONSTRAINT "PromotionVariant_promotionId_fkey" FOREIGN KEY ("promotionId") REFERENCES "Promotion" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "PromotionSettings" (
    "shop" TEXT NOT NULL PRIMARY KEY,
    "rounding" TEXT NOT NULL DEFAULT 'cent',
    "updatedAt" DATETIME NOT NULL
);

-- CreateIndex
CREATE INDEX "Promotion_shop_state_idx" ON "Promotion"("shop", "state");

-- CreateIndex
CREATE INDEX "Promotion_shop_tag_idx" ON "Promotion"("shop", "tag");

-- CreateIndex
CREATE INDEX "PromotionVariant_shop_variantId_idx" ON "PromotionVariant"("shop", "variantId");

