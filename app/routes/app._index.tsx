import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import {
  Banner,
  BlockStack,
  Button,
  Card,
  DataTable,
  Icon,
  InlineStack,
  ProgressBar,
  InlineGrid,
  Layout,
  Link,
  List,
  Page,
  Text,
} from "@shopify/polaris";
import { TitleBar } from "@shopify/app-bridge-react";
import { CheckCircleIcon } from "@shopify/polaris-icons";
import { loadDashboard } from "../dashboard/dashboard.server";
import { dismissSetupChecklist } from "../dashboard/checklist.server";
import { unknownIntent } from "../lib/http.server";
import { authenticate } from "../shopify.server";
import { SectionCard } from "../components/SectionCard";
import { WebhookStatusBadge } from "../components/WebhookStatusBadge";
import { ConnectionBadge } from "../components/ConnectionBadge";
import { JobStatusBadge } from "../components/JobStatusBadge";
import { defineWords, useFormat, useWords } from "../i18n/words";
import { localeOfRequest } from "../i18n/locale";

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { session } = await authenticate.admin(request);
  return loadDashboard(session, localeOfRequest(request).locale);
};

export const action = async ({ request }: ActionFunctionArgs) => {
  const { session } = await authenticate.admin(request);
  const form = await request.formData();
  if (form.get("intent") !== "dismiss-checklist") return unknownIntent();
  await dismissSetupChecklist(session.shop);
  return { ok: true as const };
};

// The kinds connectors declare (app/connectors/*/connector.server.ts), in French.
const KINDS_FR: Record<string, string> = {
  "ERP / POS": "ERP / caisse",
  "CRM / warehouse": "CRM / entrepôt",
  "Photo folder": "Dossier de photos",
  "Your store": "Votre boutique",
};

const WORDS = defineWords({
  en: {
    title: "Dashboard",
    setUpPasserelle: "Set up Passerelle",
    dismiss: "Dismiss",
    stepsDone: (done: string, total: string) => `${done} of ${total} steps done`,
    done: "Done",
    setUpToSync: (what: string) => `Set up ${what} to start syncing`,
    setUp: (what: string) => `Set up ${what}`,
    waitingSyncs: (what: string, syncs: string) =>
      `These syncs wait until ${what} is set up (they are not failing): ${syncs}.`,
    feedGone: (name: string) => `Event feed: “${name}” said it no longer wants events`,
    feedPaused: (name: string) => `Event feed: “${name}” was paused because it kept failing`,
    openFeed: "Open Event feed",
    feedWaiting: (n: number, count: string) =>
      `${count} event${n === 1 ? "" : "s"} wait for it; nothing is dropped. Resume it on the Event feed screen once the ERP answers again.`,
    failures: (n: number, count: string) => `${count} sync run${n > 1 ? "s" : ""} failed in the last 24 hours`,
    failed: "failed",
    plan: (plan: string | null) => `Plan: ${plan ?? "unknown"}`,
    timeZone: (zone: string) => `Time zone: ${zone}`,
    connections: "Connections",
    noConnection: "No back-office system connected yet",
    noConnectionHelp: "Connect Fastmag or another system to start syncing stock, prices and orders.",
    openSettings: "Open settings",
    system: "System",
    kind: "Kind",
    state: "State",
    lastCheck: "Last check",
    never: "never",
    kinds: {} as Record<string, string | undefined>,
    latestRuns: "Latest sync runs",
    noRunBefore: "No sync has run yet. Start one from ",
    syncs: "Syncs",
    noRunAfter: ".",
    sync: "Sync",
    status: "Status",
    when: "When",
    result: "Result",
    counters: (changed: string, skipped: string) => `${changed} changed, ${skipped} skipped`,
    latestEvents: "Latest events from Shopify",
    noWebhook: "No webhook received yet.",
    topic: "Topic",
    received: "Received",
    colon: ": ",
  },
  fr: {
    title: "Tableau de bord",
    setUpPasserelle: "Configurer Passerelle",
    dismiss: "Masquer",
    stepsDone: (done: string, total: string) => `${done} étape(s) sur ${total} terminée(s)`,
    done: "Terminé",
    setUpToSync: (what: string) => `Configurez ${what} pour commencer à synchroniser`,
    setUp: (what: string) => `Configurer ${what}`,
    waitingSyncs: (_what: string, syncs: string) =>
      `Ces synchronisations attendent cette configuration (elles ne sont pas en échec) : ${syncs}.`,
    feedGone: (name: string) => `Flux d'événements : « ${name} » a indiqué ne plus vouloir d'événements`,
    feedPaused: (name: string) => `Flux d'événements : « ${name} » a été mis en pause car il échouait sans cesse`,
    openFeed: "Ouvrir le flux d'événements",
    feedWaiting: (n: number, count: string) =>
      `${count} événement${n > 1 ? "s l'attendent" : " l'attend"} ; rien n'est perdu. Reprenez-le sur l'écran Flux d'événements dès que l'ERP répond à nouveau.`,
    failures: (n: number, count: string) =>
      `${count} synchronisation${n > 1 ? "s ont" : " a"} échoué ces dernières 24 heures`,
    failed: "échec",
    plan: (plan: string | null) => `Forfait : ${plan ?? "inconnu"}`,
    timeZone: (zone: string) => `Fuseau horaire : ${zone}`,
    connections: "Connexions",
    noConnection: "Aucun système de gestion connecté pour l'instant",
    noConnectionHelp:
      "Connectez Fastmag ou un autre système pour commencer à synchroniser le stock, les prix et les commandes.",
    openSettings: "Ouvrir les paramètres",
    system: "Système",
    kind: "Type",
    state: "État",
    lastCheck: "Dernière vérification",
    never: "jamais",
    kinds: KINDS_FR,
    latestRuns: "Dernières synchronisations",
    noRunBefore: "Aucune synchronisation n'a encore eu lieu. Lancez-en une depuis ",
    syncs: "Synchronisations",
    noRunAfter: ".",
    sync: "Synchronisation",
    status: "Statut",
    when: "Quand",
    result: "Résultat",
    counters: (changed: string, skipped: string) => `${changed} modifié(s), ${skipped} ignoré(s)`,
    latestEvents: "Derniers événements de Shopify",
    noWebhook: "Aucun webhook reçu pour l'instant.",
    topic: "Sujet",
    received: "Reçu le",
    colon: " : ",
  },
});

export default function Dashboard() {
  const { shop, connectors, checklist, setup, recentWebhooks, latestRuns, failuresLast24h, stoppedFeedEndpoints } =
    useLoaderData<typeof loader>();
  const t = useWords(WORDS);
  const format = useFormat();
  return (
    <Page title={t.title}>
      <TitleBar title="Passerelle" />
      <Layout>
        {checklist.show ? (
          <Layout.Section>
            <Card>
              <BlockStack gap="300">
                <InlineStack align="space-between" blockAlign="center">
                  <Text as="h2" variant="headingMd">
                    {t.setUpPasserelle}
                  </Text>
                  <Form method="post">
                    <input type="hidden" name="intent" value="dismiss-checklist" />
                    <Button submit variant="plain">
                      {t.dismiss}
                    </Button>
                  </Form>
                </InlineStack>
                <Text as="p" tone="subdued">
                  {t.stepsDone(format.number(checklist.done), format.number(checklist.items.length))}
                </Text>
                <ProgressBar progress={(checklist.done / checklist.items.length) * 100} size="small" tone="success" />
                <BlockStack gap="200">
                  {checklist.items.map((item, i) => (
                    <InlineStack key={item.id} align="space-between" blockAlign="center" gap="200" wrap={false}>
                      <InlineStack gap="200" blockAlign="center" wrap={false}>
                        {item.done ? (
                          <Icon source={CheckCircleIcon} tone="success" accessibilityLabel={t.done} />
                        ) : (
                          <Text as="span" tone="subdued">{`${i + 1}.`}</Text>
                        )}
                        <BlockStack gap="050">
                          <Text as="p" fontWeight="semibold" tone={item.done ? "subdued" : undefined}>
                            {item.title}
                          </Text>
                          <Text as="p" tone="subdued">
                            {item.help}
                          </Text>
                        </BlockStack>
                      </InlineStack>
                      {item.done ? null : <Button url={item.url}>{item.action}</Button>}
                    </InlineStack>
                  ))}
                </BlockStack>
              </BlockStack>
            </Card>
          </Layout.Section>
        ) : null}
        {setup.map((step) => (
          <Layout.Section key={step.connector}>
            <Banner
              tone="warning"
              title={t.setUpToSync(step.what)}
              action={{ content: t.setUp(step.what), url: step.url }}
            >
              <Text as="p">{t.waitingSyncs(step.what, step.syncs.join(", "))}</Text>
            </Banner>
          </Layout.Section>
        ))}
        {stoppedFeedEndpoints.map((endpoint) => (
          <Layout.Section key={endpoint.id}>
            <Banner
              tone="critical"
              title={endpoint.why === "gone" ? t.feedGone(endpoint.name) : t.feedPaused(endpoint.name)}
              action={{ content: t.openFeed, url: "/app/event-feed" }}
            >
              <Text as="p">{t.feedWaiting(endpoint.waiting, format.number(endpoint.waiting))}</Text>
            </Banner>
          </Layout.Section>
        ))}
        {failuresLast24h.length > 0 ? (
          <Layout.Section>
            <Banner tone="critical" title={t.failures(failuresLast24h.length, format.number(failuresLast24h.length))}>
              <List>
                {failuresLast24h.map((run) => (
                  <List.Item key={run.id}>
                    <Link url={`/app/runs/${run.id}`}>{run.title}</Link> —{" "}
                    {format.dateTime(run.finishedAt ?? run.createdAt, shop.ianaTimezone)}
                    {t.colon}
                    {run.error?.message ?? t.failed}
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
                <Text as="p">{t.plan(shop.planName)}</Text>
                <Text as="p">
                  {t.timeZone(shop.ianaTimezone)}
                  {shop.currencyCode ? ` · ${shop.currencyCode}` : ""}
                </Text>
              </InlineGrid>
            </BlockStack>
          </Card>
        </Layout.Section>
        <Layout.Section>
          <SectionCard title={t.connections}>
            {connectors.length === 0 ? (
              <BlockStack gap="200" inlineAlign="start">
                <Text as="p" fontWeight="semibold">
                  {t.noConnection}
                </Text>
                <Text as="p" tone="subdued">
                  {t.noConnectionHelp}
                </Text>
                <Button url="/app/settings">{t.openSettings}</Button>
              </BlockStack>
            ) : (
              <DataTable
                columnContentTypes={["text", "text", "text", "text"]}
                headings={[t.system, t.kind, t.state, t.lastCheck]}
                rows={connectors.map((c) => [
                  c.name,
                  t.kinds[c.kind] ?? c.kind,
                  <ConnectionBadge key={c.connector} state={c.state} />,
                  c.lastCheckAt
                    ? `${format.dateTime(c.lastCheckAt, shop.ianaTimezone)} — ${c.lastCheckMessage ?? ""}`
                    : t.never,
                ])}
              />
            )}
          </SectionCard>
        </Layout.Section>
        <Layout.Section>
          <SectionCard title={t.latestRuns}>
            {latestRuns.length === 0 ? (
              <Text as="p" tone="subdued">
                {t.noRunBefore}
                <Link url="/app/syncs">{t.syncs}</Link>
                {t.noRunAfter}
              </Text>
            ) : (
              <DataTable
                columnContentTypes={["text", "text", "text", "text"]}
                headings={[t.sync, t.status, t.when, t.result]}
                rows={latestRuns.map((run) => [
                  <Link key={run.id} url={`/app/runs/${run.id}`}>
                    {run.title}
                  </Link>,
                  <JobStatusBadge key={`${run.id}-status`} status={run.status} withProblems={run.withProblems} />,
                  format.dateTime(run.startedAt ?? run.createdAt, shop.ianaTimezone),
                  run.error
                    ? run.error.message
                    : t.counters(format.number(run.counters.changed), format.number(run.counters.skipped)),
                ])}
              />
            )}
          </SectionCard>
        </Layout.Section>
        <Layout.Section>
          <SectionCard title={t.latestEvents}>
            {recentWebhooks.length === 0 ? (
              <Text as="p" tone="subdued">
                {t.noWebhook}
              </Text>
            ) : (
              <DataTable
                columnContentTypes={["text", "text", "text"]}
                headings={[t.topic, t.received, t.result]}
                rows={recentWebhooks.map((w) => [
                  w.topic,
                  format.dateTime(w.receivedAt, shop.ianaTimezone),
                  <WebhookStatusBadge
                    key={w.webhookId}
                    status={w.status}
                    error={w.error}
                    errorInWords={w.errorInWords}
                  />,
                ])}
              />
            )}
          </SectionCard>
        </Layout.Section>
      </Layout>
    </Page>
  );
}
