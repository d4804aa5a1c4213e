-- CreateTable
CREATE TABLE "ExternalLink" (
    "shop" TEXT NOT NULL,
    "entity" TEXT NOT NULL,
    "localId" TEXT NOT NULL,
    "remoteId" TEXT NOT NULL,
    "hash" TEXT NOT NULL DEFAULT '',
    "groupKey" TEXT NOT NULL DEFAULT '',
    "detail" TEXT,
    "updatedAt" DATETIME NOT NULL,

    PRIMARY KEY ("shop", "entity", "localId"),
    CONSTRAINT "ExternalLink_shop_fkey" FOREIGN KEY ("shop") REFERENCES "Shop" ("domain") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "ExternalLink_shop_entity_groupKey_idx" ON "ExternalLink"("shop", "entity", "groupKey");

-- CreateIndex
CREATE INDEX "ExternalLink_shop_entity_remoteId_idx" ON "ExternalLink"("shop", "entity", "remoteId");

