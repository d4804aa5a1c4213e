import type { LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import {
  Banner,
  BlockStack,
  Button,
  Card,
  DataTable,
  InlineGrid,
  Layout,
  Link,
  List,
  Page,
  Text,
} from "@shopify/polaris";
import { TitleBar } from "@shopify/app-bridge-react";
import { loadDashboard } from "../dashboard/dashboard.server";
import { authenticate } from "../shopify.server";
import { SectionCard } from "../components/SectionCard";
import { WebhookStatusBadge } from "../components/WebhookStatusBadge";
import { ConnectionBadge } from "../components/ConnectionBadge";
import { JobStatusBadge } from "../components/JobStatusBadge";
import { formatDateTime } from "../lib/format";

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { session } = await authenticate.admin(request);
  return loadDashboard(session);
};

export default function Dashboard() {
  const { shop, connectors, setup, recentWebhooks, latestRuns, failuresLast24h, stoppedFeedEndpoints } =
    useLoaderData<typeof loader>();
  return (
    <Page title="Dashboard">
      <TitleBar title="Passerelle" />
      <Layout>
        {setup.map((step) => (
          <Layout.Section key={step.connector}>
            <Banner
              tone="warning"
              title={`Set up ${step.what} to start syncing`}
              action={{ content: `Set up ${step.what}`, url: step.url }}
            >
              <Text as="p">
                These syncs wait until {step.what} is set up (they are not failing): {step.syncs.join(", ")}.
              </Text>
            </Banner>
          </Layout.Section>
        ))}
        {stoppedFeedEndpoints.map((endpoint) => (
          <Layout.Section key={endpoint.id}>
            <Banner
              tone="critical"
              title={
                endpoint.why === "gone"
                  ? `Event feed: “${endpoint.name}” said it no longer wants events`
                  : `Event feed: “${endpoint.name}” was paused because it kept failing`
              }
              action={{ content: "Open Event feed", url: "/app/event-feed" }}
            >
              <Text as="p">
                {endpoint.waiting} event{endpoint.waiting === 1 ? "" : "s"} wait for it; nothing is dropped. Resume it
                on the Event feed screen once the ERP answers again.
              </Text>
            </Banner>
          </Layout.Section>
        ))}
        {failuresLast24h.length > 0 ? (
          <Layout.Section>
            <Banner
              tone="critical"
              title={`${failuresLast24h.length} sync run${failuresLast24h.length > 1 ? "s" : ""} failed in the last 24 hours`}
            >
              <List>
                {failuresLast24h.map((run) => (
                  <List.Item key={run.id}>
                    <Link url={`/app/runs/${run.id}`}>{run.title}</Link> —{" "}
                    {formatDateTime(run.finishedAt ?? run.createdAt, shop.ianaTimezone)}:{" "}
                    {run.error?.message ?? "failed"}
                  </List.Item>
                ))}
              </List>
            </Banner>
          </Layout.Section>
        ) : null}
        <Layout.Section>
          <Card>
            <BlockStack gap="200">
              <Text as="h2" variant="headingMd">
                {shop.name ?? shop.domain}
              </Text>
              <InlineGrid columns={{ xs: 1, sm: 3 }} gap="200">
                <Text as="p" tone="subdued">
                  {shop.domain}
                </Text>
                <Text as="p">Plan: {shop.planName ?? "unknown"}</Text>
                <Text as="p">
                  Time zone: {shop.ianaTimezone}
                  {shop.currencyCode ? ` · ${shop.currencyCode}` : ""}
                </Text>
              </InlineGrid>
            </BlockStack>
          </Card>
        </Layout.Section>
        <Layout.Section>
          <SectionCard title="Connections">
            {connectors.length === 0 ? (
              <BlockStack gap="200" inlineAlign="start">
                <Text as="p" fontWeight="semibold">
                  No back-office system connected yet
                </Text>
                <Text as="p" tone="subdued">
                  Connect Fastmag or another system to start syncing stock, prices and orders.
                </Text>
                <Button url="/app/settings">Open settings</Button>
              </BlockStack>
            ) : (
              <DataTable
                columnContentTypes={["text", "text", "text", "text"]}
                headings={["System", "Kind", "State", "Last check"]}
                rows={connectors.map((c) => [
                  c.name,
                  c.kind,
                  <ConnectionBadge key={c.connector} state={c.state} />,
                  c.lastCheckAt
                    ? `${formatDateTime(c.lastCheckAt, shop.ianaTimezone)} — ${c.lastCheckMessage ?? ""}`
                    : "never",
                ])}
              />
            )}
          </SectionCard>
        </Layout.Section>
        <Layout.Section>
          <SectionCard title="Latest sync runs">
            {latestRuns.length === 0 ? (
              <Text as="p" tone="subdued">
                No sync has run yet. Start one from <Link url="/app/syncs">Syncs</Link>.
              </Text>
            ) : (
              <DataTable
                columnContentTypes={["text", "text", "text", "text"]}
                headings={["Sync", "Status", "When", "Result"]}
                rows={latestRuns.map((run) => [
                  <Link key={run.id} url={`/app/runs/${run.id}`}>
                    {run.title}
                  </Link>,
                  <JobStatusBadge key={`${run.id}-status`} status={run.status} />,
                  formatDateTime(run.startedAt ?? run.createdAt, shop.ianaTimezone),
                  run.error ? run.error.message : `${run.counters.changed} changed, ${run.counters.skipped} skipped`,
                ])}
              />
            )}
          </SectionCard>
        </Layout.Section>
        <Layout.Section>
          <SectionCard title="Latest events from Shopify">
            {recentWebhooks.length === 0 ? (
              <Text as="p" tone="subdued">
                No webhook received yet.
              </Text>
            ) : (
              <DataTable
                columnContentTypes={["text", "text", "text"]}
                headings={["Topic", "Received", "Result"]}
                rows={recentWebhooks.map((w) => [
                  w.topic,
                  formatDateTime(w.receivedAt, shop.ianaTimezone),
                  <WebhookStatusBadge key={w.webhookId} status={w.status} error={w.error} />,
                ])}
              />
            )}
          </SectionCard>
        </Layout.Section>
      </Layout>
    </Page>
  );
}
