// Received webhooks carry customers' data: they are deleted once they are no longer useful, by a daily
// job every shop has, and never while they still have to be processed.
import { describe, expect, it } from "vitest";
import { db } from "../../app/db.server";
import { enqueueJob, getJob } from "../../app/jobs/api.server";
import { manualClock } from "../../app/jobs/clock";
import { ensureDefaultSchedules } from "../../app/jobs/schedules.server";
import { runDueJobs } from "../../app/jobs/worker.server";
import { uniqueShop } from "../support/shops";

const DAY = 86_400_000;
const now = new Date("2026-06-30T04:25:00Z");

async function delivery(
  shop: string,
  name: string,
  status: string,
  receivedDaysAgo: number,
  processedDaysAgo?: number,
) {
  await db.webhookDelivery.create({
    data: {
      webhookId: `${shop}-${name}`,
      shop,
      topic: "orders/create",
      status,
      payloadJson: JSON.stringify({ id: 1, email: "ana@example.com" }),
      receivedAt: new Date(now.getTime() - receivedDaysAgo * DAY),
      processedAt: processedDaysAgo === undefined ? null : new Date(now.getTime() - processedDaysAgo * DAY),
    },
  });
}

describe("received webhooks", () => {
  it("are deleted 30 days after processing (failed ones after 60), never while still to process", async () => {
    const shop = uniqueShop();
    const other = uniqueShop();
    await delivery(shop, "processed-old", "processed", 40, 31);
    await delivery(shop, "processed-recent", "processed", 40, 29);
    await delivery(shop, "failed-old", "failed", 61);
    await delivery(shop, "failed-recent", "failed", 40);
    await delivery(shop, "received-old", "received", 90);
    await delivery(shop, "processing-old", "processing", 90);
    await delivery(other, "processed-old", "processed", 40, 31);

    // Every shop gets the daily clean-up with its other schedules.
    await ensureDefaultSchedules(db, shop, "UTC");
    expect(
      await db.schedule.findUnique({ where: { shop_type: { shop, type: "maintenance.prune-webhooks" } } }),
    ).toMatchObject({ cron: "25 4 * * *" });

    const clock = manualClock(now);
    const { jobId } = await enqueueJob({ db, clock }, { shop, type: "maintenance.prune-webhooks" });
    await runDueJobs({ db, clock, types: ["maintenance.prune-webhooks"] });
    expect(await getJob({ db }, shop, jobId)).toMatchObject({ status: "succeeded", result: { deleted: 2 } });

    const left = (await db.webhookDelivery.findMany({ where: { shop: { in: [shop, other] } } }))
      .map((d) => d.webhookId)
      .sort();
    expect(left).toEqual(
      [
        `${other}-processed-old`,
        `${shop}-failed-recent`,
        `${shop}-processed-recent`,
        `${shop}-processing-old`,
        `${shop}-received-old`,
      ].sort(),
    );
  });

  it("keeps them longer when the merchant asks, and refuses a retention under one day", async () => {
    const shop = uniqueShop();
    await delivery(shop, "processed-old", "processed", 40, 31);
    const clock = manualClock(now);
    await expect(
      enqueueJob({ db, clock }, { shop, type: "maintenance.prune-webhooks", params: { keepProcessedDays: 0 } }),
    ).rejects.toThrow();
    const { jobId } = await enqueueJob(
      { db, clock },
      { shop, type: "maintenance.prune-webhooks", params: { keepProcessedDays: 45 } },
    );
    await runDueJobs({ db, clock, types: ["maintenance.prune-webhooks"] });
    expect(await getJob({ db }, shop, jobId)).toMatchObject({ status: "succeeded", result: { deleted: 0 } });
    expect(await db.webhookDelivery.count({ where: { shop } })).toBe(1);
  });
});
