-- AlterTable
ALTER TABLE "Job" ADD COLUMN     "concurrencyKey" TEXT NOT NULL DEFAULT '';


-- Written by hand (Prisma cannot express partial indexes): at most one running job per shop, job type
-- and concurrency key ("" for types that run one at a time per shop), enforced by the database so two
-- workers can never both claim one.
DROP INDEX "Job_one_running_per_shop_type";
CREATE UNIQUE INDEX "Job_one_running_per_concurrency_key" ON "Job"("shop", "type", "concurrencyKey") WHERE "status" = 'running';

-- Written by hand: wakes idle workers of every process (LISTEN passerelle_jobs_queued, see
-- app/jobs/wakeup.server.ts) when a job is queued: inserted, or put back in the queue (retry, release).
CREATE FUNCTION "passerelle_job_queued"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('passerelle_jobs_queued', '');
  RETURN NULL;
END
$$;
CREATE TRIGGER "Job_queued_insert" AFTER INSERT ON "Job"
  FOR EACH STATEMENT EXECUTE FUNCTION "passerelle_job_queued"();
CREATE TRIGGER "Job_queued_update" AFTER UPDATE OF "status" ON "Job"
  FOR EACH ROW WHEN (NEW."status" = 'queued' AND OLD."status" <> 'queued') EXECUTE FUNCTION "passerelle_job_queued"();
