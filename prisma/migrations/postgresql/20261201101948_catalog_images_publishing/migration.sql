-- CreateTable
CREATE TABLE "CatalogImageFile" (
    "shop" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "size" INTEGER NOT NULL,
    "modifiedAt" TIMESTAMP(3) NOT NULL,
    "sha256" TEXT,
    "status" TEXT NOT NULL,
    "reason" TEXT,
    "productId" TEXT,
    "mediaId" TEXT,
    "syncedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "CatalogImageFile_pkey" PRIMARY KEY ("shop","source","name")
);

-- CreateTable
CREATE TABLE "CatalogPublishSettings" (
    "shop" TEXT NOT NULL,
    "imageSource" TEXT,
    "rulesJson" TEXT NOT NULL DEFAULT '{}',
    "publicationIdsJson" TEXT NOT NULL DEFAULT '[]',
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "CatalogPublishSettings_pkey" PRIMARY KEY ("shop")
);

-- CreateIndex
CREATE INDEX "CatalogImageFile_shop_status_idx" ON "CatalogImageFile"("shop", "status");

