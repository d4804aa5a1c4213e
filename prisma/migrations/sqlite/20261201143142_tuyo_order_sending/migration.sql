-- AlterTable
ALTER TABLE "TuyoOrder" ADD COLUMN "sendingSince" DATETIME;
ALTER TABLE "TuyoOrder" ADD COLUMN "sendingStatus" TEXT;

