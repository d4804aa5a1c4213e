import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { useFetcher, useLoaderData } from "@remix-run/react";
import {
  Banner,
  BlockStack,
  Box,
  Button,
  Card,
  DataTable,
  InlineStack,
  Layout,
  Link,
  Page,
  Text,
  TextField,
} from "@shopify/polaris";
import { useState } from "react";
import { createApiToken, listApiTokens, revokeApiToken } from "../api/tokens.server";
import { ConnectionBadge } from "../components/ConnectionBadge";
import { formResult, unknownIntent } from "../lib/http.server";
import { connectionsScreen, routingScreen } from "../settings/connections.server";
import { authenticate } from "../shopify.server";

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { session } = await authenticate.admin(request);
  const [connectors, routing, apiTokens] = await Promise.all([
    connectionsScreen(session.shop),
    routingScreen(session.shop),
    listApiTokens(session.shop),
  ]);
  return { connectors, routing, apiTokens };
};

export const action = async ({ request }: ActionFunctionArgs) => {
  const { session } = await authenticate.admin(request);
  const form = await request.formData();
  if (form.get("intent") === "create-token")
    return formResult(async () => {
      const { token } = await createApiToken(session.shop, String(form.get("name") ?? ""));
      return { ok: true as const, token };
    });
  if (form.get("intent") === "revoke-token")
    return formResult(async () => {
      await revokeApiToken(session.shop, String(form.get("id") ?? ""));
      return { ok: true as const, token: null };
    });
  return unknownIntent();
};

export default function Settings() {
  const { connectors, routing, apiTokens } = useLoaderData<typeof loader>();
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
                rows={connectors.map((c) => [
                  <Link key={`${c.id}-name`} url={c.settingsUrl}>
                    {c.name}
                  </Link>,
                  c.kind,
                  <ConnectionBadge key={c.id} state={c.state} />,
                  c.lastCheckMessage ?? "—",
                ])}
              />
            </BlockStack>
          </Card>
        </Layout.Section>
        <Layout.Section>
          <Card>
            <BlockStack gap="200">
              <Text as="h2" variant="headingMd">
                Where your data goes
              </Text>
              {routing.map((sentence) => (
                <Text as="p" key={sentence}>
                  {sentence}
                </Text>
              ))}
              <InlineStack>
                <Button url="/app/settings/routing">Choose where data goes</Button>
              </InlineStack>
            </BlockStack>
          </Card>
        </Layout.Section>
        <Layout.Section>
          <Card>
            <BlockStack gap="200">
              <Text as="h2" variant="headingMd">
                Orders and carriers
              </Text>
              <Text as="p" tone="subdued">
                Whether customers are notified of shipments, and the carrier accounts (Chronopost, TNT) used to follow
                parcels to delivery.
              </Text>
              <InlineStack>
                <Button url="/app/settings/orders">Open order settings</Button>
              </InlineStack>
            </BlockStack>
          </Card>
        </Layout.Section>
        <Layout.Section>
          <Card>
            <BlockStack gap="200">
              <Text as="h2" variant="headingMd">
                ERP event feed
              </Text>
              <Text as="p" tone="subdued">
                Shopify&apos;s order, fulfillment and product events sent to your ERP as signed JSON, retried and
                replayable.
              </Text>
              <InlineStack>
                <Button url="/app/settings/event-feed">Open ERP event feed</Button>
              </InlineStack>
            </BlockStack>
          </Card>
        </Layout.Section>
        <Layout.Section>
          <ApiAccess tokens={apiTokens} />
        </Layout.Section>
      </Layout>
    </Page>
  );
}

function ApiAccess({ tokens }: { tokens: ReturnType<typeof useLoaderData<typeof loader>>["apiTokens"] }) {
  const fetcher = useFetcher<typeof action>();
  const [name, setName] = useState("");
  const created = fetcher.data?.ok ? fetcher.data.token : null;
  const error =
    fetcher.data && !fetcher.data.ok
      ? fetcher.data.fieldErrors.name
        ? fetcher.data.message
        : fetcher.data.message
      : undefined;
  return (
    <Card>
      <BlockStack gap="300">
        <Text as="h2" variant="headingMd">
          API access
        </Text>
        <Text as="p" tone="subdued">
          Your ERP or scripts can start syncs and read their state over HTTP (POST /api/sync/&lt;sync&gt;, GET
          /api/jobs/&lt;id&gt;) with an API token sent as <code>Authorization: Bearer &lt;token&gt;</code>.
        </Text>
        {created ? (
          <Banner tone="success" title="Copy this token now: it will not be shown again.">
            <Box paddingBlockStart="100">
              <code>{created}</code>
            </Box>
          </Banner>
        ) : null}
        <fetcher.Form method="post">
          <input type="hidden" name="intent" value="create-token" />
          <InlineStack gap="200" blockAlign="end">
            <div style={{ minWidth: 280 }}>
              <TextField
                label="Token name"
                name="name"
                value={name}
                onChange={setName}
                autoComplete="off"
                placeholder="e.g. Fastmag scripts"
                error={error}
              />
            </div>
            <Button submit loading={fetcher.state !== "idle"}>
              Create token
            </Button>
          </InlineStack>
        </fetcher.Form>
        {tokens.length > 0 ? (
          <DataTable
            columnContentTypes={["text", "text", "text", "text"]}
            headings={["Name", "Ends with", "Last used", ""]}
            rows={tokens.map((t) => [
              t.name,
              `…${t.lastFour}`,
              t.lastUsedAt ? new Date(t.lastUsedAt).toLocaleString() : "never",
              <fetcher.Form key={t.id} method="post">
                <input type="hidden" name="intent" value="revoke-token" />
                <input type="hidden" name="id" value={t.id} />
                <Button submit variant="plain" tone="critical">
                  Revoke
                </Button>
              </fetcher.Form>,
            ])}
          />
        ) : null}
      </BlockStack>
    </Card>
  );
}
