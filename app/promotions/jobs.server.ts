// Promotions as jobs: one type for a promotion's start, its hourly look at its collections ("follow",
// when it includes products added to them later) and its end, keyed on the promotion so they never run
// at the same time (promotions of one shop still run side by side).
import { z } from "zod";
import type { JobContext } from "../jobs/context.server";
import { enqueue } from "../jobs/queue.server";
import { defineJobType, type JobTypeDefinition } from "../jobs/registry.server";
import { isTransient, merchantMessageOf } from "../lib/errors";
import { said } from "../i18n/stored-words";
import { adminClientForShop } from "../shopify/admin-for-shop.server";
import { publishActivePromotions } from "./active.server";
import { FOLLOW_EVERY_MS, followCollections } from "./follow.server";
import { PROMOTION_JOB } from "./promotions.server";
import { endPromotion, markStartFailed, startPromotion, type RunDeps } from "./run.server";

const params = z
  .object({
    promotionId: z.string().min(1),
    action: z.enum(["start", "end", "follow"]),
    bulkMutationFrom: z.number().int().min(1).optional(),
    tagBulkFrom: z.number().int().min(1).optional(),
    shopWideFrom: z.number().int().min(1).optional(),
    readMode: z.enum(["paged", "bulk"]).optional(),
  })
  .strict();

type Params = z.infer<typeof params>;

const RETRY = { maxAttempts: 3, baseDelayMs: 30_000 };

async function run(ctx: JobContext<Params>) {
  const { promotionId, action, ...options } = ctx.params;
  const deps: RunDeps = {
    db: ctx.db,
    shop: ctx.shop,
    client: await adminClientForShop(ctx.shop, { db: ctx.db }),
    report: ctx,
    options,
  };
  if (action === "follow") {
    // The next look is queued first, so a run that fails does not stop the following ones.
    await followLater(ctx, promotionId);
    const followed = await followCollections(deps, promotionId);
    return {
      ...followed,
      toldSystems: followed.added || followed.removed ? await publishActivePromotions(ctx.db, ctx.shop, ctx) : 0,
    };
  }
  if (action === "end") {
    const ended = await endPromotion(deps, promotionId);
    return { ...ended, toldSystems: await publishActivePromotions(ctx.db, ctx.shop, ctx) };
  }
  try {
    const started = await startPromotion(deps, promotionId);
    await followLater(ctx, promotionId);
    return { ...started, toldSystems: await publishActivePromotions(ctx.db, ctx.shop, ctx) };
  } catch (error) {
    // The last try, or an error no retry fixes: the promotion shows it failed (End cleans up).
    if (!isTransient(error) || ctx.attempt >= RETRY.maxAttempts)
      await markStartFailed(ctx.db, promotionId, merchantMessageOf(error) ?? said("promotions.couldNotStart"));
    throw error;
  }
}

/**
 * Queues the promotion's next look at its collections in an hour, when it follows them and is active
 * (one job per hour slot: the dedupe key carries it).
 */
async function followLater(ctx: JobContext<Params>, promotionId: string) {
  const promotion = await ctx.db.promotion.findFirst({
    where: { shop: ctx.shop, id: promotionId },
    select: { followCollections: true, state: true },
  });
  if (!promotion?.followCollections || promotion.state !== "active") return;
  const slot = Math.floor(ctx.now().getTime() / FOLLOW_EVERY_MS) + 1;
  await enqueue(ctx.db, {
    shop: ctx.shop,
    type: PROMOTION_JOB,
    trigger: "schedule",
    params: { promotionId, action: "follow" },
    runAfter: new Date(slot * FOLLOW_EVERY_MS),
    dedupeKey: `promotion:${promotionId}:follow:${slot}`,
  });
}

export const promotionJobTypes: JobTypeDefinition[] = [
  defineJobType<Params>({
    type: PROMOTION_JOB,
    title: "Promotion start or end",
    description:
      "Starts a promotion at its start time (lower prices or an automatic discount, and the promotion's tag), takes in products added to its collections every hour when asked to, and ends it at its end time or on End now (prices put back exactly, tag removed).",
    fr: {
      title: "Début ou fin de promotion",
      description:
        "Lance une promotion à son heure de début (prix baissés ou réduction automatique, et la balise de la promotion), intègre chaque heure les produits ajoutés à ses collections si demandé, et la termine à son heure de fin ou sur « Terminer maintenant » (prix remis à l'identique, balise retirée).",
    },
    retry: RETRY,
    progress: "items",
    concurrency: { key: (p) => p.promotionId },
    parseParams: (raw) => params.parse(raw),
    handler: run,
  }),
];
