import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import {
  Badge,
  Banner,
  BlockStack,
  Button,
  DataTable,
  InlineStack,
  Layout,
  Page,
  Text,
  TextField,
} from "@shopify/polaris";
import { useState } from "react";
import { SectionCard } from "../components/SectionCard";
import { feedFormAction, feedLogView } from "../event-feed/screen.server";
import { formResult } from "../lib/http.server";
import { authenticate } from "../shopify.server";

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { session } = await authenticate.admin(request);
  return feedLogView(session.shop, new URL(request.url).searchParams);
};

export const action = async ({ request }: ActionFunctionArgs) => {
  const { session } = await authenticate.admin(request);
  const form = Object.fromEntries([...(await request.formData()).entries()].map(([k, v]) => [k, String(v)]));
  return formResult(() => feedFormAction(session.shop, form));
};

const TONE = { delivered: "success", dead: "critical", pending: "attention", delivering: "info" } as const;

export default function EventFeed() {
  const { endpoints, deliveries, filterProblem } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const [params] = useSearchParams();
  const [resource, setResource] = useState(params.get("resource") ?? "");
  const [from, setFrom] = useState("");
  const [to, setTo] = useState("");
  return (
    <Page title="Event feed" backAction={{ content: "ERP event feed", url: "/app/settings/event-feed" }}>
      <Layout>
        <Layout.Section>
          <BlockStack gap="400">
            {result ? (
              <Banner
                tone={result.ok ? "success" : "critical"}
                title={result.message}
                action={
                  "runUrl" in result && result.runUrl ? { content: "See what it finds", url: result.runUrl } : undefined
                }
              />
            ) : null}
            {filterProblem ? <Banner tone="warning" title={filterProblem} /> : null}
            <SectionCard title="Endpoints">
              <DataTable
                columnContentTypes={["text", "text", "numeric", "text", "text", "text"]}
                headings={["Endpoint", "Status", "Backlog", "Oldest pending", "Success (24 h)", "Last error"]}
                rows={endpoints.map((e) => [
                  e.name,
                  e.status,
                  e.health.backlog,
                  e.health.oldestPendingAt ?? "—",
                  e.health.successRate === null ? "—" : `${Math.round(e.health.successRate * 100)}%`,
                  e.health.lastError ?? "—",
                ])}
              />
              <InlineStack gap="200">
                {endpoints.map((e) => (
                  <Form method="post" key={e.id}>
                    <input type="hidden" name="intent" value="replay-failed" />
                    <input type="hidden" name="endpointId" value={e.id} />
                    <Button submit disabled={e.health.deadLettered === 0}>
                      {`Replay ${e.health.deadLettered} failed of ${e.name}`}
                    </Button>
                  </Form>
                ))}
              </InlineStack>
              <Form method="post">
                <input type="hidden" name="intent" value="reconcile" />
                <InlineStack gap="200" blockAlign="center">
                  <Button submit>Check Shopify for missed events</Button>
                  <Text as="span" tone="subdued">
                    Also done every hour: events no webhook brought are sent, marked reconciled.
                  </Text>
                </InlineStack>
              </Form>
              <Form method="post">
                <input type="hidden" name="intent" value="replay-range" />
                <InlineStack gap="200" blockAlign="end">
                  <TextField
                    label="From"
                    name="from"
                    type="datetime-local"
                    value={from}
                    onChange={setFrom}
                    autoComplete="off"
                  />
                  <TextField
                    label="To"
                    name="to"
                    type="datetime-local"
                    value={to}
                    onChange={setTo}
                    autoComplete="off"
                  />
                  <Button submit>Replay this time range</Button>
                </InlineStack>
              </Form>
            </SectionCard>
            <SectionCard title="Deliveries">
              <Form method="get">
                <InlineStack gap="200" blockAlign="end">
                  <select name="endpoint" defaultValue={params.get("endpoint") ?? ""} aria-label="Endpoint">
                    <option value="">All endpoints</option>
                    {endpoints.map((e) => (
                      <option key={e.id} value={e.id}>
                        {e.name}
                      </option>
                    ))}
                  </select>
                  <select name="status" defaultValue={params.get("status") ?? ""} aria-label="Status">
                    <option value="">Any status</option>
                    {["pending", "delivering", "delivered", "dead"].map((s) => (
                      <option key={s}>{s}</option>
                    ))}
                  </select>
                  <select name="topic" defaultValue={params.get("topic") ?? ""} aria-label="Topic">
                    <option value="">Any topic</option>
                    {[
                      "orders/create",
                      "fulfillments/create",
                      "fulfillments/update",
                      "products/create",
                      "products/update",
                    ].map((t) => (
                      <option key={t}>{t}</option>
                    ))}
                  </select>
                  <TextField
                    label="Resource id"
                    name="resource"
                    value={resource}
                    onChange={setResource}
                    autoComplete="off"
                  />
                  <Button submit>Filter</Button>
                </InlineStack>
              </Form>
              {deliveries.length === 0 ? <Text as="p">No deliveries.</Text> : null}
              {deliveries.map((d) => (
                <BlockStack key={d.id} gap="100">
                  <InlineStack gap="200" blockAlign="center">
                    <Badge tone={TONE[d.status as keyof typeof TONE]}>{d.status}</Badge>
                    <Text as="span" fontWeight="semibold">
                      {d.topic} · {d.resource} → {d.endpointName}
                    </Text>
                    <Text as="span" tone="subdued">
                      {d.createdAt}
                      {d.source !== "webhook" ? ` · ${d.source}` : ""}
                      {d.nextAttemptAt ? ` · next attempt ${d.nextAttemptAt}` : ""}
                    </Text>
                    <Form method="post">
                      <input type="hidden" name="intent" value="replay-one" />
                      <input type="hidden" name="deliveryId" value={d.id} />
                      <Button submit size="slim">
                        Replay
                      </Button>
                    </Form>
                  </InlineStack>
                  {d.tries.map((t, i) => (
                    <Text as="p" key={i} tone={t.outcome === "delivered" ? undefined : "critical"}>
                      {`Attempt ${i + 1} at ${t.at}: ${t.httpStatus ? `HTTP ${t.httpStatus}` : "no answer"} in ${t.ms} ms${t.error ? ` — ${t.error}` : ""}${t.answer ? ` — “${t.answer.slice(0, 120)}”` : ""}`}
                    </Text>
                  ))}
                </BlockStack>
              ))}
            </SectionCard>
          </BlockStack>
        </Layout.Section>
      </Layout>
    </Page>
  );
}
