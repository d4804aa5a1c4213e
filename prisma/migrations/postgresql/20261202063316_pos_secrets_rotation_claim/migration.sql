-- AlterTable
ALTER TABLE "PosAccount" ADD COLUMN     "secretsRotatingUntil" TIMESTAMP(3);

