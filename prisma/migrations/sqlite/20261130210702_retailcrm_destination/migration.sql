-- CreateTable
CREATE TABLE "RetailCrmUpload" (
    "shop" TEXT NOT NULL,
    "sku" TEXT NOT NULL,
    "offerId" INTEGER NOT NULL,
    "available" INTEGER NOT NULL,
    "uploadedAt" DATETIME NOT NULL,

    PRIMARY KEY ("shop", "sku"),
    CONSTRAINT "RetailCrmUpload_shop_fkey" FOREIGN KEY ("shop") REFERENCES "Shop" ("domain") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "RetailCrmClient" (
    "clientIdHash" TEXT NOT NULL PRIMARY KEY,
    "shop" TEXT NOT NULL,
    CONSTRAINT "RetailCrmClient_shop_fkey" FOREIGN KEY ("shop") REFERENCES "Shop" ("domain") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE UNIQUE INDEX "RetailCrmClient_shop_key" ON "RetailCrmClient"("shop");

