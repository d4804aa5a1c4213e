import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { useFetcher, useLoaderData, useRevalidator, useSearchParams } from "@remix-run/react";
import {
  Badge,
  Banner,
  BlockStack,
  Button,
  Card,
  DataTable,
  InlineGrid,
  InlineStack,
  Layout,
  Modal,
  Page,
  ProgressBar,
  Select,
  Text,
  TextField,
} from "@shopify/polaris";
import { useEffect, useState } from "react";
import { JobStatusBadge } from "../components/JobStatusBadge";
import { cancelJob, getJob, listSkipped, retryJob } from "../jobs/api.server";
import { jobDeps } from "../jobs/deps.server";
import { formatDateTime } from "../lib/format";
import { formResult, unknownIntent } from "../lib/http.server";
import { authenticate } from "../shopify.server";
import { shopTimeZone } from "../shops/time-zone.server";

export const loader = async ({ request, params }: LoaderFunctionArgs) => {
  const { session } = await authenticate.admin(request);
  const job = await getJob(jobDeps, session.shop, params.id ?? "", { logLines: 200 });
  if (!job) throw new Response("This sync run does not exist (it may have been cleaned up).", { status: 404 });
  const url = new URL(request.url);
  const filter = {
    entity: url.searchParams.get("entity") || undefined,
    search: url.searchParams.get("q") || undefined,
    limit: 100,
  };
  const [skipped, timeZone] = await Promise.all([
    listSkipped(jobDeps, session.shop, job.id, filter),
    shopTimeZone(session.shop),
  ]);
  return { job, skipped, filter, timeZone };
};

export const action = async ({ request, params }: ActionFunctionArgs) => {
  const { session, redirect } = await authenticate.admin(request);
  const intent = (await request.formData()).get("intent");
  // A retry is a new run: the merchant follows it there.
  if (intent === "retry")
    return formResult(async () =>
      redirect(`/app/runs/${(await retryJob(jobDeps, session.shop, params.id ?? "")).jobId}`),
    );
  if (intent === "cancel")
    return formResult(async () => {
      await cancelJob(jobDeps, session.shop, params.id ?? "");
      return { ok: true as const };
    });
  return unknownIntent();
};

export default function RunDetail() {
  const { job, skipped, filter, timeZone } = useLoaderData<typeof loader>();
  const revalidator = useRevalidator();
  const fetcher = useFetcher<typeof action>();
  const live = job.status === "running" || job.status === "queued";

  useEffect(() => {
    if (!live) return;
    const timer = setInterval(() => revalidator.state === "idle" && revalidator.revalidate(), 1000);
    return () => clearInterval(timer);
  }, [live, revalidator]);

  const percent = job.progress.total
    ? Math.min(100, Math.round((job.progress.done / job.progress.total) * 100))
    : job.status === "succeeded"
      ? 100
      : 0;
  const failure = fetcher.data && !fetcher.data.ok ? fetcher.data.message : null;
  const [confirmingCancel, setConfirmingCancel] = useState(false);
  const cancelRun = () => {
    setConfirmingCancel(false);
    fetcher.submit({ intent: "cancel" }, { method: "post" });
  };

  return (
    <Page
      title={job.title}
      titleMetadata={<JobStatusBadge status={job.status} />}
      backAction={{ content: "Syncs", url: "/app/syncs" }}
      primaryAction={
        job.status === "failed" || job.status === "cancelled"
          ? {
              content: "Retry",
              loading: fetcher.state !== "idle",
              onAction: () => fetcher.submit({ intent: "retry" }, { method: "post" }),
            }
          : undefined
      }
      secondaryActions={
        live && !job.cancelRequested
          ? [
              {
                content: "Cancel",
                destructive: true,
                onAction: () => setConfirmingCancel(true),
              },
            ]
          : []
      }
    >
      <Modal
        open={confirmingCancel}
        onClose={() => setConfirmingCancel(false)}
        title={`Cancel this ${job.title} run?`}
        primaryAction={{ content: "Cancel the run", destructive: true, onAction: cancelRun }}
        secondaryActions={[{ content: "Keep it running", onAction: () => setConfirmingCancel(false) }]}
      >
        <Modal.Section>
          <Text as="p">
            {job.status === "queued"
              ? "It has not started yet: it will not run."
              : "It stops once the items it is writing right now are done. What it has already changed in Shopify stays changed; nothing more is written."}
          </Text>
        </Modal.Section>
      </Modal>
      <Layout>
        {job.status === "cancelled" ? (
          <Layout.Section>
            <Banner tone="warning" title="This run was cancelled">
              <p>
                {job.counters.changed === 0
                  ? "It stopped before it changed anything."
                  : `It had made ${job.counters.changed} change${job.counters.changed === 1 ? "" : "s"} before it stopped; nothing was written after that.`}
              </p>
            </Banner>
          </Layout.Section>
        ) : null}
        {failure ? (
          <Layout.Section>
            <Banner tone="critical">{failure}</Banner>
          </Layout.Section>
        ) : null}
        {job.error && job.status !== "succeeded" ? (
          <Layout.Section>
            <Banner
              tone={job.status === "failed" ? "critical" : "warning"}
              title={
                job.status === "failed"
                  ? "This run failed"
                  : job.status === "skipped"
                    ? "This sync waits for setup; it did not run"
                    : "The last attempt failed; it will be retried"
              }
            >
              <p>{job.error.message}</p>
              {job.error.cause ? <p>Cause: {job.error.cause}</p> : null}
            </Banner>
          </Layout.Section>
        ) : null}
        <Layout.Section>
          <Card>
            <BlockStack gap="300">
              <InlineStack align="space-between">
                <Text as="h2" variant="headingMd">
                  Progress
                </Text>
                <Text as="span" tone="subdued">
                  {job.progress.phase ?? ""} {job.progress.total ? `${job.progress.done} / ${job.progress.total}` : ""}
                </Text>
              </InlineStack>
              <ProgressBar
                animated={false}
                progress={percent}
                tone={job.status === "failed" ? "critical" : "primary"}
                aria-label="progress"
              />
              <Text as="p" tone="subdued">
                {percent}% · attempt {job.attempt} of {job.maxAttempts} · started by {job.trigger}
                {job.cancelRequested && live ? " · stopping once the items being written now are done" : ""}
              </Text>
              <InlineGrid columns={4} gap="200">
                <Counter label="Seen" value={job.counters.seen} />
                <Counter label="Changed" value={job.counters.changed} />
                <Counter label="Skipped" value={job.counters.skipped} />
                <Counter label="Failed" value={job.counters.failed} />
              </InlineGrid>
              <Text as="p" tone="subdued">
                Queued {formatDateTime(job.createdAt, timeZone)}
                {job.startedAt ? ` · started ${formatDateTime(job.startedAt, timeZone)}` : ""}
                {job.finishedAt ? ` · finished ${formatDateTime(job.finishedAt, timeZone)}` : ""}
                {job.durationSeconds !== null ? ` · ${job.durationSeconds} s` : ""}
              </Text>
            </BlockStack>
          </Card>
        </Layout.Section>
        <Layout.Section>
          <SkippedRecords jobId={job.id} skipped={skipped} filter={filter} timeZone={timeZone} />
        </Layout.Section>
        <Layout.Section>
          <Card>
            <BlockStack gap="200">
              <Text as="h2" variant="headingMd">
                Log
              </Text>
              {job.log.length === 0 ? (
                <Text as="p" tone="subdued">
                  No log lines.
                </Text>
              ) : (
                job.log.map((line, i) => (
                  <InlineStack key={i} gap="200" wrap={false}>
                    <Text as="span" tone="subdued">
                      {formatDateTime(line.at, timeZone)}
                    </Text>
                    <Badge tone={line.level === "error" ? "critical" : line.level === "warn" ? "warning" : undefined}>
                      {line.level}
                    </Badge>
                    <Text as="span">{line.message}</Text>
                  </InlineStack>
                ))
              )}
            </BlockStack>
          </Card>
        </Layout.Section>
      </Layout>
    </Page>
  );
}

function Counter({ label, value }: { label: string; value: number }) {
  return (
    <BlockStack gap="050">
      <Text as="span" tone="subdued">
        {label}
      </Text>
      <Text as="span" variant="headingLg">
        {value}
      </Text>
    </BlockStack>
  );
}

type LoaderData = ReturnType<typeof useLoaderData<typeof loader>>;

function SkippedRecords({
  jobId,
  skipped,
  filter,
  timeZone,
}: {
  jobId: string;
  skipped: LoaderData["skipped"];
  filter: LoaderData["filter"];
  timeZone: string;
}) {
  const [, setSearchParams] = useSearchParams();
  const [search, setSearch] = useState(filter.search ?? "");
  const applyFilter = (next: { entity?: string; q?: string }) => {
    const params: Record<string, string> = {};
    const entity = next.entity ?? filter.entity;
    const q = next.q ?? search;
    if (entity) params.entity = entity;
    if (q) params.q = q;
    setSearchParams(params, { preventScrollReset: true });
  };
  const exportCsv = async () => {
    const query = new URLSearchParams();
    if (filter.entity) query.set("entity", filter.entity);
    if (filter.search) query.set("q", filter.search);
    // fetch (not a link) so App Bridge adds the session token.
    const response = await fetch(`/app/runs/${jobId}/skipped.csv?${query.toString()}`);
    const url = URL.createObjectURL(await response.blob());
    const a = Object.assign(document.createElement("a"), { href: url, download: `skipped-${jobId}.csv` });
    a.click();
    URL.revokeObjectURL(url);
  };
  return (
    <Card>
      <BlockStack gap="300">
        <InlineStack align="space-between" blockAlign="center">
          <Text as="h2" variant="headingMd">
            Skipped records ({skipped.total})
          </Text>
          <Button onClick={exportCsv} disabled={skipped.total === 0}>
            Export CSV
          </Button>
        </InlineStack>
        <InlineStack gap="200" blockAlign="end">
          <Select
            label="Kind"
            options={[{ label: "All", value: "" }, ...skipped.entities.map((e) => ({ label: e, value: e }))]}
            value={filter.entity ?? ""}
            onChange={(entity) => applyFilter({ entity })}
          />
          <div style={{ minWidth: 280 }}>
            <TextField
              label="Search id or reason"
              value={search}
              onChange={setSearch}
              autoComplete="off"
              connectedRight={<Button onClick={() => applyFilter({ q: search })}>Filter</Button>}
            />
          </div>
        </InlineStack>
        {skipped.items.length === 0 ? (
          <Text as="p" tone="subdued">
            Nothing skipped{filter.entity || filter.search ? " matches this filter" : ""}.
          </Text>
        ) : (
          <DataTable
            columnContentTypes={["text", "text", "text", "text"]}
            headings={["Kind", "Id", "Reason", "When"]}
            rows={skipped.items.map((s) => [s.entity, s.externalId, s.reason, formatDateTime(s.at, timeZone)])}
          />
        )}
      </BlockStack>
    </Card>
  );
}
