-- AlterTable
ALTER TABLE "JobApplication" ADD COLUMN     "errorWords" TEXT;

-- AlterTable
ALTER TABLE "PosAccount" ADD COLUMN     "lastCheckWords" TEXT;

