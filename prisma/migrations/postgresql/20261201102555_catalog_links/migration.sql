-- CreateTable
CREATE TABLE "ExternalLink" (
    "shop" TEXT NOT NULL,
    "entity" TEXT NOT NULL,
    "localId" TEXT NOT NULL,
    "remoteId" TEXT NOT NULL,
    "hash" TEXT NOT NULL DEFAULT '',
    "groupKey" TEXT NOT NULL DEFAULT '',
    "detail" TEXT,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ExternalLink_pkey" PRIMARY KEY ("shop","entity","localId")
);

-- CreateIndex
CREATE INDEX "ExternalLink_shop_entity_groupKey_idx" ON "ExternalLink"("shop", "entity", "groupKey");

-- CreateIndex
CREATE INDEX "ExternalLink_shop_entity_remoteId_idx" ON "ExternalLink"("shop", "entity", "remoteId");

-- AddForeignKey
ALTER TABLE "ExternalLink" ADD CONSTRAINT "ExternalLink_shop_fkey" FOREIGN KEY ("shop") REFERENCES "Shop"("domain") ON DELETE CASCADE ON UPDATE CASCADE;

