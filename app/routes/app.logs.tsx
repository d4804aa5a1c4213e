import type { LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData, useSearchParams } from "@remix-run/react";
import { Badge, DataTable, Layout, Link, Page, Select, Text } from "@shopify/polaris";
import { APP_EVENT_KINDS, APP_EVENT_KIND_WORDS } from "../alerts/app-event-kinds";
import { listAppEvents } from "../alerts/app-events.server";
import { localeOfRequest } from "../i18n/locale";
import { defineWords, useFormat, useWords } from "../i18n/words";
import { pageRequestFrom } from "../lib/keyset.server";
import { shopTimeZone } from "../shops/time-zone.server";
import { authenticate } from "../shopify.server";
import { privacyRequests, receivedWebhooks } from "../webhooks/log.server";
import {
  PRIVACY_REQUESTS_PER_PAGE,
  WEBHOOK_STATUSES,
  WEBHOOKS_PER_PAGE,
  webhookStatusFilter,
} from "../webhooks/log-lists";
import { firstPage, ListPager } from "../components/ListPager";
import { SectionCard } from "../components/SectionCard";
import { WebhookStatusBadge } from "../components/WebhookStatusBadge";

const WORDS = defineWords({
  en: {
    title: "Logs",
    appEvents: "App events",
    kind: "Kind",
    allKinds: "All kinds",
    noAppEvent: "No app event yet.",
    when: "When",
    whatHappened: "What happened",
    webhooks: "Webhooks received",
    noWebhook: "No webhook received yet.",
    result: "Result",
    statuses: { all: "All", processed: "Processed", failed: "Failed", received: "Waiting", processing: "In progress" },
    topic: "Topic",
    received: "Received",
    deliveryId: "Delivery id",
    privacy: "Privacy requests",
    noPrivacy: "No customer data request or erasure received.",
    request: "Request",
    customer: "Customer",
  },
  fr: {
    title: "Journaux",
    appEvents: "Événements de l'app",
    kind: "Type",
    allKinds: "Tous les types",
    noAppEvent: "Aucun événement pour l'instant.",
    when: "Quand",
    whatHappened: "Ce qui s'est passé",
    webhooks: "Webhooks reçus",
    noWebhook: "Aucun webhook reçu pour l'instant.",
    result: "Résultat",
    statuses: { all: "Tous", processed: "Traités", failed: "En échec", received: "En attente", processing: "En cours" },
    topic: "Sujet",
    received: "Reçu le",
    deliveryId: "Identifiant de livraison",
    privacy: "Demandes de confidentialité",
    noPrivacy: "Aucune demande d'accès ou d'effacement de données client reçue.",
    request: "Demande",
    customer: "Client",
  },
});

const EVENTS_PER_PAGE = 25;

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { session } = await authenticate.admin(request);
  const params = new URL(request.url).searchParams;
  const kind = params.get("kind") ?? "all";
  const status = webhookStatusFilter(params.get("status"));
  const { locale } = localeOfRequest(request);
  // Stored texts (events, why a webhook failed) are said again in the admin's language (app/i18n/stored-words.ts).
  const [timeZone, appEvents, webhooks, privacy] = await Promise.all([
    shopTimeZone(session.shop),
    listAppEvents(session.shop, { kind, ...pageRequestFrom(params), limit: EVENTS_PER_PAGE }, undefined, locale),
    receivedWebhooks(session.shop, status, pageRequestFrom(params, "w"), locale),
    privacyRequests(session.shop, pageRequestFrom(params, "p")),
  ]);
  return { timeZone, kind, appEvents, status, webhooks, privacy };
};

export default function Logs() {
  const { timeZone, kind, appEvents, status, webhooks, privacy } = useLoaderData<typeof loader>();
  const [, setSearchParams] = useSearchParams();
  const t = useWords(WORDS);
  const kindLabels = useWords(APP_EVENT_KIND_WORDS);
  const format = useFormat();
  return (
    <Page title={t.title}>
      <Layout>
        <Layout.Section>
          <SectionCard title={t.appEvents}>
            <Select
              label={t.kind}
              options={[
                { label: t.allKinds, value: "all" },
                ...APP_EVENT_KINDS.map((k) => ({ label: kindLabels[k], value: k })),
              ]}
              value={kind}
              onChange={(value) =>
                setSearchParams((params) => {
                  const p = firstPage(params);
                  if (value === "all") p.delete("kind");
                  else p.set("kind", value);
                  return p;
                })
              }
            />
            {appEvents.total === 0 ? (
              <Text as="p" tone="subdued">
                {t.noAppEvent}
              </Text>
            ) : (
              <DataTable
                columnContentTypes={["text", "text", "text"]}
                headings={[t.when, t.kind, t.whatHappened]}
                rows={appEvents.items.map((e) => [
                  format.dateTime(e.createdAt, timeZone),
                  <Badge key={e.id} tone={e.kind === "run-failed" ? "critical" : undefined}>
                    {kindLabels[e.kind]}
                  </Badge>,
                  e.link ? <Link url={e.link}>{e.message}</Link> : e.message,
                ])}
              />
            )}
            <ListPager page={appEvents} shown={appEvents.items.length} pageSize={EVENTS_PER_PAGE} />
          </SectionCard>
        </Layout.Section>
        <Layout.Section>
          <SectionCard title={t.webhooks}>
            <Select
              label={t.result}
              options={WEBHOOK_STATUSES.map((s) => ({ label: t.statuses[s], value: s }))}
              value={status}
              onChange={(value) =>
                setSearchParams((params) => {
                  const p = firstPage(params, "w");
                  if (value === "all") p.delete("status");
                  else p.set("status", value);
                  return p;
                })
              }
            />
            {webhooks.total === 0 ? (
              <Text as="p" tone="subdued">
                {t.noWebhook}
              </Text>
            ) : (
              <DataTable
                columnContentTypes={["text", "text", "text", "text"]}
                headings={[t.topic, t.received, t.result, t.deliveryId]}
                rows={webhooks.items.map((d) => [
                  d.topic,
                  format.dateTime(d.receivedAt, timeZone),
                  <WebhookStatusBadge key={d.id} status={d.status} error={d.error} errorInWords={d.errorInWords} />,
                  d.id,
                ])}
              />
            )}
            <ListPager page={webhooks} shown={webhooks.items.length} pageSize={WEBHOOKS_PER_PAGE} prefix="w" />
          </SectionCard>
        </Layout.Section>
        <Layout.Section>
          <SectionCard title={t.privacy}>
            {privacy.total === 0 ? (
              <Text as="p" tone="subdued">
                {t.noPrivacy}
              </Text>
            ) : (
              <DataTable
                columnContentTypes={["text", "text", "text"]}
                headings={[t.request, t.received, t.customer]}
                rows={privacy.items.map((r) => [
                  r.topic,
                  format.dateTime(r.receivedAt, timeZone),
                  r.email ?? r.customerId ?? "—",
                ])}
              />
            )}
            <ListPager page={privacy} shown={privacy.items.length} pageSize={PRIVACY_REQUESTS_PER_PAGE} prefix="p" />
          </SectionCard>
        </Layout.Section>
      </Layout>
    </Page>
  );
}
