// What the Dashboard shows: the shop, each configured connector's connection state, recent activity.
import { db } from "../db.server";
import { connectionSummaries } from "../connectors/registry.server";
import type { ConnectorSummary } from "../connectors/settings.server";
import { shopRecord, type InstalledSession } from "../shops/installation.server";
import { recentFailures, type JobSummary } from "../jobs/api.server";
import { jobTypeTitle } from "../jobs/registry.server";
import { jobSummary } from "../jobs/views.server";
import { whatToSetUp, type SetupStep } from "../shops/setup.server";
import { stoppedEndpoints, type StoppedEndpoint } from "../event-feed/feed.server";
import type { Locale } from "../i18n/locale";
import { whatInWords } from "./capability-words";
import { setupChecklist, type SetupChecklist } from "./checklist.server";
import { deliveryError } from "../webhooks/log.server";

export interface DashboardData {
  shop: {
    domain: string;
    name: string | null;
    planName: string | null;
    ianaTimezone: string;
    currencyCode: string | null;
  };
  connectors: ConnectorSummary[];
  /** The setup checklist (connect the ERP, locations, first stock sync, order export) until it is done. */
  checklist: SetupChecklist;
  /** What the merchant still has to set up, with the syncs that wait for it: the Dashboard starts with it. */
  setup: SetupStep[];
  latestRuns: JobSummary[];
  /** Runs that failed in the last 24 hours: the Dashboard shows them first. */
  failuresLast24h: JobSummary[];
  /** Event feed endpoints the app stopped (kept failing, or 410): events wait for them. */
  stoppedFeedEndpoints: StoppedEndpoint[];
  recentWebhooks: {
    webhookId: string;
    topic: string;
    status: string;
    receivedAt: Date;
    error: string | null;
    errorInWords: boolean;
  }[];
}

export async function loadDashboard(session: InstalledSession, locale: Locale = "en"): Promise<DashboardData> {
  const shopDomain = session.shop;
  const since = new Date(Date.now() - 24 * 3600_000);
  const [shop, connectors, setup, recentWebhooks, latestJobs, failuresLast24h, stoppedFeedEndpoints, checklist] =
    await Promise.all([
      shopRecord(session),
      connectionSummaries(shopDomain, locale),
      whatToSetUp(db, shopDomain),
      db.webhookDelivery.findMany({
        where: { shop: shopDomain },
        orderBy: { receivedAt: "desc" },
        take: 5,
        select: { webhookId: true, topic: true, status: true, receivedAt: true, error: true, errorWords: true },
      }),
      db.job.findMany({ where: { shop: shopDomain }, orderBy: { createdAt: "desc" }, take: 5 }),
      recentFailures({ db }, shopDomain, since, 10, locale),
      stoppedEndpoints(db, shopDomain, locale),
      setupChecklist(shopDomain, db, locale),
    ]);
  return {
    shop: {
      domain: shopDomain,
      name: shop?.name ?? null,
      planName: shop?.planName ?? null,
      ianaTimezone: shop?.ianaTimezone ?? "UTC",
      currencyCode: shop?.currencyCode ?? null,
    },
    connectors,
    checklist,
    setup: setup.map((step) => ({
      ...step,
      what: whatInWords(step.connector, step.what, locale),
      syncs: step.types.map((type) => jobTypeTitle(type, locale)),
    })),
    // Sync titles in the admin's language (the summaries carry the English ones).
    latestRuns: latestJobs.map((job) => titled(jobSummary(job, locale), locale)),
    failuresLast24h: failuresLast24h.map((run) => titled(run, locale)),
    stoppedFeedEndpoints,
    // Why a webhook failed, in the admin's language.
    recentWebhooks: recentWebhooks.map(({ errorWords, ...w }) => ({
      ...w,
      ...deliveryError({ ...w, errorWords }, locale),
    })),
  };
}

function titled(run: JobSummary, locale: Locale): JobSummary {
  return { ...run, title: jobTypeTitle(run.type, locale) };
}
