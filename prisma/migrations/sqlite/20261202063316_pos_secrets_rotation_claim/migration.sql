-- AlterTable
ALTER TABLE "PosAccount" ADD COLUMN "secretsRotatingUntil" DATETIME;

