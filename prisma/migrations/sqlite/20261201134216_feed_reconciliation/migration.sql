-- CreateTable
CREATE TABLE "FeedReconciliation" (
    "shop" TEXT NOT NULL PRIMARY KEY,
    "cursor" DATETIME NOT NULL,
    "lastRunAt" DATETIME,
    "lastFound" INTEGER NOT NULL DEFAULT 0
);

