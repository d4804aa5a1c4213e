import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Link as RemixLink, useFetcher, useLoaderData, useRevalidator } from "@remix-run/react";
import { Banner, BlockStack, Button, Card, DataTable, InlineStack, Layout, Link, Page, Text } from "@shopify/polaris";
import { useEffect } from "react";
import { JobStatusBadge } from "../components/JobStatusBadge";
import { enqueueJob, listJobTypes, pauseSchedule, recentRuns, resumeSchedule } from "../jobs/api.server";
import { jobDeps } from "../jobs/deps.server";
import { jobTypeTitle } from "../jobs/registry.server";
import { TRIGGER_WORDS } from "../jobs/trigger-words";
import { localeOfRequest } from "../i18n/locale";
import { defineWords, useFormat, useWords } from "../i18n/words";
import { formResult, unknownIntent } from "../lib/http.server";
import { authenticate } from "../shopify.server";
import { shopTimeZone } from "../shops/time-zone.server";

const WORDS = defineWords({
  en: {
    title: "Syncs",
    recentRuns: "Recent runs",
    nothingYet: "Nothing has run yet.",
    headings: ["Sync", "Started by", "Status", "When", "Result"],
    result: (changed: number, skipped: number, format: (n: number) => string) =>
      `${format(changed)} changed, ${format(skipped)} skipped`,
    pause: "Pause schedule",
    resume: "Resume schedule",
    runNow: "Run now",
    runNowLabel: (title: string) => `Run now: ${title}`,
    runs: (description: string) => `Runs ${description}.`,
    paused: (description: string) => `Paused — would run ${description}.`,
    nextRun: (when: string) => `Next run ${when}.`,
    notScheduled: "Not scheduled; runs when started.",
    editSchedule: "Edit schedule",
    lastRun: "Last run:",
    never: "never",
    now: "· now:",
    follow: "follow",
  },
  fr: {
    title: "Synchronisations",
    recentRuns: "Exécutions récentes",
    nothingYet: "Rien n'a encore été exécuté.",
    headings: ["Synchronisation", "Déclenchement", "Statut", "Quand", "Résultat"],
    result: (changed: number, skipped: number, format: (n: number) => string) =>
      `${format(changed)} modifié${changed > 1 ? "s" : ""}, ${format(skipped)} ignoré${skipped > 1 ? "s" : ""}`,
    pause: "Suspendre la planification",
    resume: "Reprendre la planification",
    runNow: "Lancer maintenant",
    runNowLabel: (title: string) => `Lancer maintenant : ${title}`,
    runs: (description: string) => `S'exécute ${description}.`,
    paused: (description: string) => `Suspendue — s'exécuterait ${description}.`,
    nextRun: (when: string) => `Prochaine exécution le ${when}.`,
    notScheduled: "Non planifiée ; s'exécute quand elle est lancée.",
    editSchedule: "Modifier la planification",
    lastRun: "Dernière exécution :",
    never: "jamais",
    now: "· en cours :",
    follow: "suivre",
  },
});

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { session } = await authenticate.admin(request);
  const { locale } = localeOfRequest(request);
  const [types, recent, timeZone] = await Promise.all([
    listJobTypes(jobDeps, session.shop, locale),
    recentRuns(jobDeps, session.shop, 20, locale),
    shopTimeZone(session.shop),
  ]);
  // Titles in the admin's language (the stored runs only know their type).
  return { types, recentRuns: recent.map((r) => ({ ...r, title: jobTypeTitle(r.type, locale) })), timeZone };
};

export const action = async ({ request }: ActionFunctionArgs) => {
  const { session } = await authenticate.admin(request);
  const form = await request.formData();
  const type = String(form.get("type") ?? "");
  switch (form.get("intent")) {
    case "run-now":
      return formResult(async () => ({
        ok: true as const,
        ...(await enqueueJob(jobDeps, { shop: session.shop, type, trigger: "manual" })),
      }));
    case "pause":
      return formResult(async () => {
        await pauseSchedule(jobDeps, session.shop, type);
        return { ok: true as const };
      });
    case "resume":
      return formResult(async () => {
        await resumeSchedule(jobDeps, session.shop, type);
        return { ok: true as const };
      });
    default:
      return unknownIntent();
  }
};

export default function Syncs() {
  const { types, recentRuns, timeZone } = useLoaderData<typeof loader>();
  const revalidator = useRevalidator();
  const t = useWords(WORDS);
  const triggers = useWords(TRIGGER_WORDS);
  const format = useFormat();
  const busy = recentRuns.some((r) => r.status === "running" || r.status === "queued");
  // Follow runs in progress without a reload.
  useEffect(() => {
    if (!busy) return;
    const timer = setInterval(() => revalidator.state === "idle" && revalidator.revalidate(), 1500);
    return () => clearInterval(timer);
  }, [busy, revalidator]);

  return (
    <Page title={t.title}>
      <Layout>
        <Layout.Section>
          <BlockStack gap="400">
            {types.map((type) => (
              <JobTypeCard key={type.type} jobType={type} timeZone={timeZone} />
            ))}
          </BlockStack>
        </Layout.Section>
        <Layout.Section>
          <section aria-label={t.recentRuns}>
            <Card>
              <BlockStack gap="300">
                <Text as="h2" variant="headingMd">
                  {t.recentRuns}
                </Text>
                {recentRuns.length === 0 ? (
                  <Text as="p" tone="subdued">
                    {t.nothingYet}
                  </Text>
                ) : (
                  <DataTable
                    columnContentTypes={["text", "text", "text", "text", "text"]}
                    headings={t.headings}
                    rows={recentRuns.map((r) => [
                      <Link key={r.id} url={`/app/runs/${r.id}`}>
                        {r.title}
                      </Link>,
                      triggers[r.trigger] ?? r.trigger,
                      <JobStatusBadge key={`${r.id}-s`} status={r.status} withProblems={r.withProblems} />,
                      format.dateTime(r.startedAt ?? r.createdAt, timeZone),
                      r.error ? r.error.message : t.result(r.counters.changed, r.counters.skipped, format.number),
                    ])}
                  />
                )}
              </BlockStack>
            </Card>
          </section>
        </Layout.Section>
      </Layout>
    </Page>
  );
}

type JobTypeOverview = ReturnType<typeof useLoaderData<typeof loader>>["types"][number];

function JobTypeCard({ jobType, timeZone }: { jobType: JobTypeOverview; timeZone: string }) {
  const fetcher = useFetcher<typeof action>();
  const t = useWords(WORDS);
  const format = useFormat();
  const submitting = fetcher.state !== "idle";
  const failure = fetcher.data && !fetcher.data.ok ? fetcher.data.message : null;
  const submit = (intent: string) => fetcher.submit({ intent, type: jobType.type }, { method: "post" });
  return (
    <section aria-label={jobType.title}>
      <Card>
        <BlockStack gap="200">
          <InlineStack align="space-between" blockAlign="center">
            <BlockStack gap="100">
              <Text as="h2" variant="headingMd">
                {jobType.title}
              </Text>
              <Text as="p" tone="subdued">
                {jobType.description}
              </Text>
            </BlockStack>
            <InlineStack gap="200">
              {jobType.schedule ? (
                <Button onClick={() => submit(jobType.schedule?.enabled ? "pause" : "resume")} disabled={submitting}>
                  {jobType.schedule.enabled ? t.pause : t.resume}
                </Button>
              ) : null}
              {jobType.runsAlone ? (
                <Button
                  variant="primary"
                  onClick={() => submit("run-now")}
                  loading={submitting}
                  accessibilityLabel={t.runNowLabel(jobType.title)}
                >
                  {t.runNow}
                </Button>
              ) : null}
            </InlineStack>
          </InlineStack>
          {failure ? <Banner tone="critical">{failure}</Banner> : null}
          <Text as="p">
            {jobType.schedule
              ? `${(jobType.schedule.enabled ? t.runs : t.paused)(jobType.schedule.description)} ${
                  jobType.schedule.nextRun ? t.nextRun(format.dateTime(jobType.schedule.nextRun, timeZone)) : ""
                }`
              : t.notScheduled}{" "}
            <RemixLink to={`/app/syncs/${encodeURIComponent(jobType.type)}`}>{t.editSchedule}</RemixLink>
          </Text>
          <InlineStack gap="200" blockAlign="center">
            <Text as="span">{t.lastRun}</Text>
            {jobType.lastRun ? (
              <>
                <JobStatusBadge status={jobType.lastRun.status} withProblems={jobType.lastRun.withProblems} />
                <RemixLink to={`/app/runs/${jobType.lastRun.id}`}>
                  {format.dateTime(jobType.lastRun.finishedAt ?? jobType.lastRun.createdAt, timeZone)}
                </RemixLink>
                {jobType.lastRun.error ? (
                  <Text as="span" tone="critical">
                    {jobType.lastRun.error.message}
                  </Text>
                ) : null}
              </>
            ) : (
              <Text as="span" tone="subdued">
                {t.never}
              </Text>
            )}
            {jobType.current ? (
              <>
                <Text as="span">{t.now}</Text>
                <JobStatusBadge status={jobType.current.status} />
                <RemixLink to={`/app/runs/${jobType.current.id}`}>{t.follow}</RemixLink>
              </>
            ) : null}
          </InlineStack>
        </BlockStack>
      </Card>
    </section>
  );
}
