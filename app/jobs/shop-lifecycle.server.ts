// How the job engine follows a shop's life: default schedules on install, schedules stopped and
// waiting runs cancelled on uninstall (a reinstall turns them back on), everything erased on shop/redact.
import { onShopRedact } from "../compliance/compliance.server";
import { db } from "../db.server";
import { onShopInstalled } from "../shops/installation.server";
import { onAppUninstalled } from "../shops/lifecycle.server";
import { ensureDefaultSchedules } from "./schedules.server";

onShopInstalled(async (shop, ianaTimezone) => {
  await ensureDefaultSchedules(db, shop, ianaTimezone);
  await db.schedule.updateMany({ where: { shop }, data: { enabled: true } });
});

onAppUninstalled(async (shop) => {
  const now = new Date();
  await db.schedule.updateMany({ where: { shop }, data: { enabled: false } });
  await db.job.updateMany({
    where: { shop, status: "queued" },
    data: { status: "cancelled", finishedAt: now, errorMessage: "The app was uninstalled." },
  });
  await db.job.updateMany({ where: { shop, status: "running" }, data: { cancelRequestedAt: now } });
});

onShopRedact(async (shop) => {
  await db.$transaction([
    db.jobLogEntry.deleteMany({ where: { shop } }),
    db.jobSkippedItem.deleteMany({ where: { shop } }),
    db.job.deleteMany({ where: { shop } }),
    db.schedule.deleteMany({ where: { shop } }),
    db.apiToken.deleteMany({ where: { shop } }),
  ]);
});
