-- DropIndex
DROP INDEX "JobLogEntry_jobId_at_idx";

-- AlterTable
ALTER TABLE "Job" ADD COLUMN     "firstStartedAt" TIMESTAMP(3);

-- AlterTable
ALTER TABLE "JobSkippedItem" ADD COLUMN     "outcome" TEXT NOT NULL DEFAULT 'skipped';

-- CreateTable
CREATE TABLE "JobChange" (
    "id" SERIAL NOT NULL,
    "jobId" TEXT NOT NULL,
    "shop" TEXT NOT NULL,
    "entity" TEXT NOT NULL,
    "externalId" TEXT NOT NULL,
    "field" TEXT NOT NULL,
    "before" TEXT,
    "after" TEXT,
    "at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "JobChange_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "JobChange_jobId_id_idx" ON "JobChange"("jobId", "id");

-- CreateIndex
CREATE INDEX "JobChange_jobId_field_id_idx" ON "JobChange"("jobId", "field", "id");

-- CreateIndex
CREATE INDEX "JobSkippedItem_jobId_outcome_createdAt_id_idx" ON "JobSkippedItem"("jobId", "outcome", "createdAt", "id");

-- CreateIndex
CREATE INDEX "JobLogEntry_jobId_at_id_idx" ON "JobLogEntry"("jobId", "at", "id");

-- AddForeignKey
ALTER TABLE "JobChange" ADD CONSTRAINT "JobChange_jobId_fkey" FOREIGN KEY ("jobId") REFERENCES "Job"("id") ON DELETE CASCADE ON UPDATE CASCADE;

