// Keeps the job history short: finished runs are deleted after a while, failures kept longer so a
// merchant can still read what went wrong. Runs as a normal job (maintenance.prune-job-history).
import { z } from "zod";
import type { Db } from "../db.server";
import { defineJobType } from "./registry.server";
import { said } from "../i18n/stored-words";

export interface RetentionPolicy {
  keepSucceededDays: number;
  keepFailedDays: number;
}

export const DEFAULT_RETENTION: RetentionPolicy = { keepSucceededDays: 14, keepFailedDays: 60 };
const DAY = 86_400_000;
const BATCH = 500;

/** Deletes a shop's finished runs older than the policy, with their skipped items and log. */
export async function pruneJobHistory(
  db: Db,
  shop: string,
  now: Date,
  policy: RetentionPolicy = DEFAULT_RETENTION,
  onBatch?: (deleted: number) => Promise<void>,
): Promise<{ deleted: number }> {
  const where = {
    shop,
    OR: [
      {
        status: { in: ["succeeded", "cancelled", "skipped"] },
        finishedAt: { lt: new Date(now.getTime() - policy.keepSucceededDays * DAY) },
      },
      { status: "failed", finishedAt: { lt: new Date(now.getTime() - policy.keepFailedDays * DAY) } },
    ],
  };
  let deleted = 0;
  for (;;) {
    const ids = (await db.job.findMany({ where, select: { id: true }, take: BATCH })).map((j) => j.id);
    if (ids.length === 0) break;
    // Children first: SQLite only cascades when foreign keys are switched on for the connection.
    await db.$transaction([
      db.jobSkippedItem.deleteMany({ where: { jobId: { in: ids } } }),
      db.jobLogEntry.deleteMany({ where: { jobId: { in: ids } } }),
      db.job.deleteMany({ where: { id: { in: ids } } }),
    ]);
    deleted += ids.length;
    await onBatch?.(deleted);
  }
  return { deleted };
}

export interface PruneParams {
  keepSucceededDays?: number;
  keepFailedDays?: number;
}

const days = z.number().int("must be a whole number of days").min(1, "must be at least 1 day").optional();
const pruneParams = z.object({ keepSucceededDays: days, keepFailedDays: days }).strict();

/** The retention job, one per shop, daily. */
export const pruneJobHistoryJob = defineJobType<PruneParams>({
  type: "maintenance.prune-job-history",
  title: "Clean up sync history",
  description: "Deletes finished sync runs after 14 days and failed ones after 60 days.",
  fr: {
    title: "Nettoyage de l'historique des synchronisations",
    description:
      "Supprime les exécutions de synchronisation terminées après 14 jours et celles en échec après 60 jours.",
  },
  defaultSchedule: { cron: "20 4 * * *" },
  retry: { maxAttempts: 3, baseDelayMs: 60_000 },
  progress: "phases",
  parseParams: (raw) => pruneParams.parse(raw ?? {}),
  handler: async (ctx) => {
    ctx.progress(0, null, said("retention.phase.runs"));
    const policy = { ...DEFAULT_RETENTION, ...ctx.params };
    const { deleted } = await pruneJobHistory(ctx.db, ctx.shop, ctx.now(), policy, async (n) => {
      ctx.progress(n, null, said("retention.phase.runs"));
      await ctx.checkpoint();
    });
    ctx.count({ seen: deleted, changed: deleted });
    ctx.log("info", said("retention.deletedRuns", { count: deleted }));
    return { deleted, policy };
  },
});
