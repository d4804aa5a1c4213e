-- CreateTable
CREATE TABLE "Promotion" (
    "id" TEXT NOT NULL,
    "shop" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "tag" TEXT NOT NULL,
    "percentage" DOUBLE PRECISION NOT NULL,
    "mode" TEXT NOT NULL,
    "rounding" TEXT NOT NULL,
    "productIdsJson" TEXT NOT NULL,
    "collectionIdsJson" TEXT NOT NULL,
    "targetProductIdsJson" TEXT NOT NULL DEFAULT '[]',
    "startsAt" TIMESTAMP(3) NOT NULL,
    "endsAt" TIMESTAMP(3),
    "state" TEXT NOT NULL,
    "discountId" TEXT,
    "productsCount" INTEGER NOT NULL DEFAULT 0,
    "variantsCount" INTEGER NOT NULL DEFAULT 0,
    "restoredCount" INTEGER NOT NULL DEFAULT 0,
    "changedCount" INTEGER NOT NULL DEFAULT 0,
    "error" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Promotion_pkey" PRIMARY KEY ("id")
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
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "PromotionVariant_pkey" PRIMARY KEY ("promotionId","variantId")
);

-- CreateTable
CREATE TABLE "PromotionSettings" (
    "shop" TEXT NOT NULL,
    "rounding" TEXT NOT NULL DEFAULT 'cent',
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "PromotionSettings_pkey" PRIMARY KEY ("shop")
);

-- CreateIndex
CREATE INDEX "Promotion_shop_state_idx" ON "Promotion"("shop", "state");

-- CreateIndex
CREATE INDEX "Promotion_shop_tag_idx" ON "Promotion"("shop", "tag");

-- CreateIndex
CREATE INDEX "PromotionVariant_shop_variantId_idx" ON "PromotionVariant"("shop", "variantId");

-- AddForeignKey
ALTER TABLE "PromotionVariant" ADD CONSTRAINT "PromotionVariant_promotionId_fkey" FOREIGN KEY ("promotionId") REFERENCES "Promotion"("id") ON DELETE CASCADE ON UPDATE CASCADE;

