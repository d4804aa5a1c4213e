import type { LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { Badge, BlockStack, Card, DataTable, EmptyState, InlineGrid, Layout, Page, Text } from "@shopify/polaris";
import { TitleBar } from "@shopify/app-bridge-react";
import { loadDashboard } from "../dashboard/dashboard.server";
import { authenticate } from "../shopify.server";
import { ConnectionBadge } from "../components/ConnectionBadge";
import { formatDateTime } from "../lib/format";

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { session } = await authenticate.admin(request);
  return loadDashboard(session.shop);
};

export default function Dashboard() {
  const { shop, connectors, recentWebhooks } = useLoaderData<typeof loader>();
  return (
    <Page title="Dashboard">
      <TitleBar title="Passerelle" />
      <Layout>
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
          <Card>
            <BlockStack gap="300">
              <Text as="h2" variant="headingMd">
                Connections
              </Text>
              {connectors.length === 0 ? (
                <EmptyState heading="No back-office system connected yet" image="" action={{ content: "Open settings", url: "/app/settings" }}>
                  <p>Connect Fastmag or another system to start syncing stock, prices and orders.</p>
                </EmptyState>
              ) : (
                <DataTable
                  columnContentTypes={["text", "text", "text", "text"]}
                  headings={["System", "Kind", "State", "Last check"]}
                  rows={connectors.map((c) => [
                    c.name,
                    c.kind,
                    <ConnectionBadge key={c.connector} state={c.state} />,
                    c.lastCheckAt ? `${formatDateTime(c.lastCheckAt, shop.ianaTimezone)} — ${c.lastCheckMessage ?? ""}` : "never",
                  ])}
                />
              )}
            </BlockStack>
          </Card>
        </Layout.Section>
        <Layout.Section>
          <Card>
            <BlockStack gap="300">
              <Text as="h2" variant="headingMd">
                Latest events from Shopify
              </Text>
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
                    <Badge key={w.webhookId} tone={w.status === "failed" ? "critical" : w.status === "processed" ? "success" : "info"}>
                      {w.status === "failed" ? `failed: ${w.error ?? ""}` : w.status}
                    </Badge>,
                  ])}
                />
              )}
            </BlockStack>
          </Card>
        </Layout.Section>
      </Layout>
    </Page>
  );
}
