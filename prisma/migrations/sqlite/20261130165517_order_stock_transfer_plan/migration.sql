-- AlterTable
ALTER TABLE "OrderExport" ADD COLUMN "stockTransferJson" TEXT;

