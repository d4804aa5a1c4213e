import type { LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { BlockStack, Card, DataTable, Layout, Page, Text } from "@shopify/polaris";
import { CONNECTORS } from "../connectors/catalog";
import { listConnectorSummaries } from "../connectors/settings.server";
import { ConnectionBadge } from "../components/ConnectionBadge";
import { authenticate } from "../shopify.server";

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { session } = await authenticate.admin(request);
  const configured = await listConnectorSummaries(session.shop);
  return {
    connectors: CONNECTORS.map((c) => {
      const summary = configured.find((s) => s.connector === c.id);
      return { ...c, state: summary?.state ?? ("not-configured" as const), lastCheckMessage: summary?.lastCheckMessage ?? null };
    }),
  };
};

export default function Settings() {
  const { connectors } = useLoaderData<typeof loader>();
  return (
    <Page title="Settings">
      <Layout>
        <Layout.Section>
          <Card>
            <BlockStack gap="300">
              <Text as="h2" variant="headingMd">
                Back-office connections
              </Text>
              <DataTable
                columnContentTypes={["text", "text", "text", "text"]}
                headings={["System", "Kind", "State", "Last check"]}
                rows={connectors.map((c) => [c.name, c.kind, <ConnectionBadge key={c.id} state={c.state} />, c.lastCheckMessage ?? "—"])}
              />
            </BlockStack>
          </Card>
        </Layout.Section>
      </Layout>
    </Page>
  );
}
