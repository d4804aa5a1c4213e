// The use-cases behind the sync screens and the JSON API, and the retention job run by the real worker.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "../../app/db.server";
import {
  NotFoundError,
  enqueueJob,
  getJob,
  jobTypeOverview,
  listJobTypes,
  pauseSchedule,
  recentFailures,
  resumeSchedule,
  updateSchedule,
} from "../../app/jobs/api.server";
import { manualClock } from "../../app/jobs/clock";
import { registerJobType, registeredJobTypes, unregisterJobType } from "../../app/jobs/registry.server";
import { ensureDefaultSchedules } from "../../app/jobs/schedules.server";
import { runDueJobs } from "../../app/jobs/worker.server";
import { PermanentError, ValidationError } from "../../app/lib/errors";
import { uniqueShop } from "../support/shops";

const DAY = 86_400_000;

beforeAll(() => {
  registerJobType({
    type: "test.refused",
    title: "Refused sync",
    description: "Always refused by the ERP.",
    retry: { maxAttempts: 1, baseDelayMs: 0 },
    handler: async () => {
      throw new PermanentError("Fastmag refused the login.");
    },
  });
});
afterAll(() => unregisterJobType("test.refused"));

describe("job use-cases", () => {
  it("lists job types with schedule, next run and last run; schedules can be paused, resumed and edited", async () => {
    const shop = uniqueShop();
    const clock = manualClock(new Date("2026-06-01T10:00:00Z"));
    expect(await ensureDefaultSchedules(db, shop, "Europe/Paris")).toBeGreaterThanOrEqual(1);
    expect(await ensureDefaultSchedules(db, shop, "Europe/Paris")).toBe(0);
    // Only registered types get a schedule (Fastmag types appear once their handlers exist).
    const rows = await db.schedule.findMany({ where: { shop } });
    const registered = new Set(registeredJobTypes().map((t) => t.type));
    expect(rows.map((r) => r.type)).toContain("maintenance.prune-job-history");
    expect(rows.filter((r) => !registered.has(r.type))).toEqual([]);
    expect(rows.filter((r) => r.type === "test.refused")).toEqual([]); // registered, but no default schedule

    let types = await listJobTypes({ db, clock }, shop);
    const prune = types.find((t) => t.type === "maintenance.prune-job-history")!;
    expect(prune.title).toBe("Clean up sync history");
    expect(prune.schedule).toEqual({
      cron: "20 4 * * *",
      timezone: "Europe/Paris",
      enabled: true,
      description: "every day at 4:20, Europe/Paris",
      nextRun: "2026-06-02T02:20:00.000Z",
    });
    expect(prune.lastRun).toBeNull();

    await pauseSchedule({ db }, shop, "maintenance.prune-job-history");
    types = await listJobTypes({ db, clock }, shop);
    expect(types.find((t) => t.type === "maintenance.prune-job-history")!.schedule).toMatchObject({
      enabled: false,
      nextRun: null,
    });
    await resumeSchedule({ db }, shop, "maintenance.prune-job-history");

    const updated = await updateSchedule({ db, clock }, shop, "maintenance.prune-job-history", { cron: "35 * * * *" });
    expect(updated.description).toBe("every hour at :35, Europe/Paris");
    expect(updated.nextRuns.slice(0, 2)).toEqual(["2026-06-01T10:35:00.000Z", "2026-06-01T11:35:00.000Z"]);
    const refused = updateSchedule({ db }, shop, "maintenance.prune-job-history", { cron: "every hour" });
    await expect(refused).rejects.toBeInstanceOf(ValidationError);
    await expect(refused).rejects.toMatchObject({ fieldErrors: { cron: expect.stringMatching(/5 fields/) } });
    await expect(pauseSchedule({ db }, shop, "test.refused")).rejects.toBeInstanceOf(NotFoundError);
  });

  it("refuses unknown types and bad parameters, and reports failures in the merchant's words", async () => {
    const shop = uniqueShop();
    await expect(enqueueJob({ db }, { shop, type: "fastmag.no-such-sync" })).rejects.toBeInstanceOf(ValidationError);
    await expect(
      enqueueJob({ db }, { shop, type: "maintenance.prune-job-history", params: { keepFailedDays: -1 } }),
    ).rejects.toThrow(/keepFailedDays/);

    const since = new Date(Date.now() - 1_000);
    const { jobId } = await enqueueJob({ db }, { shop, type: "test.refused" });
    await runDueJobs({ db, types: ["test.refused"] });
    const failures = await recentFailures({ db }, shop, since);
    expect(failures.map((f) => [f.id, f.title, f.error?.message])).toEqual([
      [jobId, "Refused sync", "Fastmag refused the login."],
    ]);
    const types = await listJobTypes({ db }, shop);
    expect(types.find((t) => t.type === "test.refused")?.lastRun).toMatchObject({ id: jobId, status: "failed" });
  });

  it("shows each sync's latest finished run and its current one, running before queued", async () => {
    const shop = uniqueShop();
    const at = (minutes: number) => new Date(Date.UTC(2026, 5, 1, 10, minutes));
    const run = (type: string, status: string, minutes: number, finished = true) =>
      db.job.create({
        data: {
          shop,
          type,
          trigger: "schedule",
          status,
          runAfter: at(minutes),
          createdAt: at(minutes),
          finishedAt: finished ? at(minutes + 1) : null,
        },
      });
    await run("test.refused", "succeeded", 0);
    const lastRefused = await run("test.refused", "failed", 20);
    await run("test.refused", "succeeded", 10);
    const queued = await run("test.refused", "queued", 30, false);
    await run("maintenance.prune-job-history", "succeeded", 5);
    const lastPrune = await run("maintenance.prune-job-history", "cancelled", 15);
    const running = await run("maintenance.prune-job-history", "running", 40, false);
    await run("maintenance.prune-job-history", "queued", 35, false);
    // Another shop's later runs are not this shop's.
    await db.job.create({
      data: {
        shop: uniqueShop(),
        type: "test.refused",
        trigger: "manual",
        status: "succeeded",
        runAfter: at(50),
        finishedAt: at(51),
      },
    });

    const types = await listJobTypes({ db }, shop);
    const refused = types.find((t) => t.type === "test.refused")!;
    const prune = types.find((t) => t.type === "maintenance.prune-job-history")!;
    expect([refused.lastRun?.id, refused.current?.id]).toEqual([lastRefused.id, queued.id]);
    expect([prune.lastRun?.id, prune.current?.id]).toEqual([lastPrune.id, running.id]);
    expect(types.filter((t) => t.type !== refused.type && t.type !== prune.type && (t.lastRun || t.current))).toEqual(
      [],
    );
    const one = await jobTypeOverview({ db }, shop, "maintenance.prune-job-history");
    expect([one?.lastRun?.id, one?.current?.id]).toEqual([lastPrune.id, running.id]);
  });

  it("prunes old runs with the retention job, keeping failures longer", async () => {
    const shop = uniqueShop();
    const now = new Date("2026-06-30T00:00:00Z");
    const clock = manualClock(now);
    const finished = async (status: string, daysAgo: number) => {
      const at = new Date(now.getTime() - daysAgo * DAY);
      const job = await db.job.create({
        data: { shop, type: "test.refused", trigger: "manual", status, runAfter: at, createdAt: at, finishedAt: at },
      });
      await db.jobSkippedItem.create({
        data: { jobId: job.id, shop, entity: "variant", externalId: "1", reason: "r" },
      });
      await db.jobLogEntry.create({ data: { jobId: job.id, shop, level: "info", message: "m" } });
      return job.id;
    };
    const oldSuccess = await finished("succeeded", 20);
    const recentSuccess = await finished("succeeded", 3);
    const oldFailure = await finished("failed", 20);
    const ancientFailure = await finished("failed", 90);
    const otherShop = await db.job.create({
      data: {
        shop: uniqueShop(),
        type: "test.refused",
        trigger: "manual",
        status: "succeeded",
        runAfter: now,
        finishedAt: new Date(now.getTime() - 90 * DAY),
      },
    });

    const { jobId } = await enqueueJob({ db, clock }, { shop, type: "maintenance.prune-job-history" });
    await runDueJobs({ db, clock, types: ["maintenance.prune-job-history"] });
    const run = await getJob({ db }, shop, jobId);
    expect(run).toMatchObject({ status: "succeeded", counters: { seen: 2, changed: 2 }, result: { deleted: 2 } });
    expect(run?.log.map((l) => l.message)).toEqual([
      "Deleting old runs…",
      "Deleted 2 old runs",
      "Finished: 2 seen, 2 changed, 0 unchanged, 0 skipped, 0 failed.",
    ]);
    const left = (await db.job.findMany({ where: { shop, id: { not: jobId } } })).map((j) => j.id).sort();
    expect(left).toEqual([recentSuccess, oldFailure].sort());
    expect(await db.jobSkippedItem.count({ where: { jobId: { in: [oldSuccess, ancientFailure] } } })).toBe(0);
    expect(await db.job.findUnique({ where: { id: otherShop.id } })).not.toBeNull();
  });
});
