-- CreateTable
CREATE TABLE "RetailCrmUpload" (
    "shop" TEXT NOT NULL,
    "sku" TEXT NOT NULL,
    "offerId" INTEGER NOT NULL,
    "available" INTEGER NOT NULL,
    "uploadedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "RetailCrmUpload_pkey" PRIMARY KEY ("shop","sku")
);

-- CreateTable
CREATE TABLE "RetailCrmClient" (
    "clientIdHash" TEXT NOT NULL,
    "shop" TEXT NOT NULL,

    CONSTRAINT "RetailCrmClient_pkey" PRIMARY KEY ("clientIdHash")
);

-- CreateIndex
CREATE UNIQUE INDEX "RetailCrmClient_shop_key" ON "RetailCrmClient"("shop");

-- AddForeignKey
ALTER TABLE "RetailCrmUpload" ADD CONSTRAINT "RetailCrmUpload_shop_fkey" FOREIGN KEY ("shop") REFERENCES "Shop"("domain") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RetailCrmClient" ADD CONSTRAINT "RetailCrmClient_shop_fkey" FOREIGN KEY ("shop") REFERENCES "Shop"("domain") ON DELETE CASCADE ON UPDATE CASCADE;

