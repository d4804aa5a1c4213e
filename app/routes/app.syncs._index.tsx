import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Link as RemixLink, useFetcher, useLoaderData, useRevalidator } from "@remix-run/react";
import { Banner, BlockStack, Button, Card, DataTable, InlineStack, Layout, Link, Page, Text } from "@shopify/polaris";
import { useEffect } from "react";
import { JobStatusBadge } from "../components/JobStatusBadge";
import { enqueueJob, listJobTypes, pauseSchedule, recentRuns, resumeSchedule } from "../jobs/api.server";
import { jobDeps } from "../jobs/deps.server";
import { formatDateTime } from "../lib/format";
import { formResult, unknownIntent } from "../lib/http.server";
import { authenticate } from "../shopify.server";
import { shopTimeZone } from "../shops/time-zone.server";

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { session } = await authenticate.admin(request);
  const [types, recent, timeZone] = await Promise.all([
    listJobTypes(jobDeps, session.shop),
    recentRuns(jobDeps, session.shop, 20),
    shopTimeZone(session.shop),
  ]);
  return { types, recentRuns: recent, timeZone };
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
  const busy = recentRuns.some((r) => r.status === "running" || r.status === "queued");
  // Follow runs in progress without a reload.
  useEffect(() => {
    if (!busy) return;
    const timer = setInterval(() => revalidator.state === "idle" && revalidator.revalidate(), 1500);
    return () => clearInterval(timer);
  }, [busy, revalidator]);

  return (
    <Page title="Syncs">
      <Layout>
        <Layout.Section>
          <BlockStack gap="400">
            {types.map((t) => (
              <JobTypeCard key={t.type} jobType={t} timeZone={timeZone} />
            ))}
          </BlockStack>
        </Layout.Section>
        <Layout.Section>
          <section aria-label="Recent runs">
            <Card>
              <BlockStack gap="300">
                <Text as="h2" variant="headingMd">
                  Recent runs
                </Text>
                {recentRuns.length === 0 ? (
                  <Text as="p" tone="subdued">
                    Nothing has run yet.
                  </Text>
                ) : (
                  <DataTable
                    columnContentTypes={["text", "text", "text", "text", "text"]}
                    headings={["Sync", "Started by", "Status", "When", "Result"]}
                    rows={recentRuns.map((r) => [
                      <Link key={r.id} url={`/app/runs/${r.id}`}>
                        {r.title}
                      </Link>,
                      r.trigger,
                      <JobStatusBadge key={`${r.id}-s`} status={r.status} />,
                      formatDateTime(r.startedAt ?? r.createdAt, timeZone),
                      r.error ? r.error.message : `${r.counters.changed} changed, ${r.counters.skipped} skipped`,
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
                  {jobType.schedule.enabled ? "Pause schedule" : "Resume schedule"}
                </Button>
              ) : null}
              <Button
                variant="primary"
                onClick={() => submit("run-now")}
                loading={submitting}
                accessibilityLabel={`Run ${jobType.title} now`}
              >
                Run now
              </Button>
            </InlineStack>
          </InlineStack>
          {failure ? <Banner tone="critical">{failure}</Banner> : null}
          <Text as="p">
            {jobType.schedule
              ? `${jobType.schedule.enabled ? "Runs" : "Paused — would run"} ${jobType.schedule.description}. ${
                  jobType.schedule.nextRun ? `Next run ${formatDateTime(jobType.schedule.nextRun, timeZone)}.` : ""
                }`
              : "Not scheduled; runs when started."}{" "}
            <RemixLink to={`/app/syncs/${encodeURIComponent(jobType.type)}`}>Edit schedule</RemixLink>
          </Text>
          <InlineStack gap="200" blockAlign="center">
            <Text as="span">Last run:</Text>
            {jobType.lastRun ? (
              <>
                <JobStatusBadge status={jobType.lastRun.status} />
                <RemixLink to={`/app/runs/${jobType.lastRun.id}`}>
                  {formatDateTime(jobType.lastRun.finishedAt ?? jobType.lastRun.createdAt, timeZone)}
                </RemixLink>
                {jobType.lastRun.error ? (
                  <Text as="span" tone="critical">
                    {jobType.lastRun.error.message}
                  </Text>
                ) : null}
              </>
            ) : (
              <Text as="span" tone="subdued">
                never
              </Text>
            )}
            {jobType.current ? (
              <>
                <Text as="span">· now:</Text>
                <JobStatusBadge status={jobType.current.status} />
                <RemixLink to={`/app/runs/${jobType.current.id}`}>follow</RemixLink>
              </>
            ) : null}
          </InlineStack>
        </BlockStack>
      </Card>
    </section>
  );
}
