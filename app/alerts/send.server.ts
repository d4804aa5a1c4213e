// Sending recorded alerts: by mail (the mail module, one mail to all recipients, in the shop's chosen
// language) and to the webhook (a signed JSON POST with a deadline). Job `alerts.send` sends one alert
// at once; job `alerts.digest` sends the alerts of an hour or a day together. Each run first claims
// its alerts (status pending → sending with its own key), so an alert goes out in one send only, even
// with several workers; a channel already sent is not sent again when the job retries after the
// other channel's transient failure.
import { createHmac } from "node:crypto";
import { Agent } from "undici";
import type { Db } from "../db.server";
import { env } from "../env.server";
import { TransientError } from "../lib/errors";
import type { Locale } from "../i18n/locale";
import { fromWordsJson, said, storedText, textOf, wordsJson, type Message } from "../i18n/stored-words";
import { classifyOutboundFailure, describeOutboundFailure, outboundFetch } from "../lib/http-outbound.server";
import { connectorUrlPolicy, publicOnlyLookup } from "../lib/http-url-policy.server";
import { defineJobType, type JobTypeDefinition } from "../jobs/registry.server";
import { sendMail } from "../mail/send.server";
import { alertTemplate, type AlertMailData, type AlertMailKind } from "../mail/templates/alert";
import { recordAppEvent } from "./app-events.server";
import { ALERT_DIGEST_JOB, ALERT_SEND_JOB } from "./record.server";
import { loadAlertSettings, loadAlertWebhook, type AlertSettingsView } from "./settings.server";

export const ALERT_SEND_MAX_ATTEMPTS = 5;
export const WEBHOOK_TIMEOUT_MS = 10_000;

type AlertRow = Awaited<ReturnType<Db["alert"]["findMany"]>>[number];

/** Claims the alerts for `sendKey` (those already claimed by it, after a retry, included). */
async function claim(db: Db, sendKey: string, where: { id?: string; shop: string; until?: Date }): Promise<AlertRow[]> {
  const candidates = await db.alert.findMany({
    where: {
      shop: where.shop,
      ...(where.id ? { id: where.id } : {}),
      ...(where.until ? { createdAt: { lt: where.until } } : {}),
      status: "pending",
    },
    select: { id: true },
    orderBy: { createdAt: "asc" },
    take: 200,
  });
  for (const { id } of candidates)
    await db.alert.updateMany({ where: { id, status: "pending" }, data: { status: "sending", sendKey } });
  return db.alert.findMany({ where: { sendKey, status: "sending" }, orderBy: { createdAt: "asc" } });
}

export interface SendResult {
  alerts: number;
  mail: "sent" | "failed" | "none" | "already";
  webhook: "sent" | "failed" | "none" | "already";
}

export async function sendClaimed(
  db: Db,
  shop: string,
  sendKey: string,
  alerts: AlertRow[],
  digest: AlertSettingsView["digest"],
  options: { lastAttempt: boolean; now: () => Date; signal?: AbortSignal },
): Promise<SendResult> {
  const result: SendResult = { alerts: alerts.length, mail: "none", webhook: "none" };
  if (alerts.length === 0) return result;
  const settings = await loadAlertSettings(shop, db);
  const shopRow = await db.shop.findUnique({ where: { domain: shop }, select: { name: true, ianaTimezone: true } });
  const ids = alerts.map((a) => a.id);
  const errors: Message[] = [];
  let transient = false;

  if (settings.recipients.length > 0) {
    if (alerts.every((a) => a.mailStatus === "sent")) result.mail = "already";
    else {
      // The mail says each alert in the alerts' language (its stored words; Greek reads the English).
      const wordsLocale: Locale = settings.locale === "fr" ? "fr" : "en";
      const data: AlertMailData = {
        shopName: shopRow?.name ?? shop,
        timeZone: shopRow?.ianaTimezone ?? "UTC",
        digest: alerts.length > 1 ? (digest === "immediate" ? "hourly" : digest) : "immediate",
        alerts: alerts.map((a) => ({
          kind: a.kind as AlertMailKind,
          subject: storedText(a.title, a.titleWords, wordsLocale),
          detail: storedText(a.detail, a.detailWords, wordsLocale),
          at: a.createdAt.toISOString(),
          url: a.link ? adminUrl(shop, a.link) : undefined,
        })),
      };
      const outcome = await sendMail(shop, {
        to: settings.recipients.join(", "),
        template: alertTemplate,
        data,
        locale: settings.locale,
        about: `alert:${sendKey}`,
      });
      result.mail = outcome.status;
      await db.alert.updateMany({ where: { id: { in: ids } }, data: { mailStatus: outcome.status } });
      if (outcome.status === "failed") {
        const why = fromWordsJson(outcome.errorWords, outcome.error) ?? outcome.error;
        errors.push(said("alerts.mailFailed", { message: why }));
        transient ||= outcome.transient;
      }
    }
  }

  const webhook = await loadAlertWebhook(shop, db);
  if (webhook) {
    if (alerts.every((a) => a.webhookStatus === "sent")) result.webhook = "already";
    else {
      const posted = await postWebhook(
        webhook.url,
        webhook.secret,
        {
          id: sendKey,
          shop,
          digest: alerts.length > 1 ? digest : "immediate",
          alerts: alerts.map((a) => ({
            id: a.id,
            kind: a.kind,
            subject: a.title,
            detail: a.detail,
            at: a.createdAt.toISOString(),
            link: a.link ? adminUrl(shop, a.link) : null,
          })),
        },
        options,
      );
      result.webhook = posted.ok ? "sent" : "failed";
      await db.alert.updateMany({ where: { id: { in: ids } }, data: { webhookStatus: result.webhook } });
      if (!posted.ok) {
        errors.push(said("alerts.webhookFailed", { message: posted.error }));
        transient ||= posted.transient;
      }
    }
  }

  // The mail's and the webhook's failures, one after the other, with their words.
  const failure: Message | null =
    errors.length === 0
      ? null
      : errors.length === 1
        ? errors[0]!
        : said("text.both", { first: errors[0]!, second: errors[1]! });
  const errorColumns = { error: failure === null ? null : textOf(failure), errorWords: wordsJson(failure) };
  if (failure !== null && transient && !options.lastAttempt) {
    await db.alert.updateMany({ where: { id: { in: ids } }, data: errorColumns });
    throw new TransientError(said("words6.alert.notSentYet", { message: failure }));
  }
  const anySent = [result.mail, result.webhook].some((s) => s === "sent" || s === "already");
  await db.alert.updateMany({
    where: { id: { in: ids }, sendKey },
    data: {
      status: anySent ? "sent" : "failed",
      sentAt: anySent ? options.now() : null,
      ...errorColumns,
    },
  });
  const recipients = settings.recipients.join(", ");
  const channels =
    result.mail === "sent" && result.webhook === "sent"
      ? said("alerts.byMailAndWebhook", { recipients })
      : result.mail === "sent"
        ? said("alerts.byMail", { recipients })
        : result.webhook === "sent"
          ? said("alerts.byWebhook")
          : null;
  const what =
    alerts.length === 1
      ? said("alerts.one", { title: fromWordsJson(alerts[0]!.titleWords, alerts[0]!.title) ?? alerts[0]!.title })
      : said("alerts.many", { count: alerts.length });
  await recordAppEvent(
    shop,
    {
      kind: "alert-sent",
      message: !anySent
        ? said("alerts.notSent", { alerts: what, errors: failure ?? "" })
        : failure
          ? said("alerts.sentWithErrors", { alerts: what, channels: channels ?? "", errors: failure })
          : said("alerts.sent", { alerts: what, channels: channels ?? "" }),
      link: "/app/alerts",
      at: options.now(),
    },
    db,
  );
  return result;
}

/** The alert's page inside Shopify admin (the app opens embedded there). */
function adminUrl(shop: string, path: string): string {
  return `https://${shop}/admin/apps/${env().SHOPIFY_API_KEY}${path}`;
}

const agents = new Map<boolean, Agent>();
function agentFor(allowLocal: boolean): Agent {
  let agent = agents.get(allowLocal);
  if (!agent) {
    agent = new Agent({ connect: allowLocal ? {} : { lookup: publicOnlyLookup as never }, keepAliveTimeout: 5_000 });
    agents.set(allowLocal, agent);
  }
  return agent;
}

/** The signature a receiver checks: HMAC-SHA256 of "<timestamp>.<body>" with the webhook's secret, hex. */
export function alertSignature(secret: string, timestamp: number, body: string): string {
  return `v1=${createHmac("sha256", secret).update(`${timestamp}.${body}`).digest("hex")}`;
}

async function postWebhook(
  url: string,
  secret: string,
  payload: Record<string, unknown>,
  options: { now: () => Date; signal?: AbortSignal },
): Promise<{ ok: true } | { ok: false; error: Message; transient: boolean }> {
  const body = JSON.stringify(payload);
  const timestamp = Math.floor(options.now().getTime() / 1000);
  try {
    const response = await outboundFetch(
      url,
      {
        method: "POST",
        headers: {
          "content-type": "application/json",
          "user-agent": "Passerelle-Alerts/1",
          "x-passerelle-alert-id": String(payload.id),
          "x-passerelle-timestamp": String(timestamp),
          "x-passerelle-signature": alertSignature(secret, timestamp, body),
        },
        body,
        redirect: "manual",
      },
      { timeoutMs: WEBHOOK_TIMEOUT_MS, signal: options.signal, dispatcher: agentFor(connectorUrlPolicy().allowLocal) },
    );
    await response.body?.cancel().catch(() => undefined);
    if (response.status >= 200 && response.status < 300) return { ok: true };
    return {
      ok: false,
      error: said("alerts.webhookAnswered", { status: response.status }),
      transient: response.status >= 500 || response.status === 429 || response.status === 408,
    };
  } catch (error) {
    const host = (() => {
      try {
        return new URL(url).host;
      } catch {
        return undefined;
      }
    })();
    const kind = classifyOutboundFailure(error);
    return {
      ok: false,
      error: said("alerts.webhookNoAnswer", {
        detail: describeOutboundFailure(error, { host, timeoutMs: WEBHOOK_TIMEOUT_MS }),
      }),
      transient: kind !== "blocked" && kind !== "tls",
    };
  }
}

const retry = { maxAttempts: ALERT_SEND_MAX_ATTEMPTS, baseDelayMs: 30_000, capDelayMs: 15 * 60_000 };

export const alertJobTypes: JobTypeDefinition[] = [
  defineJobType<{ alertId: string }>({
    type: ALERT_SEND_JOB,
    title: "Alerts",
    description:
      "Sends each alert by mail and to the webhook chosen on the Alerts screen; tried again later when they do not answer.",
    fr: {
      title: "Alertes",
      description:
        "Envoie chaque alerte par e-mail et au webhook choisi sur l'écran Alertes ; nouvel essai plus tard s'ils ne répondent pas.",
    },
    retry,
    concurrency: { key: (params) => params.alertId },
    parseParams: (raw) => {
      const id = (raw as { alertId?: unknown }).alertId;
      if (typeof id !== "string" || !id) throw new Error("this runs by itself for each alert");
      return { alertId: id };
    },
    handler: async (ctx) => {
      const sendKey = `alert:${ctx.params.alertId}`;
      const alerts = await claim(ctx.db, sendKey, { shop: ctx.shop, id: ctx.params.alertId });
      const result = await sendClaimed(ctx.db, ctx.shop, sendKey, alerts, "immediate", {
        lastAttempt: ctx.attempt >= ALERT_SEND_MAX_ATTEMPTS,
        now: () => ctx.now(),
        signal: ctx.signal,
      });
      ctx.count({ seen: result.alerts, changed: result.alerts });
      return { ...result };
    },
  }),
  defineJobType<{ until: string }>({
    type: ALERT_DIGEST_JOB,
    title: "Alert digest",
    description: "Sends the alerts of the last hour or day together, when the Alerts screen asks for a digest.",
    fr: {
      title: "Récapitulatif des alertes",
      description:
        "Envoie ensemble les alertes de la dernière heure ou du dernier jour, quand l'écran Alertes demande un récapitulatif.",
    },
    retry,
    parseParams: (raw) => {
      const until = (raw as { until?: unknown }).until;
      if (typeof until !== "string" || Number.isNaN(Date.parse(until)))
        throw new Error("this runs by itself at the end of each digest period");
      return { until };
    },
    handler: async (ctx) => {
      const settings = await loadAlertSettings(ctx.shop, ctx.db);
      const sendKey = `alerts-digest:${ctx.shop}:${ctx.params.until}`;
      const alerts = await claim(ctx.db, sendKey, { shop: ctx.shop, until: new Date(ctx.params.until) });
      const result = await sendClaimed(ctx.db, ctx.shop, sendKey, alerts, settings.digest, {
        lastAttempt: ctx.attempt >= ALERT_SEND_MAX_ATTEMPTS,
        now: () => ctx.now(),
        signal: ctx.signal,
      });
      ctx.count({ seen: result.alerts, changed: result.alerts });
      return { ...result };
    },
  }),
];
