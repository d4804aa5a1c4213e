-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Promotion" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "shop" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "tag" TEXT NOT NULL,
    "percentage" REAL NOT NULL,
    "mode" TEXT NOT NULL,
    "rounding" TEXT NOT NULL,
    "productIdsJson" TEXT NOT NULL,
    "collectionIdsJson" TEXT NOT NULL,
    "targetProductIdsJson" TEXT NOT NULL DEFAULT '[]',
    "startsAt" DATETIME NOT NULL,
    "endsAt" DATETIME,
    "state" TEXT NOT NULL,
    "discountId" TEXT,
    "productsCount" INTEGER NOT NULL DEFAULT 0,
    "variantsCount" INTEGER NOT NULL DEFAULT 0,
    "restoredCount" INTEGER NOT NULL DEFAULT 0,
    "changedCount" INTEGER NOT NULL DEFAULT 0,
    "error" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    "followCollections" BOOLEAN NOT NULL DEFAULT false
);
INSERT INTO "new_Promotion" ("changedCount", "collectionIdsJson", "createdAt", "discountId", "endsAt", "error", "id", "mode", "name", "percentage", "productIdsJson", "productsCount", "restoredCount", "rounding", "shop", "startsAt", "state", "tag", "targetProductIdsJson", "updatedAt", "variantsCount") SELECT "changedCount", "collectionIdsJson", "createdAt", "discountId", "endsAt", "error", "id", "mode", "name", "percentage", "productIdsJson", "productsCount", "restoredCount", "rounding", "shop", "startsAt", "state", "tag", "targetProductIdsJson", "updatedAt", "variantsCount" FROM "Promotion";
DROP TABLE "Promotion";
ALTER TABLE "new_Promotion" RENAME TO "Promotion";
CREATE INDEX "Promotion_shop_state_idx" ON "Promotion"("shop", "state");
CREATE INDEX "Promotion_shop_tag_idx" ON "Promotion"("shop", "tag");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

