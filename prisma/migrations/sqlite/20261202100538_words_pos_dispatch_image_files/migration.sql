-- AlterTable
ALTER TABLE "CatalogImageFile" ADD COLUMN "reasonWords" TEXT;

-- AlterTable
ALTER TABLE "PosDispatch" ADD COLUMN "reasonWords" TEXT;

