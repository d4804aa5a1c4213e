-- CreateTable
CREATE TABLE "ShopRouting" (
    "shop" TEXT NOT NULL PRIMARY KEY,
    "stockSource" TEXT,
    "priceSource" TEXT,
    "orderDestination" TEXT,
    "stockDestinations" TEXT NOT NULL DEFAULT '["shopify"]',
    "shopifyLocationId" TEXT,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "ShopRouting_shop_fkey" FOREIGN KEY ("shop") REFERENCES "Shop" ("domain") ON DELETE CASCADE ON UPDATE CASCADE
);


-- The Shopify location stock is synced into was a Fastmag setting: it becomes the shop's.
INSERT INTO "ShopRouting" ("shop", "shopifyLocationId", "updatedAt")
SELECT "shop", json_extract("configJson", '$.locationId'), CURRENT_TIMESTAMP
FROM "ConnectorSetting"
WHERE "connector" = 'fastmag' AND json_extract("configJson", '$.locationId') IS NOT NULL;
