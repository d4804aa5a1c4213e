-- DropIndex
DROP INDEX "JobLogEntry_jobId_at_idx";

-- AlterTable
ALTER TABLE "Job" ADD COLUMN "firstStartedAt" DATETIME;

-- CreateTable
CREATE TABLE "JobChange" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "jobId" TEXT NOT NULL,
    "shop" TEXT NOT NULL,
    "entity" TEXT NOT NULL,
    "externalId" TEXT NOT NULL,
    "field" TEXT NOT NULL,
    "before" TEXT,
    "after" TEXT,
    "at" DATETIME NOT NULL,
    CONSTRAINT "JobChange_jobId_fkey" FOREIGN KEY ("jobId") REFERENCES "Job" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_JobSkippedItem" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "jobId" TEXT NOT NULL,
    "shop" TEXT NOT NULL,
    "entity" TEXT NOT NULL,
    "externalId" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "outcome" TEXT NOT NULL DEFAULT 'skipped',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "JobSkippedItem_jobId_fkey" FOREIGN KEY ("jobId") REFERENCES "Job" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_JobSkippedItem" ("createdAt", "entity", "externalId", "id", "jobId", "reason", "shop") SELECT "createdAt", "entity", "externalId", "id", "jobId", "reason", "shop" FROM "JobSkippedItem";
DROP TABLE "JobSkippedItem";
ALTER TABLE "new_JobSkippedItem" RENAME TO "JobSkippedItem";
CREATE INDEX "JobSkippedItem_jobId_entity_idx" ON "JobSkippedItem"("jobId", "entity");
CREATE INDEX "JobSkippedItem_jobId_outcome_createdAt_id_idx" ON "JobSkippedItem"("jobId", "outcome", "createdAt", "id");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE INDEX "JobChange_jobId_id_idx" ON "JobChange"("jobId", "id");

-- CreateIndex
CREATE INDEX "JobChange_jobId_field_id_idx" ON "JobChange"("jobId", "field", "id");

-- CreateIndex
CREATE INDEX "JobLogEntry_jobId_at_id_idx" ON "JobLogEntry"("jobId", "at", "id");

