-- AlterTable
ALTER TABLE "CatalogPublishSettings" ADD COLUMN     "archiveGone" BOOLEAN NOT NULL DEFAULT false;

-- CreateTable
CREATE TABLE "CatalogSeasonCount" (
    "shop" TEXT NOT NULL,
    "season" TEXT NOT NULL,
    "changed" INTEGER NOT NULL,
    "countedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "CatalogSeasonCount_pkey" PRIMARY KEY ("shop","season")
);

