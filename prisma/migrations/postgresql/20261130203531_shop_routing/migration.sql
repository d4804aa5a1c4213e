-- CreateTable
CREATE TABLE "ShopRouting" (
    "shop" TEXT NOT NULL,
    "stockSource" TEXT,
    "priceSource" TEXT,
    "orderDestination" TEXT,
    "stockDestinations" TEXT NOT NULL DEFAULT '["shopify"]',
    "shopifyLocationId" TEXT,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ShopRouting_pkey" PRIMARY KEY ("shop")
);

-- AddForeignKey
ALTER TABLE "ShopRouting" ADD CONSTRAINT "ShopRouting_shop_fkey" FOREIGN KEY ("shop") REFERENCES "Shop"("domain") ON DELETE CASCADE ON UPDATE CASCADE;


-- The Shopify location stock is synced into was a Fastmag setting: it becomes the shop's.
INSERT INTO "ShopRouting" ("shop", "shopifyLocationId", "updatedAt")
SELECT "shop", CAST("configJson" AS json) ->> 'locationId', CURRENT_TIMESTAMP
FROM "ConnectorSetting"
WHERE "connector" = 'fastmag' AND CAST("configJson" AS json) ->> 'locationId' IS NOT NULL;
