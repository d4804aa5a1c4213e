// Recording an alert: once per thing it is about (`dedupeKey`, unique), whatever the number of
// processes that notice it. A recorded alert is then sent by one job: `alerts.send` for "immediate"
// (dedupe key alert:<id>), or the shop's `alerts.digest` for the hour or day it falls in (dedupe key
// alerts-digest:<shop>:<period end>). The same alert (`groupKey`) within the quiet period is kept as
// "quiet" and not sent again; a kind the merchant did not choose, or no recipient and no webhook, "off".
import type { Db } from "../db.server";
import { isUniqueViolation } from "../db/errors";
import { textOf, wordsJson, type Message } from "../i18n/stored-words";
import { enqueue } from "../jobs/queue.server";
import { loadAlertSettings, type AlertKind, type Digest } from "./settings.server";

export const ALERT_SEND_JOB = "alerts.send";
export const ALERT_DIGEST_JOB = "alerts.digest";

export interface NewAlert {
  kind: AlertKind;
  /** What it is about, once: run:<job id>, delivery:<delivery id>. */
  dedupeKey: string;
  /** The same alert again, for the quiet period: run-failed:stock.full. */
  groupKey: string;
  /** Stored in English with its words (app/i18n/stored-words.ts): the Alerts screen says it in the admin's language. */
  title: Message;
  detail: Message;
  link?: string | null;
}

export type RecordOutcome = { recorded: false; id: string } | { recorded: true; id: string; status: string };

export async function recordAlert(
  db: Db,
  shop: string,
  alert: NewAlert,
  now: Date = new Date(),
): Promise<RecordOutcome> {
  const known = await db.alert.findUnique({ where: { dedupeKey: alert.dedupeKey }, select: { id: true } });
  if (known) return { recorded: false, id: known.id };
  const settings = await loadAlertSettings(shop, db);
  const reachable = settings.recipients.length > 0 || settings.webhookUrl !== null;
  let status = "pending";
  if (!reachable || !settings.events.includes(alert.kind)) status = "off";
  else if (settings.quietMinutes > 0) {
    const recent = await db.alert.findFirst({
      where: {
        shop,
        groupKey: alert.groupKey,
        status: { in: ["pending", "sending", "sent"] },
        createdAt: { gte: new Date(now.getTime() - settings.quietMinutes * 60_000) },
      },
      select: { id: true },
    });
    if (recent) status = "quiet";
  }
  let id: string;
  try {
    const row = await db.alert.create({
      data: {
        shop,
        kind: alert.kind,
        dedupeKey: alert.dedupeKey,
        groupKey: alert.groupKey,
        title: textOf(alert.title).slice(0, 300),
        titleWords: wordsJson(alert.title),
        detail: textOf(alert.detail).slice(0, 2000),
        detailWords: wordsJson(alert.detail),
        link: alert.link ?? null,
        status,
        createdAt: now,
      },
    });
    id = row.id;
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    const row = await db.alert.findUniqueOrThrow({ where: { dedupeKey: alert.dedupeKey }, select: { id: true } });
    return { recorded: false, id: row.id };
  }
  if (status === "pending") await scheduleSend(db, shop, id, settings.digest, now);
  return { recorded: true, id, status };
}

async function scheduleSend(db: Db, shop: string, alertId: string, digest: Digest, now: Date): Promise<void> {
  if (digest === "immediate") {
    await enqueue(db, {
      shop,
      type: ALERT_SEND_JOB,
      trigger: "webhook",
      params: { alertId },
      dedupeKey: `alert:${alertId}`,
      runAfter: now,
    });
    return;
  }
  const end = digestPeriodEnd(now, digest);
  await enqueue(db, {
    shop,
    type: ALERT_DIGEST_JOB,
    trigger: "schedule",
    params: { until: end.toISOString() },
    dedupeKey: `alerts-digest:${shop}:${end.toISOString()}`,
    runAfter: end,
  });
}

/** The end of the hour (or UTC day) `now` is in: when its digest goes. */
export function digestPeriodEnd(now: Date, digest: "hourly" | "daily"): Date {
  const end = new Date(now);
  if (digest === "hourly") end.setUTCMinutes(60, 0, 0);
  else end.setUTCHours(24, 0, 0, 0);
  return end;
}
