// The seed's crons in Europe/Paris across both daylight-saving changes of 2026, driven by a computed
// clock (no waiting for real minutes), and several processes firing the same schedules: one job per fire.
import { afterEach, describe, expect, it } from "vitest";
import { db } from "../../app/db.server";
import { manualClock } from "../../app/jobs/clock";
import { jobType, registerJobType, registeredJobTypes, unregisterJobType } from "../../app/jobs/registry.server";
import { type ScheduleRow, enqueueFire, enqueueFiresBetween, startScheduler } from "../../app/jobs/scheduler.server";
import { describeSchedule } from "../../app/jobs/schedules.server";
import { startWorker } from "../../app/jobs/worker.server";
import { sleep } from "../../app/lib/time";
import { registerModules } from "../../app/modules.server";
import { spawnTsx } from "../support/jobs-processes";
import { uniqueShop } from "../support/shops";

const PARIS = "Europe/Paris";
// 2026: clocks go forward on 29 March at 02:00 CET (01:00Z), back on 25 October at 03:00 CEST (01:00Z).
const SPRING = { from: new Date("2026-03-28T20:00:00Z"), to: new Date("2026-03-29T23:00:00Z") };
const FALL = { from: new Date("2026-10-24T20:00:00Z"), to: new Date("2026-10-25T23:00:00Z") };
// An hour and a half either side of each change, in one step of the clock.
const SPRING_NEAR = { from: new Date("2026-03-28T23:30:00Z"), to: new Date("2026-03-29T02:30:00Z") };
const FALL_NEAR = { from: new Date("2026-10-24T23:30:00Z"), to: new Date("2026-10-25T02:30:00Z") };

const paris = new Intl.DateTimeFormat("en-GB", {
  timeZone: PARIS,
  day: "2-digit",
  hour: "2-digit",
  minute: "2-digit",
  timeZoneName: "short",
});
const local = (d: Date) => paris.format(d).replace(",", ""); // "25 02:10 CEST"

/** The seed's jobs not built yet, with the crons it gives them. */
const SEED_ONLY: Record<string, string> = {};

/** Every registered job type's default cron (as the features declare them), plus the seed's future ones. */
function defaultCrons(): [string, string][] {
  registerModules();
  const registered = registeredJobTypes().flatMap((t): [string, string][] =>
    t.defaultSchedule && !t.type.startsWith("maintenance.") ? [[t.type, t.defaultSchedule.cron]] : [],
  );
  return [...registered, ...Object.entries(SEED_ONLY)];
}

describe("default schedules, as each feature registers them", () => {
  it.each([
    ["stock.changes", "every 2 minutes, Europe/Paris"],
    ["stock.full", "every hour at :10, from 0:10 to 2:10 and 5:10 to 23:10, Europe/Paris"],
    ["prices.update", "every hour at :40, from 0:40 to 2:40 and 5:40 to 23:40, Europe/Paris"],
    ["orders.statuses", "every hour at :35, Europe/Paris"],
    ["orders.deliveries", "every hour at :50, Europe/Paris"],
    ["orders.reconcile", "every hour at :20, Europe/Paris"],
    ["maintenance.prune-job-history", "every day at 4:20, Europe/Paris"],
    ["images.sync", "every 2 hours at :20, Europe/Paris"],
    ["catalog.publish-ready", "every day at 21:45, Europe/Paris"],
  ])("%s runs %s", (type, words) => {
    registerModules();
    expect(describeSchedule(jobType(type)!.defaultSchedule!.cron, PARIS)).toBe(words);
  });

  it("keeps full stock and prices out of the stock source's maintenance hours, named after its connector", () => {
    registerModules();
    for (const type of ["stock.full", "prices.update"]) {
      expect(jobType(type)!.defaultSchedule!.hoursNote).toBe("not between 3:00 and 5:00 (Fastmag maintenance)");
    }
  });
});

async function seedSchedules(shop: string): Promise<Map<string, ScheduleRow>> {
  const rows = new Map<string, ScheduleRow>();
  for (const [type, cron] of defaultCrons()) {
    rows.set(type, await db.schedule.create({ data: { shop, type, cron, timezone: PARIS } }));
  }
  return rows;
}

async function firesOf(shop: string, type: string, from: Date, to: Date): Promise<Date[]> {
  const jobs = await db.job.findMany({
    where: { shop, type, runAfter: { gt: from, lte: to } },
    orderBy: { runAfter: "asc" },
  });
  return jobs.map((j) => j.runAfter);
}

describe("schedules across daylight-saving changes (Europe/Paris)", () => {
  it("fire the seed's crons at the right local minutes", async () => {
    const shop = uniqueShop();
    const schedules = await seedSchedules(shop);
    // The controllable clock moves through both DST days in 3-hour steps (steps cut across the changes);
    // each step enqueues what fired since the last, as a scheduler would. The 2-minute stock sync only
    // over three hours around each change, to keep the test quick.
    const clock = manualClock(SPRING.from);
    const drive = async (rows: ScheduleRow[], window: { from: Date; to: Date }) => {
      clock.set(window.from);
      while (clock.now() < window.to) {
        const from = clock.now();
        clock.advance(3 * 60 * 60_000);
        for (const schedule of rows) await enqueueFiresBetween(db, schedule, from, clock.now(), clock);
      }
    };
    const differential = schedules.get("stock.changes")!;
    // The crons checked below (every fire is a database write: firing every seeded cron for two days
    // made this test the slowest of the suite, and the others are checked in their own tests).
    const others = [
      "stock.full",
      "prices.update",
      "orders.statuses",
      "orders.deliveries",
      "giftcards.mails",
      "catalog.publish-ready",
    ].map((type) => schedules.get(type)!);
    for (const window of [SPRING, FALL]) await drive(others, window);
    for (const window of [SPRING_NEAR, FALL_NEAR]) await drive([differential], window);

    // Full stock: every hour at :10 from 0:10 to 2:10 and 5:10 to 23:10, local time, on both DST days.
    const fallStock = (
      await firesOf(shop, "stock.full", new Date("2026-10-24T22:00:00Z"), new Date("2026-10-25T23:00:00Z"))
    ).map(local);
    // 02:10 happens twice that night (CEST, then CET): a wall-clock time fires once.
    expect(fallStock.slice(0, 5)).toEqual([
      "25 00:10 CEST",
      "25 01:10 CEST",
      "25 02:10 CEST",
      "25 05:10 CET",
      "25 06:10 CET",
    ]);
    expect(fallStock).toHaveLength(3 + 19);
    expect(fallStock.at(-1)).toBe("25 23:10 CET");
    const springStock = (
      await firesOf(shop, "stock.full", new Date("2026-03-28T23:00:00Z"), new Date("2026-03-29T22:00:00Z"))
    ).map(local);
    // 02:10 does not exist that night: it runs an hour later, at 03:10 summer time, then 5:10 as usual.
    expect(springStock.slice(0, 5)).toEqual([
      "29 00:10 CET",
      "29 01:10 CET",
      "29 03:10 CEST",
      "29 05:10 CEST",
      "29 06:10 CEST",
    ]);
    expect(springStock.at(-1)).toBe("29 23:10 CEST");
    const fallPrices = (
      await firesOf(shop, "prices.update", new Date("2026-10-24T22:00:00Z"), new Date("2026-10-25T23:00:00Z"))
    ).map(local);
    expect(fallPrices.slice(0, 4)).toEqual(["25 00:40 CEST", "25 01:40 CEST", "25 02:40 CEST", "25 05:40 CET"]);

    // Hourly at :35 and :50 keep one run per real hour through both changes.
    for (const [type, minute] of [
      ["orders.statuses", 35],
      ["orders.deliveries", 50],
    ] as const) {
      for (const window of [SPRING, FALL]) {
        const fires = await firesOf(shop, type, window.from, window.to);
        expect(fires).toHaveLength(27);
        expect(fires.every((d) => d.getUTCMinutes() === minute)).toBe(true);
        expect(fires.slice(1).map((d, i) => d.getTime() - fires[i]!.getTime())).toEqual(Array(26).fill(3_600_000));
      }
    }
    expect((await firesOf(shop, "orders.statuses", FALL.from, FALL.to)).slice(3, 7).map(local)).toEqual([
      "25 01:35 CEST",
      "25 02:35 CEST",
      "25 02:35 CET",
      "25 03:35 CET",
    ]);

    // Differential stock: every 2 minutes of real time, no gap and no double at either change.
    for (const window of [SPRING_NEAR, FALL_NEAR]) {
      const fires = await firesOf(shop, "stock.changes", window.from, window.to);
      expect(fires).toHaveLength(3 * 30);
      expect(new Set(fires.slice(1).map((d, i) => d.getTime() - fires[i]!.getTime()))).toEqual(new Set([120_000]));
    }

    // Gift card mails at :00 and :45; publishing daily at 21:45 local, CEST then CET.
    const giftcards = (await firesOf(shop, "giftcards.mails", FALL.from, new Date("2026-10-24T23:00:00Z"))).map(local);
    expect(giftcards).toEqual([
      "24 22:45 CEST",
      "24 23:00 CEST",
      "24 23:45 CEST",
      "25 00:00 CEST",
      "25 00:45 CEST",
      "25 01:00 CEST",
    ]);
    const publish = await firesOf(shop, "catalog.publish-ready", FALL.from, FALL.to);
    expect(publish.map((d) => d.toISOString())).toEqual(["2026-10-25T20:45:00.000Z"]);
    expect((await firesOf(shop, "catalog.publish-ready", SPRING.from, SPRING.to)).map(local)).toEqual([
      "28 21:45 CET",
      "29 21:45 CEST",
    ]);
  });

  it("enqueues each fire once when two processes fire the same schedules", async () => {
    const shop = uniqueShop();
    await seedSchedules(shop);
    // Each change of hour with an hour either side: what matters is two processes racing on every fire,
    // and a short window keeps the test quick on a busy machine.
    const windows = [
      { from: new Date("2026-03-29T00:00:00Z"), to: new Date("2026-03-29T02:30:00Z") },
      { from: new Date("2026-10-25T00:00:00Z"), to: new Date("2026-10-25T02:30:00Z") },
    ]
      .map((w) => `${w.from.toISOString()}/${w.to.toISOString()}`)
      .join(",");
    const env = { DATABASE_URL: process.env.DATABASE_URL!, JOBS_SHOP: shop, JOBS_WINDOWS: windows };
    const processes = await Promise.all([1, 2].map(() => spawnTsx("tests/support/jobs-scheduler-process.ts", env)));
    for (const p of processes) p.child.stdin!.end("go\n");
    const codes = await Promise.all(processes.map((p) => p.exited));
    expect(codes, processes.map((p) => p.output()).join("\n")).toEqual([0, 0]);
    const created = processes.map((p) => Number(/created (\d+)/.exec(p.output())?.[1]));

    const jobs = await db.job.findMany({ where: { shop }, select: { dedupeKey: true } });
    // Every fire of both windows, each once: 2-minute stock alone is 2 × 2.5 h × 30.
    expect(jobs.length).toBeGreaterThan(2 * 2.5 * 30);
    expect(new Set(jobs.map((j) => j.dedupeKey)).size).toBe(jobs.length);
    expect(created[0]! + created[1]!).toBe(jobs.length);
  });
});

describe("coalescing fires", () => {
  it("skips a fire while the previous scheduled run still waits, not while it runs", async () => {
    const shop = uniqueShop();
    const schedule = await db.schedule.create({
      data: { shop, type: "stock.changes", cron: "*/2 * * * *", timezone: PARIS },
    });
    const first = await enqueueFire(db, schedule, new Date("2026-06-01T10:00:00Z"), undefined, { coalesce: true });
    const second = await enqueueFire(db, schedule, new Date("2026-06-01T10:02:00Z"), undefined, { coalesce: true });
    expect(first.created).toBe(true);
    expect(second).toEqual({ jobId: first.jobId, created: false, coalesced: true });
    await db.job.update({ where: { id: first.jobId }, data: { status: "running" } });
    const third = await enqueueFire(db, schedule, new Date("2026-06-01T10:04:00Z"), undefined, { coalesce: true });
    expect(third.created).toBe(true);
    expect(await db.job.count({ where: { shop } })).toBe(2);
  });
});

describe("the node-schedule scheduler", () => {
  afterEach(() => unregisterJobType("test.every-second"));

  it("enqueues once per fire with two schedulers running, and only enabled schedules of known types", async () => {
    registerJobType({
      type: "test.every-second",
      title: "Every second",
      description: "",
      retry: { maxAttempts: 1, baseDelayMs: 0 },
      handler: async () => {},
    });
    const shop = uniqueShop();
    const since = Date.now();
    // node-schedule also takes a seconds field; the screens only allow 5 fields, tests use it to be quick.
    await db.schedule.create({ data: { shop, type: "test.every-second", cron: "* * * * * *", timezone: PARIS } });
    await db.schedule.create({ data: { shop, type: "test.unknown-type", cron: "* * * * * *", timezone: PARIS } });
    await db.schedule.create({
      data: { shop, type: "test.every-second-paused", cron: "* * * * * *", timezone: PARIS, enabled: false },
    });
    // A worker drains the queue, so fires are not coalesced behind a waiting run.
    const worker = startWorker({ db, types: ["test.every-second"], pollMs: 20 });
    const schedulers = await Promise.all([startScheduler({ db }), startScheduler({ db })]);
    await sleep(2_600);
    await Promise.all(schedulers.map((s) => s.stop()));
    await worker.stop();
    const jobs = await db.job.findMany({ where: { shop }, orderBy: { runAfter: "asc" } });
    // One job per second that passed (a busy machine can take longer than the 2.6 s slept to start the
    // schedulers, and they catch up on the seconds missed), never one per scheduler.
    const seconds = Math.ceil((Date.now() - since) / 1_000);
    expect(jobs.length).toBeGreaterThanOrEqual(2);
    expect(jobs.length).toBeLessThanOrEqual(seconds + 1);
    expect(jobs.every((j) => j.type === "test.every-second" && j.trigger === "schedule")).toBe(true);
    expect(new Set(jobs.map((j) => j.runAfter.getTime())).size).toBe(jobs.length);
  });
});

describe("a job type added by an update", () => {
  it("gets its default schedule in every installed shop when the scheduler starts; paused, edited and uninstalled stay as they are", async () => {
    const installed = uniqueShop();
    const paused = uniqueShop();
    const uninstalled = uniqueShop();
    await db.shop.create({ data: { domain: installed, ianaTimezone: "America/Montreal" } });
    await db.shop.create({ data: { domain: paused, ianaTimezone: PARIS } });
    await db.shop.create({ data: { domain: uninstalled, uninstalledAt: new Date() } });
    // Installed before the webhook clean-up existed: that one was paused, another edited.
    await db.schedule.create({
      data: { shop: paused, type: "maintenance.prune-webhooks", cron: "25 4 * * *", timezone: PARIS, enabled: false },
    });
    await db.schedule.create({
      data: { shop: paused, type: "maintenance.prune-job-history", cron: "0 1 * * *", timezone: PARIS },
    });

    const scheduler = await startScheduler({ db, refreshMs: 3_600_000 });
    await scheduler.stop();

    const of = async (shop: string) =>
      Object.fromEntries(
        (await db.schedule.findMany({ where: { shop } })).map((s) => [s.type, [s.cron, s.timezone, s.enabled]]),
      );
    expect(await of(installed)).toMatchObject({
      "maintenance.prune-webhooks": ["25 4 * * *", "America/Montreal", true],
      "maintenance.prune-job-history": ["20 4 * * *", "America/Montreal", true],
    });
    expect(await of(paused)).toMatchObject({
      "maintenance.prune-webhooks": ["25 4 * * *", PARIS, false],
      "maintenance.prune-job-history": ["0 1 * * *", PARIS, true],
    });
    expect(await of(uninstalled)).toEqual({});
  });
});
