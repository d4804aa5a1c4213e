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
import { ListPager } from "../components/ListPager";
import { SectionCard } from "../components/SectionCard";
import { feedFormAction, feedLogView } from "../event-feed/screen.server";
import { localeOfRequest } from "../i18n/locale";
import { defineWords, useFormat, useWords } from "../i18n/words";
import { formResult } from "../lib/http.server";
import { authenticate } from "../shopify.server";

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { session } = await authenticate.admin(request);
  return feedLogView(session.shop, new URL(request.url).searchParams, localeOfRequest(request).locale);
};

export const action = async ({ request }: ActionFunctionArgs) => {
  const { session } = await authenticate.admin(request);
  const form = Object.fromEntries([...(await request.formData()).entries()].map(([k, v]) => [k, String(v)]));
  return formResult(() => feedFormAction(session.shop, form, localeOfRequest(request).locale));
};

const TONE = { delivered: "success", dead: "critical", pending: "attention", delivering: "info" } as const;
const DELIVERY_STATUSES = ["pending", "delivering", "delivered", "dead"] as const;

const WORDS = defineWords({
  en: {
    title: "Event feed",
    back: "ERP event feed",
    seeRun: "See what it finds",
    endpoints: "Endpoints",
    endpoint: "Endpoint",
    status: "Status",
    backlog: "Backlog",
    oldestPending: "Oldest pending",
    success: "Success (24 h)",
    lastError: "Last error",
    quoted: (text: string) => text,
    endpointStatuses: { enabled: "enabled", paused: "paused", disabled: "disabled" } as Record<string, string>,
    replayFailed: (n: string, name: string) => `Replay ${n} failed of ${name}`,
    reconcile: "Check Shopify for missed events",
    reconcileHelp: "Also done every hour: events no webhook brought are sent, marked reconciled.",
    from: "From",
    to: "To",
    replayRange: "Replay this time range",
    deliveries: "Deliveries",
    allEndpoints: "All endpoints",
    anyStatus: "Any status",
    statuses: { pending: "pending", delivering: "delivering", delivered: "delivered", dead: "dead" } as Record<
      string,
      string
    >,
    topic: "Topic",
    anyTopic: "Any topic",
    resourceId: "Resource id",
    filter: "Filter",
    noDeliveries: "No deliveries.",
    sources: {} as Record<string, string>,
    nextAttempt: (when: string) => ` · next attempt ${when}`,
    /** What a delivery is about, as the feed keys it ("order 123", "product 9"). */
    resource: (key: string) => key,
    replay: "Replay",
    attempt: (n: number, at: string, status: number | null, ms: string, error: string | null, answer: string | null) =>
      `Attempt ${n} at ${at}: ${status ? `HTTP ${status}` : "no answer"} in ${ms} ms${error ? ` — ${error}` : ""}${answer ? ` — “${answer}”` : ""}`,
  },
  fr: {
    title: "Flux d'événements",
    back: "Flux d'événements ERP",
    seeRun: "Voir ce qui est trouvé",
    endpoints: "Points de terminaison",
    endpoint: "Point de terminaison",
    status: "Statut",
    backlog: "En attente",
    oldestPending: "Plus ancien en attente",
    success: "Réussite (24 h)",
    lastError: "Dernière erreur",
    quoted: (text: string) => `« ${text} »`,
    endpointStatuses: { enabled: "actif", paused: "en pause", disabled: "désactivé" } as Record<string, string>,
    replayFailed: (n: string, name: string) => `Renvoyer les ${n} en échec de ${name}`,
    reconcile: "Rechercher les événements manqués dans Shopify",
    reconcileHelp:
      "Fait aussi toutes les heures : les événements qu'aucun webhook n'a apportés sont envoyés, marqués comme rapprochés.",
    from: "Du",
    to: "Au",
    replayRange: "Renvoyer cette période",
    deliveries: "Livraisons",
    allEndpoints: "Tous les points de terminaison",
    anyStatus: "Tous les statuts",
    statuses: { pending: "en attente", delivering: "en cours", delivered: "livrée", dead: "en échec" } as Record<
      string,
      string
    >,
    topic: "Sujet",
    anyTopic: "Tous les sujets",
    resourceId: "Identifiant de la ressource",
    filter: "Filtrer",
    noDeliveries: "Aucune livraison.",
    sources: { reconciled: "rapprochée", replay: "renvoyée", test: "test" } as Record<string, string>,
    nextAttempt: (when: string) => ` · prochaine tentative le ${when}`,
    resource: (key: string) => key.replace(/^order /, "commande ").replace(/^product /, "produit "),
    replay: "Renvoyer",
    attempt: (n: number, at: string, status: number | null, ms: string, error: string | null, answer: string | null) =>
      `Tentative ${n} le ${at} : ${status ? `HTTP ${status}` : "aucune réponse"} en ${ms} ms${error ? ` — « ${error} »` : ""}${answer ? ` — « ${answer} »` : ""}`,
  },
});

export default function EventFeed() {
  const { timeZone, endpoints, deliveries, pageSize, filterProblem } = useLoaderData<typeof loader>();
  const t = useWords(WORDS);
  const format = useFormat();
  const result = useActionData<typeof action>();
  const [params] = useSearchParams();
  const [resource, setResource] = useState(params.get("resource") ?? "");
  const [from, setFrom] = useState("");
  const [to, setTo] = useState("");
  return (
    <Page title={t.title} backAction={{ content: t.back, url: "/app/settings/event-feed" }}>
      <Layout>
        <Layout.Section>
          <BlockStack gap="400">
            {result ? (
              <Banner
                tone={result.ok ? "success" : "critical"}
                title={result.message}
                action={"runUrl" in result && result.runUrl ? { content: t.seeRun, url: result.runUrl } : undefined}
              />
            ) : null}
            {filterProblem ? <Banner tone="warning" title={filterProblem} /> : null}
            <SectionCard title={t.endpoints}>
              <DataTable
                columnContentTypes={["text", "text", "numeric", "text", "text", "text"]}
                headings={[t.endpoint, t.status, t.backlog, t.oldestPending, t.success, t.lastError]}
                rows={endpoints.map((e) => [
                  e.name,
                  t.endpointStatuses[e.status] ?? e.status,
                  format.number(e.health.backlog),
                  e.health.oldestPendingAt ? format.dateTime(e.health.oldestPendingAt, timeZone) : "—",
                  e.health.successRate === null ? "—" : format.percent(e.health.successRate),
                  e.health.lastError ? t.quoted(e.health.lastError) : "—",
                ])}
              />
              <InlineStack gap="200">
                {endpoints.map((e) => (
                  <Form method="post" key={e.id}>
                    <input type="hidden" name="intent" value="replay-failed" />
                    <input type="hidden" name="endpointId" value={e.id} />
                    <Button submit disabled={e.health.deadLettered === 0}>
                      {t.replayFailed(format.number(e.health.deadLettered), e.name)}
                    </Button>
                  </Form>
                ))}
              </InlineStack>
              <Form method="post">
                <input type="hidden" name="intent" value="reconcile" />
                <InlineStack gap="200" blockAlign="center">
                  <Button submit>{t.reconcile}</Button>
                  <Text as="span" tone="subdued">
                    {t.reconcileHelp}
                  </Text>
                </InlineStack>
              </Form>
              <Form method="post">
                <input type="hidden" name="intent" value="replay-range" />
                <InlineStack gap="200" blockAlign="end">
                  <TextField
                    label={t.from}
                    name="from"
                    type="datetime-local"
                    value={from}
                    onChange={setFrom}
                    autoComplete="off"
                  />
                  <TextField
                    label={t.to}
                    name="to"
                    type="datetime-local"
                    value={to}
                    onChange={setTo}
                    autoComplete="off"
                  />
                  <Button submit>{t.replayRange}</Button>
                </InlineStack>
              </Form>
            </SectionCard>
            <SectionCard title={t.deliveries}>
              <Form method="get">
                <InlineStack gap="200" blockAlign="end">
                  <select name="endpoint" defaultValue={params.get("endpoint") ?? ""} aria-label={t.endpoint}>
                    <option value="">{t.allEndpoints}</option>
                    {endpoints.map((e) => (
                      <option key={e.id} value={e.id}>
                        {e.name}
                      </option>
                    ))}
                  </select>
                  <select name="status" defaultValue={params.get("status") ?? ""} aria-label={t.status}>
                    <option value="">{t.anyStatus}</option>
                    {DELIVERY_STATUSES.map((s) => (
                      <option key={s} value={s}>
                        {t.statuses[s]}
                      </option>
                    ))}
                  </select>
                  <select name="topic" defaultValue={params.get("topic") ?? ""} aria-label={t.topic}>
                    <option value="">{t.anyTopic}</option>
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
                    label={t.resourceId}
                    name="resource"
                    value={resource}
                    onChange={setResource}
                    autoComplete="off"
                  />
                  <Button submit>{t.filter}</Button>
                </InlineStack>
              </Form>
              {deliveries.items.length === 0 ? <Text as="p">{t.noDeliveries}</Text> : null}
              {deliveries.items.map((d) => (
                <BlockStack key={d.id} gap="100">
                  <InlineStack gap="200" blockAlign="center">
                    <Badge tone={TONE[d.status as keyof typeof TONE]}>{t.statuses[d.status] ?? d.status}</Badge>
                    <Text as="span" fontWeight="semibold">
                      {d.topic} · {t.resource(d.resource)} → {d.endpointName}
                    </Text>
                    <Text as="span" tone="subdued">
                      {format.dateTime(d.createdAt, timeZone)}
                      {d.source !== "webhook" ? ` · ${t.sources[d.source] ?? d.source}` : ""}
                      {d.nextAttemptAt ? t.nextAttempt(format.dateTime(d.nextAttemptAt, timeZone)) : ""}
                    </Text>
                    <Form method="post">
                      <input type="hidden" name="intent" value="replay-one" />
                      <input type="hidden" name="deliveryId" value={d.id} />
                      <Button submit size="slim">
                        {t.replay}
                      </Button>
                    </Form>
                  </InlineStack>
                  {d.tries.map((a, i) => (
                    <Text as="p" key={i} tone={a.outcome === "delivered" ? undefined : "critical"}>
                      {t.attempt(
                        i + 1,
                        format.dateTime(a.at, timeZone),
                        a.httpStatus,
                        format.number(a.ms),
                        a.error,
                        a.answer ? a.answer.slice(0, 120) : null,
                      )}
                    </Text>
                  ))}
                </BlockStack>
              ))}
              <ListPager page={deliveries} shown={deliveries.items.length} pageSize={pageSize} />
            </SectionCard>
          </BlockStack>
        </Layout.Section>
      </Layout>
    </Page>
  );
}
