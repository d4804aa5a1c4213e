-- AlterTable
ALTER TABLE "Promotion" ADD COLUMN     "followCollections" BOOLEAN NOT NULL DEFAULT false;

