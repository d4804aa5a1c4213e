import type { LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData, useSearchParams } from "@remix-run/react";
import { Badge, Button, DataTable, InlineStack, Layout, Link, Page, Select, Text } from "@shopify/polaris";
import { APP_EVENT_KINDS, APP_EVENT_KIND_WORDS } from "../alerts/app-event-kinds";
import { listAppEvents } from "../alerts/app-events.server";
import { localeOfRequest } from "../i18n/locale";
import { defineWords, useFormat, useWords } from "../i18n/words";
import { pageRequestFrom } from "../lib/keyset.server";
import { authenticate } from "../shopify.server";
import { webhookLog } from "../webhooks/log.server";
import { firstPage, ListPager } from "../components/ListPager";
import { SectionCard } from "../components/SectionCard";
import { WebhookStatusBadge } from "../components/WebhookStatusBadge";

const STATUSES = ["all", "processed", "failed", "received", "processing"] as const;

const WORDS = defineWords({
  en: {
    title: "Logs",
    appEvents: "App events",
    kind: "Kind",
    allKinds: "All kinds",
    noAppEvent: "No app event yet.",
    when: "When",
    whatHappened: "What happened",
    newest: "Newest",
    older: "Older",
    newestWebhooks: "Newest webhooks received",
    olderWebhooks: "Older webhooks received",
    webhooks: "Webhooks received",
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
    newest: "Plus récents",
    older: "Plus anciens",
    newestWebhooks: "Webhooks reçus les plus récents",
    olderWebhooks: "Webhooks reçus plus anciens",
    webhooks: "Webhooks reçus",
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
  const [webhooks, appEvents] = await Promise.all([
    webhookLog(session.shop, params.get("status") ?? "all", params.get("webhooksBefore")),
    // Stored events are said again in the admin's language (app/i18n/stored-words.ts).
    listAppEvents(
      session.shop,
      { kind, ...pageRequestFrom(params), limit: EVENTS_PER_PAGE },
      undefined,
      localeOfRequest(request).locale,
    ),
  ]);
  return { ...webhooks, kind, appEvents, webhooksPaged: params.has("webhooksBefore") };
};

export default function Logs() {
  const { timeZone, status, deliveries, olderDeliveries, complianceRequests, kind, appEvents, webhooksPaged } =
    useLoaderData<typeof loader>();
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
              options={STATUSES.map((s) => ({ label: t.statuses[s], value: s }))}
              value={status}
              onChange={(value) =>
                setSearchParams((p) => {
                  p.delete("webhooksBefore");
                  if (value === "all") p.delete("status");
                  else p.set("status", value);
                  return p;
                })
              }
            />
            <DataTable
              columnContentTypes={["text", "text", "text", "text"]}
              headings={[t.topic, t.received, t.result, t.deliveryId]}
              rows={deliveries.map((d) => [
                d.topic,
                format.dateTime(d.receivedAt, timeZone),
                <WebhookStatusBadge key={d.webhookId} status={d.status} error={d.error} />,
                d.webhookId,
              ])}
            />
            {webhooksPaged || olderDeliveries ? (
              <InlineStack gap="300" blockAlign="center">
                {webhooksPaged ? (
                  <Button
                    accessibilityLabel={t.newestWebhooks}
                    onClick={() => setSearchParams((p) => (p.delete("webhooksBefore"), p))}
                  >
                    {t.newest}
                  </Button>
                ) : null}
                {olderDeliveries ? (
                  <Button
                    accessibilityLabel={t.olderWebhooks}
                    onClick={() => setSearchParams((p) => (p.set("webhooksBefore", olderDeliveries), p))}
                  >
                    {t.older}
                  </Button>
                ) : null}
              </InlineStack>
            ) : null}
          </SectionCard>
        </Layout.Section>
        <Layout.Section>
          <SectionCard title={t.privacy}>
            {complianceRequests.length === 0 ? (
              <Text as="p" tone="subdued">
                {t.noPrivacy}
              </Text>
            ) : (
              <DataTable
                columnContentTypes={["text", "text", "text"]}
                headings={[t.request, t.received, t.customer]}
                rows={complianceRequests.map((r) => [
                  r.topic,
                  format.dateTime(r.receivedAt, timeZone),
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
