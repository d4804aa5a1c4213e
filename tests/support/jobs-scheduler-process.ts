// A second (third…) app process firing schedules: `node --import tsx <this file>` with DATABASE_URL,
// JOBS_SHOP and JOBS_WINDOWS ("from/to,from/to" in ISO). Enqueues every fire of the shop's schedules in
// those windows, the way each app process's scheduler does, and prints "created <n>".
import { db } from "../../app/db.server";
import { enqueueFiresBetween } from "../../app/jobs/scheduler.server";

const shop = process.env.JOBS_SHOP!;
const windows = process.env.JOBS_WINDOWS!.split(",").map((w) => w.split("/").map((d) => new Date(d)) as [Date, Date]);
process.stdout.write("ready\n");
// Both processes start from the same signal so their inserts really race.
await new Promise((resolve) => process.stdin.once("data", resolve));

let created = 0;
for (const schedule of await db.schedule.findMany({ where: { shop } })) {
  for (const [from, to] of windows) {
    created += (await enqueueFiresBetween(db, schedule, from, to)).filter((r) => r.created).length;
  }
}
process.stdout.write(`created ${created}\n`);
await db.$disconnect();
