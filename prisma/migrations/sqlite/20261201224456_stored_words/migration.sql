-- AlterTable
ALTER TABLE "Job" ADD COLUMN "errorWords" TEXT;
ALTER TABLE "Job" ADD COLUMN "phaseWords" TEXT;

-- AlterTable
ALTER TABLE "JobSkippedItem" ADD COLUMN "reasonWords" TEXT;

-- AlterTable
ALTER TABLE "JobLogEntry" ADD COLUMN "words" TEXT;

-- AlterTable
ALTER TABLE "OrderExport" ADD COLUMN "lastErrorWords" TEXT;

-- AlterTable
ALTER TABLE "OrderEvent" ADD COLUMN "words" TEXT;

-- AlterTable
ALTER TABLE "AppEvent" ADD COLUMN "words" TEXT;

