-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_AlertSettings" (
    "shop" TEXT NOT NULL PRIMARY KEY,
    "recipients" TEXT NOT NULL DEFAULT '',
    "webhookUrl" TEXT,
    "webhookSecretCiphertext" TEXT,
    "eventsJson" TEXT NOT NULL DEFAULT '["run-failed","connector-down","delivery-dead","webhook-failed"]',
    "digest" TEXT NOT NULL DEFAULT 'immediate',
    "quietMinutes" INTEGER NOT NULL DEFAULT 60,
    "locale" TEXT NOT NULL DEFAULT 'fr',
    "checklistDismissedAt" DATETIME,
    "updatedAt" DATETIME NOT NULL
);
INSERT INTO "new_AlertSettings" ("checklistDismissedAt", "digest", "eventsJson", "locale", "quietMinutes", "recipients", "shop", "updatedAt", "webhookSecretCiphertext", "webhookUrl") SELECT "checklistDismissedAt", "digest", "eventsJson", "locale", "quietMinutes", "recipients", "shop", "updatedAt", "webhookSecretCiphertext", "webhookUrl" FROM "AlertSettings";
DROP TABLE "AlertSettings";
ALTER TABLE "new_AlertSettings" RENAME TO "AlertSettings";
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;


-- A new kind of alert, a Shopify webhook whose processing was given up: shops that chose to hear of event
-- feed deliveries given up (the other events given up) hear of it too; they can untick it on the Alerts screen.
UPDATE "AlertSettings" SET "eventsJson" = replace("eventsJson", '"delivery-dead"', '"delivery-dead","webhook-failed"')
WHERE "eventsJson" LIKE '%"delivery-dead"%' AND "eventsJson" NOT LIKE '%"webhook-failed"%';
