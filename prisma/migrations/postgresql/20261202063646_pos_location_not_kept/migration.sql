-- AlterTable
ALTER TABLE "PosLocationMapping" ALTER COLUMN "shopifyLocationId" DROP NOT NULL;

