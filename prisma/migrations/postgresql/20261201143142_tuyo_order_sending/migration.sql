-- AlterTable
ALTER TABLE "TuyoOrder" ADD COLUMN     "sendingSince" TIMESTAMP(3),
ADD COLUMN     "sendingStatus" TEXT;

