-- CreateTable
CREATE TABLE "CatalogImageFile" (
    "shop" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "size" INTEGER NOT NULL,
    "modifiedAt" DATETIME NOT NULL,
    "sha256" TEXT,
    "status" TEXT NOT NULL,
    "reason" TEXT,
    "productId" TEXT,
    "mediaId" TEXT,
    "syncedAt" DATETIME NOT NULL,

    PRIMARY KEY ("shop", "source", "name")
);

-- CreateTable
CREATE TABLE "CatalogPublishSettings" (
    "shop" TEXT NOT NULL PRIMARY KEY,
    "imageSource" TEXT,
    "rulesJson" TEXT NOT NULL DEFAULT '{}',
    "publicationIdsJson" TEXT NOT NULL DEFAULT '[]',
    "updatedAt" DATETIME NOT NULL
);

-- CreateIndex
CREATE INDEX "CatalogImageFile_shop_status_idx" ON "CatalogImageFile"("shop", "status");

