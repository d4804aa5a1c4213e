import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Link as RemixLink, useFetcher, useLoaderData, useRevalidator } from "@remix-run/react";
import { Banner, BlockStack, Button, Card, InlineStack, Layout, Page, Text } from "@shopify/polaris";
import { useEffect } from "react";
import { JobStatusBadge } from "../components/JobStatusBadge";
import { RunHistory } from "../components/RunHistory";
import { enqueueJob, listJobTypes, listRuns, pauseSchedule, resumeSchedule } from "../jobs/api.server";
import { jobDeps } from "../jobs/deps.server";
import { jobTypeTitle } from "../jobs/registry.server";
import { localeOfRequest } from "../i18n/locale";
import { defineWords, useFormat, useWords } from "../i18n/words";
import { formResult, unknownIntent } from "../lib/http.server";
import { mapPage, pageRequestFrom } from "../lib/keyset.server";
import { authenticate } from "../shopify.server";
import { shopTimeZone } from "../shops/time-zone.server";

/** Runs on a page of the history. */
const RUNS_PER_PAGE = 20;

const WORDS = defineWords({
  en: {
    title: "Syncs",
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
  const search = new URL(request.url).searchParams;
  const filter = { type: search.get("type") || null, status: search.get("status") || null };
  const [types, runs, timeZone] = await Promise.all([
    listJobTypes(jobDeps, session.shop, locale),
    listRuns(jobDeps, session.shop, { ...filter, ...pageRequestFrom(search), limit: RUNS_PER_PAGE }, locale),
    shopTimeZone(session.shop),
  ]);
  // Titles in the admin's language (the stored runs only know their type).
  const titled = mapPage(runs, (r) => ({ ...r, title: jobTypeTitle(r.type, locale) }));
  return { types, runs: titled, filter, timeZone };
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
  const { types, runs, filter, timeZone } = useLoaderData<typeof loader>();
  const revalidator = useRevalidator();
  const t = useWords(WORDS);
  const busy =
    runs.items.some((r) => r.status === "running" || r.status === "queued") || types.some((type) => type.current);
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
          <RunHistory
            runs={runs}
            pageSize={RUNS_PER_PAGE}
            timeZone={timeZone}
            types={types.map(({ type, title }) => ({ type, title }))}
            filter={filter}
          />
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
