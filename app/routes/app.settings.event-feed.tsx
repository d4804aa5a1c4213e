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
import { localeOfRequest } from "../i18n/locale";
import { defineWords, useFormat, useWords } from "../i18n/words";
import { formResult } from "../lib/http.server";
import { authenticate } from "../shopify.server";

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { session } = await authenticate.admin(request);
  return feedSettingsView(session.shop, localeOfRequest(request).locale);
};

export const action = async ({ request }: ActionFunctionArgs) => {
  const { session } = await authenticate.admin(request);
  const form = Object.fromEntries([...(await request.formData()).entries()].map(([k, v]) => [k, String(v)]));
  return formResult(() => feedFormAction(session.shop, form, localeOfRequest(request).locale));
};

const STATUS_TONE = { enabled: "success", paused: "attention", disabled: "critical" } as const;

const WORDS = defineWords({
  en: {
    title: "ERP event feed",
    settings: "Settings",
    deliveries: "Event feed (deliveries)",
    answer: "Answer:",
    endpoints: "Endpoints",
    noEndpoint: "No endpoint yet: add the address your ERP gave you below.",
    statuses: { enabled: "enabled", paused: "paused", disabled: "disabled" },
    headers: (names: string) => ` · headers: ${names}`,
    backlog: "Backlog",
    oldest: (when: string) => ` (oldest ${when})`,
    successRate: "success rate",
    failed: "failed",
    sendTest: "Send test event",
    pause: "Pause",
    resume: "Resume",
    rotate: "Rotate secret",
    remove: "Remove",
    addEndpoint: "Add an endpoint",
    groups: { "Orders and fulfillments": "Orders and fulfillments", Products: "Products" } as Record<string, string>,
    defaultName: (group: string) => `ERP ${group.toLowerCase()}`,
    name: "Name",
    address: "Address (HTTPS)",
    customHeaders: "Custom headers",
    headersHelp: "One per line, e.g. X-Api-Key: … — stored encrypted, never shown again.",
    add: "Add endpoint",
  },
  fr: {
    title: "Flux d'événements ERP",
    settings: "Paramètres",
    deliveries: "Flux d'événements (livraisons)",
    answer: "Réponse :",
    endpoints: "Points de terminaison",
    noEndpoint: "Aucun point de terminaison pour l'instant : ajoutez ci-dessous l'adresse que votre ERP vous a donnée.",
    statuses: { enabled: "actif", paused: "en pause", disabled: "désactivé" },
    headers: (names: string) => ` · en-têtes : ${names}`,
    backlog: "En attente",
    oldest: (when: string) => ` (le plus ancien : ${when})`,
    successRate: "taux de réussite",
    failed: "en échec",
    sendTest: "Envoyer un événement de test",
    pause: "Mettre en pause",
    resume: "Reprendre",
    rotate: "Renouveler le secret",
    remove: "Supprimer",
    addEndpoint: "Ajouter un point de terminaison",
    groups: { "Orders and fulfillments": "Commandes et expéditions", Products: "Produits" } as Record<string, string>,
    defaultName: (group: string) => `ERP ${group.toLowerCase()}`,
    name: "Nom",
    address: "Adresse (HTTPS)",
    customHeaders: "En-têtes personnalisés",
    headersHelp: "Un par ligne, par exemple X-Api-Key: … — stocké chiffré, jamais réaffiché.",
    add: "Ajouter le point de terminaison",
  },
});

export default function EventFeedSettings() {
  const { timeZone, endpoints, topics, groups } = useLoaderData<typeof loader>();
  const t = useWords(WORDS);
  const format = useFormat();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state !== "idle";
  const errors = result && !result.ok ? result.fieldErrors : {};
  return (
    <Page
      title={t.title}
      backAction={{ content: t.settings, url: "/app/settings" }}
      secondaryActions={[{ content: t.deliveries, url: "/app/event-feed" }]}
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
                    {t.answer} <code data-testid="test-answer">{result.answer}</code>
                  </Text>
                ) : null}
              </Banner>
            ) : null}
            <SectionCard title={t.endpoints}>
              {endpoints.length === 0 ? (
                <Text as="p" tone="subdued">
                  {t.noEndpoint}
                </Text>
              ) : null}
              {endpoints.map((e) => (
                <Box key={e.id} padding="300" borderWidth="025" borderColor="border" borderRadius="200">
                  <BlockStack gap="200">
                    <InlineStack gap="200" blockAlign="center">
                      <Text as="h3" variant="headingSm">
                        {e.name}
                      </Text>
                      <Badge tone={STATUS_TONE[e.status]}>{t.statuses[e.status]}</Badge>
                    </InlineStack>
                    <Text as="p" tone="subdued">
                      {e.url} · {e.topics.join(", ")}
                      {e.headerNames.length > 0 ? t.headers(e.headerNames.join(", ")) : ""}
                    </Text>
                    {e.statusReason ? <Banner tone="warning" title={e.statusReason} /> : null}
                    <Text as="p">
                      {t.backlog} {format.number(e.health.backlog)}
                      {e.health.oldestPendingAt
                        ? t.oldest(format.dateTime(e.health.oldestPendingAt, timeZone))
                        : ""} · {t.successRate}{" "}
                      {e.health.successRate === null ? "—" : format.percent(e.health.successRate)} · {t.failed}{" "}
                      {format.number(e.health.deadLettered)}
                    </Text>
                    <InlineStack gap="200">
                      <Intent endpointId={e.id} intent="test" label={t.sendTest} busy={busy} primary />
                      <Intent
                        endpointId={e.id}
                        intent={e.status === "enabled" ? "pause" : "resume"}
                        label={e.status === "enabled" ? t.pause : t.resume}
                        busy={busy}
                      />
                      <Intent endpointId={e.id} intent="rotate" label={t.rotate} busy={busy} />
                      <Intent endpointId={e.id} intent="delete" label={t.remove} busy={busy} />
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
  const t = useWords(WORDS);
  const [name, setName] = useState("");
  const [url, setUrl] = useState("");
  const [headers, setHeaders] = useState("");
  const [chosen, setChosen] = useState<string[]>(props.groups[0]?.topics ?? []);
  return (
    <SectionCard title={t.addEndpoint}>
      <Form method="post">
        <input type="hidden" name="intent" value="add" />
        <FormLayout>
          <InlineStack gap="200">
            {props.groups.map((g) => (
              <Button
                key={g.name}
                onClick={() => {
                  setChosen(g.topics);
                  if (!name) setName(t.defaultName(t.groups[g.name] ?? g.name));
                }}
              >
                {t.groups[g.name] ?? g.name}
              </Button>
            ))}
          </InlineStack>
          <TextField
            label={t.name}
            name="name"
            value={name}
            onChange={setName}
            autoComplete="off"
            error={props.errors.name}
          />
          <TextField
            label={t.address}
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
            label={t.customHeaders}
            name="headers"
            value={headers}
            onChange={setHeaders}
            multiline={3}
            autoComplete="off"
            helpText={t.headersHelp}
            error={props.errors.headers}
          />
          <Button submit variant="primary" loading={props.busy}>
            {t.add}
          </Button>
        </FormLayout>
      </Form>
    </SectionCard>
  );
}
