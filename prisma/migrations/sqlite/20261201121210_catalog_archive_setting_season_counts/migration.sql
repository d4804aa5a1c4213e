-- CreateTable
CREATE TABLE "CatalogSeasonCount" (
    "shop" TEXT NOT NULL,
    "season" TEXT NOT NULL,
    "changed" INTEGER NOT NULL,
    "countedAt" DATETIME NOT NULL,

    PRIMARY KEY ("shop", "season")
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_CatalogPublishSettings" (
    "shop" TEXT NOT NULL PRIMARY KEY,
    "imageSource" TEXT,
    "archiveGone" BOOLEAN NOT NULL DEFAULT false,
    "rulesJson" TEXT NOT NULL DEFAULT '{}',
    "publicationIdsJson" TEXT NOT NULL DEFAULT '[]',
    "updatedAt" DATETIME NOT NULL
);
INSERT INTO "new_CatalogPublishSettings" ("imageSource", "publicationIdsJson", "rulesJson", "shop", "updatedAt") SELECT "imageSource", "publicationIdsJson", "rulesJson", "shop", "updatedAt" FROM "CatalogPublishSettings";
DROP TABLE "CatalogPublishSettings";
ALTER TABLE "new_CatalogPublishSettings" RENAME TO "CatalogPublishSettings";
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

