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
import { defineWords, useWords } from "../i18n/words";
import { localeOfRequest } from "../i18n/locale";
import { formResult, unknownIntent } from "../lib/http.server";
import {
  READINESS_FILTERS,
  publishNow,
  readinessScreen,
  saveReadinessSettings,
} from "../sync/publishing/screen.server";
import { RULE_WORDS, reasonWords, type RuleKey } from "../sync/publishing/readiness";
import { authenticate } from "../shopify.server";

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { session } = await authenticate.admin(request);
  const reason = new URL(request.url).searchParams.get("reason");
  return readinessScreen(session.shop, reason && READINESS_FILTERS.includes(reason) ? reason : null);
};

const WORDS = defineWords({
  en: {
    title: "Ready to sell",
    subtitle: "Draft products checked against your rules; the ready ones are published every day at 21:45.",
    publishNow: (ready: number) => `Publish now (${ready} ready)`,
    show: "Show",
    everyDraft: (n: number) => `Every draft (${n})`,
    readyCount: (n: number) => `Ready (${n})`,
    notReadyFilter: (reason: string, n: number) => `Not ready: ${reason} (${n})`,
    product: "Product",
    readiness: "Readiness",
    ready: "Ready",
    notReady: (reasons: string) => `not ready: ${reasons}`,
    noDraft: "No draft product here.",
    rules: "Rules",
    publishTo: "Publish to",
    saveRules: "Save rules",
    saved: "Readiness rules saved.",
    publishing: "Publishing the ready products now: follow it in Syncs.",
  },
  fr: {
    title: "Prêt à vendre",
    subtitle: "Produits en brouillon vérifiés selon vos règles ; ceux qui sont prêts sont publiés chaque jour à 21:45.",
    publishNow: (ready: number) => `Publier maintenant (${ready} prêt${ready > 1 ? "s" : ""})`,
    show: "Afficher",
    everyDraft: (n: number) => `Tous les brouillons (${n})`,
    readyCount: (n: number) => `Prêts (${n})`,
    notReadyFilter: (reason: string, n: number) => `Pas prêts : ${reason} (${n})`,
    product: "Produit",
    readiness: "État",
    ready: "Prêt",
    notReady: (reasons: string) => `pas prêt : ${reasons}`,
    noDraft: "Aucun produit en brouillon ici.",
    rules: "Règles",
    publishTo: "Publier sur",
    saveRules: "Enregistrer les règles",
    saved: "Règles enregistrées.",
    publishing: "Publication des produits prêts en cours : suivez-la dans Synchronisations.",
  },
});

type Answer = { intent: string; ok: boolean; message: string; fieldErrors: Record<string, string>; jobId?: string };

export const action = async ({ request }: ActionFunctionArgs): Promise<Answer> => {
  const { session } = await authenticate.admin(request);
  const form = await request.formData();
  const intent = String(form.get("intent") ?? "");
  const t = WORDS[localeOfRequest(request).locale];
  const result = await formResult(async (): Promise<Omit<Answer, "intent">> => {
    switch (intent) {
      case "rules": {
        const rules = JSON.parse(String(form.get("rules") ?? "{}")) as unknown;
        const publicationIds = JSON.parse(String(form.get("publicationIds") ?? "[]")) as unknown;
        await saveReadinessSettings(session.shop, { rules, publicationIds });
        return { ok: true, message: t.saved, fieldErrors: {} };
      }
      case "publish": {
        const { jobId } = await publishNow(session.shop);
        return { ok: true, message: t.publishing, fieldErrors: {}, jobId };
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
  const t = useWords(WORDS);
  const ruleWords = useWords(RULE_WORDS);
  const save = useFetcher<typeof action>();
  const publish = useFetcher<typeof action>();
  const [on, setOn] = useState(Object.fromEntries(rules.map((r) => [r.key, r.on])));
  const [chosen, setChosen] = useState(channels.filter((c) => c.chosen).map((c) => c.id));
  const banner = (fetcher: typeof save) =>
    fetcher.data ? <Banner tone={fetcher.data.ok ? "success" : "critical"}>{fetcher.data.message}</Banner> : null;
  const filterOptions = [
    { label: t.everyDraft(counts.drafts), value: "" },
    { label: t.readyCount(counts.ready), value: "ready" },
    ...rules.map((r) => ({
      label: t.notReadyFilter(ruleWords[r.key as RuleKey].reason, counts.byReason[r.reason] ?? 0),
      value: r.reason,
    })),
  ];
  return (
    <Page
      title={t.title}
      subtitle={t.subtitle}
      primaryAction={{
        content: t.publishNow(counts.ready),
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
                  label={t.show}
                  options={filterOptions}
                  value={filter ?? ""}
                  onChange={(value) => navigate(value ? `?reason=${encodeURIComponent(value)}` : "?")}
                />
                <DataTable
                  columnContentTypes={["text", "text"]}
                  headings={[t.product, t.readiness]}
                  rows={products.map((p) => [
                    p.title,
                    p.ready ? (
                      <Badge tone="success">{t.ready}</Badge>
                    ) : (
                      t.notReady(p.reasons.map((r) => reasonWords(r, ruleWords)).join(", "))
                    ),
                  ])}
                />
                {products.length === 0 ? <Text as="p">{t.noDraft}</Text> : null}
              </BlockStack>
            </Card>
          </BlockStack>
        </Layout.Section>
        <Layout.Section variant="oneThird">
          <Card>
            <BlockStack gap="300">
              <Text as="h2" variant="headingMd">
                {t.rules}
              </Text>
              {banner(save)}
              {rules.map((rule) => (
                <Checkbox
                  key={rule.key}
                  label={ruleWords[rule.key as RuleKey].label}
                  checked={on[rule.key]}
                  onChange={(checked) => setOn((current) => ({ ...current, [rule.key]: checked }))}
                />
              ))}
              <Text as="h2" variant="headingMd">
                {t.publishTo}
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
                  {t.saveRules}
                </Button>
              </InlineStack>
            </BlockStack>
          </Card>
        </Layout.Section>
      </Layout>
    </Page>
  );
}
