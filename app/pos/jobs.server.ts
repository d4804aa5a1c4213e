// The POS stock poll as a job family: one type pos.stock.<account id> per account, scheduled with the
// account's cron (Run now, pause and resume as for the other syncs), plus the poll a POS's "counts
// moved" notification asks for.
import { z } from "zod";
import { db as defaultDb, type Db } from "../db.server";
import { enqueue } from "../jobs/queue.server";
import { defineJobType, type JobTypeDefinition } from "../jobs/registry.server";
import { NotConfiguredError } from "../lib/errors";
import { adminClientForShop } from "../shopify/admin-for-shop.server";
import { POS_STOCK_JOB, posStockJobType } from "./accounts.server";
import { pollPosStock } from "./stock.server";

const params = z.object({ accountId: z.string().min(1), label: z.string().optional() }).passthrough();

export const posJobTypes: JobTypeDefinition[] = [
  defineJobType<z.infer<typeof params>>({
    type: POS_STOCK_JOB,
    family: true,
    title: "Point of sale stock",
    description: "Reads the counts of a point-of-sale account and updates the Shopify levels that moved.",
    fr: {
      title: "Stock du point de vente",
      description: "Lit les quantités d'un compte de point de vente et met à jour les niveaux Shopify qui ont bougé.",
    },
    retry: { maxAttempts: 3, baseDelayMs: 30_000 },
    progress: "phases",
    parseParams: (raw) => params.parse(raw ?? {}),
    handler: async (ctx) => {
      const accountId = ctx.params.accountId;
      if (posStockJobType(accountId) !== ctx.type)
        throw new NotConfiguredError(
          "This point-of-sale account",
          "/app/settings/pos",
          "This run names another account.",
        );
      const client = await adminClientForShop(ctx.shop, { db: ctx.db, timeoutMs: 60_000 });
      return pollPosStock({ db: ctx.db, shop: ctx.shop, accountId, client, runId: ctx.jobId, report: ctx });
    },
  }),
];

/** Queues a poll of the account (Run now, a webhook); one waiting poll is enough. */
export async function enqueuePosPoll(
  shop: string,
  accountId: string,
  trigger: "manual" | "webhook" | "api",
  db: Db = defaultDb,
  dedupeKey?: string,
): Promise<{ jobId: string; created: boolean }> {
  const type = posStockJobType(accountId);
  const waiting = await db.job.findFirst({ where: { shop, type, status: "queued" }, select: { id: true } });
  if (waiting && trigger === "webhook") return { jobId: waiting.id, created: false };
  const { job, created } = await enqueue(db, {
    shop,
    type,
    trigger,
    params: { accountId },
    ...(dedupeKey ? { dedupeKey } : {}),
  });
  return { jobId: job.id, created };
}
