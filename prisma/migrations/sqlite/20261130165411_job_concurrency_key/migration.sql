-- AlterTable (written by hand: a plain ADD COLUMN instead of Prisma's table rebuild, which would also
-- drop the hand-written partial index below)
ALTER TABLE "Job" ADD COLUMN "concurrencyKey" TEXT NOT NULL DEFAULT '';

-- Written by hand (Prisma cannot express partial indexes): at most one running job per shop, job type
-- and concurrency key ("" for types that run one at a time per shop), enforced by the database so two
-- workers can never both claim one.
DROP INDEX "Job_one_running_per_shop_type";
CREATE UNIQUE INDEX "Job_one_running_per_concurrency_key" ON "Job"("shop", "type", "concurrencyKey") WHERE "status" = 'running';
