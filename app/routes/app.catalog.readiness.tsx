import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { useFetcher, useLoaderData, useNavigate } from "@remix-run/react";
import {
  Badge,
  Banner,
  BlockStack,
  Button,
  Card,
  Checkbox,
  DataTable,
  InlineStack,
  Layout,
  Page,
  Select,
  Text,
} from "@shopify/polaris";
import { useState } from "react";
import { formResult, unknownIntent } from "../lib/http.server";
import {
  READINESS_FILTERS,
  publishNow,
  readinessScreen,
  saveReadinessSettings,
} from "../sync/publishing/screen.server";
import { authenticate } from "../shopify.server";

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { session } = await authenticate.admin(request);
  const reason = new URL(request.url).searchParams.get("reason");
  return readinessScreen(session.shop, reason && READINESS_FILTERS.includes(reason) ? reason : null);
};

type Answer = { intent: string; ok: boolean; message: string; fieldErrors: Record<string, string>; jobId?: string };

export const action = async ({ request }: ActionFunctionArgs): Promise<Answer> => {
  const { session } = await authenticate.admin(request);
  const form = await request.formData();
  const intent = String(form.get("intent") ?? "");
  const result = await formResult(async (): Promise<Omit<Answer, "intent">> => {
    switch (intent) {
      case "rules": {
        const rules = JSON.parse(String(form.get("rules") ?? "{}")) as unknown;
        const publicationIds = JSON.parse(String(form.get("publicationIds") ?? "[]")) as unknown;
        await saveReadinessSettings(session.shop, { rules, publicationIds });
        return { ok: true, message: "Readiness rules saved.", fieldErrors: {} };
      }
      case "publish": {
        const { jobId } = await publishNow(session.shop);
        return { ok: true, message: "Publishing the ready products now: follow it in Syncs.", fieldErrors: {}, jobId };
      }
      default:
        return unknownIntent();
    }
  });
  return { intent, ...result };
};

export default function ReadinessPage() {
  const { rules, channels, counts, filter, products } = useLoaderData<typeof loader>();
  const navigate = useNavigate();
  const save = useFetcher<typeof action>();
  const publish = useFetcher<typeof action>();
  const [on, setOn] = useState(Object.fromEntries(rules.map((r) => [r.key, r.on])));
  const [chosen, setChosen] = useState(channels.filter((c) => c.chosen).map((c) => c.id));
  const banner = (fetcher: typeof save) =>
    fetcher.data ? <Banner tone={fetcher.data.ok ? "success" : "critical"}>{fetcher.data.message}</Banner> : null;
  const filterOptions = [
    { label: `Every draft (${counts.drafts})`, value: "" },
    { label: `Ready (${counts.ready})`, value: "ready" },
    ...rules.map((r) => ({ label: `Not ready: ${r.reason} (${counts.byReason[r.reason] ?? 0})`, value: r.reason })),
  ];
  return (
    <Page
      title="Ready to sell"
      subtitle="Draft products checked against your rules; the ready ones are published every day at 21:45."
      primaryAction={{
        content: `Publish now (${counts.ready} ready)`,
        disabled: counts.ready === 0,
        loading: publish.state !== "idle",
        onAction: () => publish.submit({ intent: "publish" }, { method: "post" }),
      }}
    >
      <Layout>
        <Layout.Section>
          <BlockStack gap="400">
            {banner(publish)}
            <Card>
              <BlockStack gap="300">
                <Select
                  label="Show"
                  options={filterOptions}
                  value={filter ?? ""}
                  onChange={(value) => navigate(value ? `?reason=${encodeURIComponent(value)}` : "?")}
                />
                <DataTable
                  columnContentTypes={["text", "text"]}
                  headings={["Product", "Readiness"]}
                  rows={products.map((p) => [
                    p.title,
                    p.ready ? <Badge tone="success">Ready</Badge> : `not ready: ${p.reasons.join(", ")}`,
                  ])}
                />
                {products.length === 0 ? <Text as="p">No draft product here.</Text> : null}
              </BlockStack>
            </Card>
          </BlockStack>
        </Layout.Section>
        <Layout.Section variant="oneThird">
          <Card>
            <BlockStack gap="300">
              <Text as="h2" variant="headingMd">
                Rules
              </Text>
              {banner(save)}
              {rules.map((rule) => (
                <Checkbox
                  key={rule.key}
                  label={rule.label}
                  checked={on[rule.key]}
                  onChange={(checked) => setOn((current) => ({ ...current, [rule.key]: checked }))}
                />
              ))}
              <Text as="h2" variant="headingMd">
                Publish to
              </Text>
              {channels.map((channel) => (
                <Checkbox
                  key={channel.id}
                  label={channel.name}
                  checked={chosen.includes(channel.id)}
                  onChange={(checked) =>
                    setChosen((current) =>
                      checked ? [...current, channel.id] : current.filter((id) => id !== channel.id),
                    )
                  }
                />
              ))}
              <InlineStack>
                <Button
                  onClick={() =>
                    save.submit(
                      { intent: "rules", rules: JSON.stringify(on), publicationIds: JSON.stringify(chosen) },
                      { method: "post" },
                    )
                  }
                  loading={save.state !== "idle"}
                >
                  Save rules
                </Button>
              </InlineStack>
            </BlockStack>
          </Card>
        </Layout.Section>
      </Layout>
    </Page>
  );
}
