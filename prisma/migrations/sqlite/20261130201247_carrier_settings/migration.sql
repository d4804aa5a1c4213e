-- CreateTable
CREATE TABLE "CarrierSettings" (
    "shop" TEXT NOT NULL PRIMARY KEY,
    "configJson" TEXT NOT NULL DEFAULT '{}',
    "secretsCiphertext" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "CarrierSettings_shop_fkey" FOREIGN KEY ("shop") REFERENCES "Shop" ("domain") ON DELETE CASCADE ON UPDATE CASCADE
);


-- Carrier settings used to be stored as a connector named "orders": move them here.
INSERT INTO "CarrierSettings" ("shop", "configJson", "secretsCiphertext", "createdAt", "updatedAt")
SELECT "shop", "configJson", "secretsCiphertext", "createdAt", "updatedAt" FROM "ConnectorSetting" WHERE "connector" = 'orders';
DELETE FROM "ConnectorSetting" WHERE "connector" = 'orders';
