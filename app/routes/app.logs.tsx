import type { LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData, useSearchParams } from "@remix-run/react";
import { DataTable, Layout, Page, Select, Text } from "@shopify/polaris";
import { formatDateTime } from "../lib/format";
import { authenticate } from "../shopify.server";
import { webhookLog } from "../webhooks/log.server";
import { SectionCard } from "../components/SectionCard";
import { WebhookStatusBadge } from "../components/WebhookStatusBadge";

const STATUSES = ["all", "processed", "failed", "received", "processing"] as const;

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { session } = await authenticate.admin(request);
  return webhookLog(session.shop, new URL(request.url).searchParams.get("status") ?? "all");
};

export default function Logs() {
  const { timeZone, status, deliveries, complianceRequests } = useLoaderData<typeof loader>();
  const [, setSearchParams] = useSearchParams();
  return (
    <Page title="Logs">
      <Layout>
        <Layout.Section>
          <SectionCard title="Webhooks received">
            <Select
              label="Result"
              options={STATUSES.map((s) => ({ label: s, value: s }))}
              value={status}
              onChange={(value) => setSearchParams(value === "all" ? {} : { status: value })}
            />
            <DataTable
              columnContentTypes={["text", "text", "text", "text"]}
              headings={["Topic", "Received", "Result", "Delivery id"]}
              rows={deliveries.map((d) => [
                d.topic,
                formatDateTime(d.receivedAt, timeZone),
                <WebhookStatusBadge key={d.webhookId} status={d.status} error={d.error} />,
                d.webhookId,
              ])}
            />
          </SectionCard>
        </Layout.Section>
        <Layout.Section>
          <SectionCard title="Privacy requests">
            {complianceRequests.length === 0 ? (
              <Text as="p" tone="subdued">
                No customer data request or erasure received.
              </Text>
            ) : (
              <DataTable
                columnContentTypes={["text", "text", "text"]}
                headings={["Request", "Received", "Customer"]}
                rows={complianceRequests.map((r) => [
                  r.topic,
                  formatDateTime(r.receivedAt, timeZone),
                  r.email ?? r.customerId ?? "—",
                ])}
              />
            )}
          </SectionCard>
        </Layout.Section>
      </Layout>
    </Page>
  );
}
