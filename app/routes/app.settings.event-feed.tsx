import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import {
  Badge,
  Banner,
  BlockStack,
  Box,
  Button,
  Checkbox,
  FormLayout,
  InlineStack,
  Layout,
  Page,
  Text,
  TextField,
} from "@shopify/polaris";
import { useState } from "react";
import { SectionCard } from "../components/SectionCard";
import { feedFormAction, feedSettingsView } from "../event-feed/screen.server";
import { formResult } from "../lib/http.server";
import { authenticate } from "../shopify.server";

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { session } = await authenticate.admin(request);
  return feedSettingsView(session.shop);
};

export const action = async ({ request }: ActionFunctionArgs) => {
  const { session } = await authenticate.admin(request);
  const form = Object.fromEntries([...(await request.formData()).entries()].map(([k, v]) => [k, String(v)]));
  return formResult(() => feedFormAction(session.shop, form));
};

const STATUS_TONE = { enabled: "success", paused: "attention", disabled: "critical" } as const;

export default function EventFeedSettings() {
  const { endpoints, topics, groups } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state !== "idle";
  const errors = result && !result.ok ? result.fieldErrors : {};
  return (
    <Page
      title="ERP event feed"
      backAction={{ content: "Settings", url: "/app/settings" }}
      secondaryActions={[{ content: "Event feed (deliveries)", url: "/app/event-feed" }]}
    >
      <Layout>
        <Layout.Section>
          <BlockStack gap="400">
            {result ? (
              <Banner tone={result.ok ? "success" : "critical"} title={result.message}>
                {"secret" in result && result.secret ? (
                  <Text as="p" fontWeight="bold">
                    <code data-testid="signing-secret">{result.secret}</code>
                  </Text>
                ) : null}
                {"answer" in result && result.answer ? (
                  <Text as="p">
                    Answer: <code data-testid="test-answer">{result.answer}</code>
                  </Text>
                ) : null}
              </Banner>
            ) : null}
            <SectionCard title="Endpoints">
              {endpoints.length === 0 ? (
                <Text as="p" tone="subdued">
                  No endpoint yet: add the address your ERP gave you below.
                </Text>
              ) : null}
              {endpoints.map((e) => (
                <Box key={e.id} padding="300" borderWidth="025" borderColor="border" borderRadius="200">
                  <BlockStack gap="200">
                    <InlineStack gap="200" blockAlign="center">
                      <Text as="h3" variant="headingSm">
                        {e.name}
                      </Text>
                      <Badge tone={STATUS_TONE[e.status]}>{e.status}</Badge>
                    </InlineStack>
                    <Text as="p" tone="subdued">
                      {e.url} · {e.topics.join(", ")}
                      {e.headerNames.length > 0 ? ` · headers: ${e.headerNames.join(", ")}` : ""}
                    </Text>
                    {e.statusReason ? <Banner tone="warning" title={e.statusReason} /> : null}
                    <Text as="p">
                      Backlog {e.health.backlog}
                      {e.health.oldestPendingAt ? ` (oldest ${e.health.oldestPendingAt})` : ""} · success rate{" "}
                      {e.health.successRate === null ? "—" : `${Math.round(e.health.successRate * 100)}%`} · failed{" "}
                      {e.health.deadLettered}
                    </Text>
                    <InlineStack gap="200">
                      <Intent endpointId={e.id} intent="test" label="Send test event" busy={busy} primary />
                      <Intent
                        endpointId={e.id}
                        intent={e.status === "enabled" ? "pause" : "resume"}
                        label={e.status === "enabled" ? "Pause" : "Resume"}
                        busy={busy}
                      />
                      <Intent endpointId={e.id} intent="rotate" label="Rotate secret" busy={busy} />
                      <Intent endpointId={e.id} intent="delete" label="Remove" busy={busy} />
                    </InlineStack>
                  </BlockStack>
                </Box>
              ))}
            </SectionCard>
            <AddEndpoint topics={topics} groups={groups} errors={errors} busy={busy} />
          </BlockStack>
        </Layout.Section>
      </Layout>
    </Page>
  );
}

function Intent(props: { endpointId: string; intent: string; label: string; busy: boolean; primary?: boolean }) {
  return (
    <Form method="post">
      <input type="hidden" name="intent" value={props.intent} />
      <input type="hidden" name="endpointId" value={props.endpointId} />
      <Button submit disabled={props.busy} variant={props.primary ? "primary" : undefined}>
        {props.label}
      </Button>
    </Form>
  );
}

function AddEndpoint(props: {
  topics: string[];
  groups: { name: string; topics: string[] }[];
  errors: Record<string, string>;
  busy: boolean;
}) {
  const [name, setName] = useState("");
  const [url, setUrl] = useState("");
  const [headers, setHeaders] = useState("");
  const [chosen, setChosen] = useState<string[]>(props.groups[0]?.topics ?? []);
  return (
    <SectionCard title="Add an endpoint">
      <Form method="post">
        <input type="hidden" name="intent" value="add" />
        <FormLayout>
          <InlineStack gap="200">
            {props.groups.map((g) => (
              <Button
                key={g.name}
                onClick={() => {
                  setChosen(g.topics);
                  if (!name) setName(`ERP ${g.name.toLowerCase()}`);
                }}
              >
                {g.name}
              </Button>
            ))}
          </InlineStack>
          <TextField
            label="Name"
            name="name"
            value={name}
            onChange={setName}
            autoComplete="off"
            error={props.errors.name}
          />
          <TextField
            label="Address (HTTPS)"
            name="url"
            value={url}
            onChange={setUrl}
            autoComplete="off"
            placeholder="https://erp.example.gr/shopify/orders"
            error={props.errors.url}
          />
          <BlockStack gap="100">
            {props.topics.map((t) => (
              <div key={t}>
                <Checkbox
                  label={t}
                  checked={chosen.includes(t)}
                  onChange={(on) => setChosen(on ? [...chosen, t] : chosen.filter((c) => c !== t))}
                />
                {chosen.includes(t) ? <input type="hidden" name={`topic:${t}`} value="on" /> : null}
              </div>
            ))}
            {props.errors.topics ? (
              <Text as="p" tone="critical">
                {props.errors.topics}
              </Text>
            ) : null}
          </BlockStack>
          <TextField
            label="Custom headers"
            name="headers"
            value={headers}
            onChange={setHeaders}
            multiline={3}
            autoComplete="off"
            helpText="One per line, e.g. X-Api-Key: … — stored encrypted, never shown again."
            error={props.errors.headers}
          />
          <Button submit variant="primary" loading={props.busy}>
            Add endpoint
          </Button>
        </FormLayout>
      </Form>
    </SectionCard>
  );
}
