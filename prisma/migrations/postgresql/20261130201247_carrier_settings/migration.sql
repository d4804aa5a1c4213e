-- CreateTable
CREATE TABLE "CarrierSettings" (
    "shop" TEXT NOT NULL,
    "configJson" TEXT NOT NULL DEFAULT '{}',
    "secretsCiphertext" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "CarrierSettings_pkey" PRIMARY KEY ("shop")
);

-- AddForeignKey
ALTER TABLE "CarrierSettings" ADD CONSTRAINT "CarrierSettings_shop_fkey" FOREIGN KEY ("shop") REFERENCES "Shop"("domain") ON DELETE CASCADE ON UPDATE CASCADE;


-- Carrier settings used to be stored as a connector named "orders": move them here.
INSERT INTO "CarrierSettings" ("shop", "configJson", "secretsCiphertext", "createdAt", "updatedAt")
SELECT "shop", "configJson", "secretsCiphertext", "createdAt", "updatedAt" FROM "ConnectorSetting" WHERE "connector" = 'orders';
DELETE FROM "ConnectorSetting" WHERE "connector" = 'orders';
