-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_PosLocationMapping" (
    "accountId" TEXT NOT NULL,
    "posLocationId" TEXT NOT NULL,
    "posLocationName" TEXT NOT NULL DEFAULT '',
    "shopifyLocationId" TEXT,

    PRIMARY KEY ("accountId", "posLocationId")
);
INSERT INTO "new_PosLocationMapping" ("accountId", "posLocationId", "posLocationName", "shopifyLocationId") SELECT "accountId", "posLocationId", "posLocationName", "shopifyLocationId" FROM "PosLocationMapping";
DROP TABLE "PosLocationMapping";
ALTER TABLE "new_PosLocationMapping" RENAME TO "PosLocationMapping";
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

