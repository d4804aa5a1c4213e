import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import {
  Badge,
  Banner,
  BlockStack,
  Button,
  Checkbox,
  Box,
  FormLayout,
  InlineStack,
  Layout,
  Link,
  Page,
  Select,
  Text,
  TextField,
} from "@shopify/polaris";
import { useEffect, useState } from "react";
import { alertsScreen, saveAlertSettings } from "../alerts/settings.server";
import { ListPager } from "../components/ListPager";
import { SectionCard } from "../components/SectionCard";
import { localeOfRequest } from "../i18n/locale";
import { defineWords, useFormat, useWords } from "../i18n/words";
import { formResult, unknownIntent } from "../lib/http.server";
import { pageRequestFrom } from "../lib/keyset.server";
import { authenticate } from "../shopify.server";

const WORDS = defineWords({
  en: {
    title: "Alerts",
    settings: "Settings",
    saved: "Alert settings saved",
    who: "Who hears about failures",
    mailTo: "Mail alerts to",
    mailToHelp: "Addresses separated by commas. Mails go through the SMTP server set on the Mail screen.",
    webhook: "Webhook address (optional)",
    webhookHelp:
      "Each alert is POSTed there as JSON, signed with the secret below (x-passerelle-signature: HMAC-SHA256 of “timestamp.body”).",
    secretSet: "A signing secret is set; it is not shown again.",
    secretMade: "New signing secret: copy it now, it is not shown again.",
    newSecret: "Make a new signing secret",
    alertMeWhen: "Alert me when",
    when: "When",
    immediate: "At once, one message per alert",
    hourly: "Hourly digest",
    daily: "Daily digest",
    quiet: "Quiet period (minutes)",
    quietHelp: "The same alert is not repeated within this time. 0: every time.",
    mailLanguage: "Language of the mails",
    save: "Save",
    latest: "Latest alerts",
    noAlert: "No alert yet.",
    statuses: {
      pending: "Waiting to be sent",
      sending: "Sending",
      sent: "Sent",
      failed: "Not sent",
      quiet: "Not repeated (quiet period)",
      off: "Not sent (not chosen)",
    } as Record<string, string>,
  },
  fr: {
    title: "Alertes",
    settings: "Paramètres",
    saved: "Paramètres d'alerte enregistrés",
    who: "Qui est prévenu des échecs",
    mailTo: "Envoyer les alertes par e-mail à",
    mailToHelp:
      "Adresses séparées par des virgules. Les e-mails passent par le serveur SMTP défini sur l'écran E-mails.",
    webhook: "Adresse du webhook (facultatif)",
    webhookHelp:
      "Chaque alerte y est envoyée en POST au format JSON, signée avec le secret ci-dessous (x-passerelle-signature : HMAC-SHA256 de « timestamp.body »).",
    secretSet: "Un secret de signature est défini ; il n'est plus affiché.",
    secretMade: "Nouveau secret de signature : copiez-le maintenant, il ne sera plus affiché.",
    newSecret: "Créer un nouveau secret de signature",
    alertMeWhen: "M'alerter quand",
    when: "Quand",
    immediate: "Tout de suite, un message par alerte",
    hourly: "Résumé toutes les heures",
    daily: "Résumé quotidien",
    quiet: "Période de silence (minutes)",
    quietHelp: "La même alerte n'est pas répétée pendant ce délai. 0 : à chaque fois.",
    mailLanguage: "Langue des e-mails",
    save: "Enregistrer",
    latest: "Dernières alertes",
    noAlert: "Aucune alerte pour l'instant.",
    statuses: {
      pending: "En attente d'envoi",
      sending: "Envoi en cours",
      sent: "Envoyée",
      failed: "Non envoyée",
      quiet: "Non répétée (période de silence)",
      off: "Non envoyée (non choisie)",
    },
  },
});

const ALERTS_PER_PAGE = 20;

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { session } = await authenticate.admin(request);
  const place = { ...pageRequestFrom(new URL(request.url).searchParams), limit: ALERTS_PER_PAGE };
  return alertsScreen(session.shop, undefined, localeOfRequest(request).locale, place);
};

export const action = async ({ request }: ActionFunctionArgs) => {
  const { session } = await authenticate.admin(request);
  const { locale } = localeOfRequest(request);
  const form = await request.formData();
  if (form.get("intent") !== "save") return unknownIntent();
  return formResult(async () => {
    const saved = await saveAlertSettings(
      session.shop,
      {
        recipients: String(form.get("recipients") ?? ""),
        webhookUrl: String(form.get("webhookUrl") ?? ""),
        events: form.getAll("events").map(String),
        digest: String(form.get("digest") ?? "immediate"),
        quietMinutes: String(form.get("quietMinutes") ?? "0"),
        locale: String(form.get("locale") ?? "fr"),
        rotateWebhookSecret: form.get("rotateWebhookSecret") === "on",
      },
      undefined,
      locale,
    );
    // A secret made by this save is answered this once (the loader never carries it).
    return { ok: true as const, message: WORDS[locale].saved, secret: saved.webhookSecret ?? null };
  });
};

const STATUS_TONES: Record<string, "success" | "critical" | "attention" | "info" | undefined> = {
  pending: "attention",
  sending: "info",
  sent: "success",
  failed: "critical",
};

export default function Alerts() {
  const { settings, kinds, recent, timeZone } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state !== "idle";
  const errors: Record<string, string> = result && !result.ok && "fieldErrors" in result ? result.fieldErrors : {};
  const [recipients, setRecipients] = useState(settings.recipients.join(", "));
  const [webhookUrl, setWebhookUrl] = useState(settings.webhookUrl ?? "");
  const [events, setEvents] = useState<string[]>(settings.events);
  const [digest, setDigest] = useState<string>(settings.digest);
  const [quiet, setQuiet] = useState(String(settings.quietMinutes));
  const [locale, setLocale] = useState<string>(settings.locale);
  const [rotate, setRotate] = useState(false);
  // Once saved, the next save keeps the secret unless asked again.
  useEffect(() => {
    if (result?.ok) setRotate(false);
  }, [result]);
  const t = useWords(WORDS);
  const format = useFormat();
  return (
    <Page title={t.title} backAction={{ content: t.settings, url: "/app/settings" }}>
      <Layout>
        <Layout.Section>
          <BlockStack gap="400">
            {result ? (
              <Banner tone={result.ok ? "success" : "critical"} title={result.message}>
                {"secret" in result && result.secret ? (
                  <BlockStack gap="100">
                    <Text as="p">{t.secretMade}</Text>
                    <Text as="p" fontWeight="bold">
                      <code data-testid="alerts-signing-secret">{result.secret}</code>
                    </Text>
                  </BlockStack>
                ) : null}
              </Banner>
            ) : null}
            <SectionCard title={t.who}>
              <Form method="post">
                <input type="hidden" name="intent" value="save" />
                {events.map((e) => (
                  <input key={e} type="hidden" name="events" value={e} />
                ))}
                <FormLayout>
                  <TextField
                    label={t.mailTo}
                    name="recipients"
                    value={recipients}
                    onChange={setRecipients}
                    autoComplete="off"
                    error={errors.recipients}
                    helpText={t.mailToHelp}
                  />
                  <TextField
                    label={t.webhook}
                    name="webhookUrl"
                    value={webhookUrl}
                    onChange={setWebhookUrl}
                    autoComplete="off"
                    error={errors.webhookUrl}
                    helpText={t.webhookHelp}
                  />
                  {settings.webhookSecretSet ? (
                    <BlockStack gap="100">
                      <Text as="p" tone="subdued">
                        {t.secretSet}
                      </Text>
                      <Checkbox label={t.newSecret} name="rotateWebhookSecret" checked={rotate} onChange={setRotate} />
                    </BlockStack>
                  ) : null}
                  <BlockStack gap="100">
                    <Text as="p" fontWeight="semibold">
                      {t.alertMeWhen}
                    </Text>
                    {kinds.map((k) => (
                      <Checkbox
                        key={k.id}
                        label={k.label}
                        checked={events.includes(k.id)}
                        onChange={(on) => setEvents((list) => (on ? [...list, k.id] : list.filter((x) => x !== k.id)))}
                      />
                    ))}
                    {errors.events ? (
                      <Text as="p" tone="critical">
                        {errors.events}
                      </Text>
                    ) : null}
                  </BlockStack>
                  <FormLayout.Group>
                    <Select
                      label={t.when}
                      name="digest"
                      value={digest}
                      onChange={setDigest}
                      error={errors.digest}
                      options={[
                        { label: t.immediate, value: "immediate" },
                        { label: t.hourly, value: "hourly" },
                        { label: t.daily, value: "daily" },
                      ]}
                    />
                    <TextField
                      label={t.quiet}
                      name="quietMinutes"
                      type="number"
                      value={quiet}
                      onChange={setQuiet}
                      autoComplete="off"
                      error={errors.quietMinutes}
                      helpText={t.quietHelp}
                    />
                    <Select
                      label={t.mailLanguage}
                      name="locale"
                      value={locale}
                      onChange={setLocale}
                      options={[
                        { label: "Français", value: "fr" },
                        { label: "English", value: "en" },
                        { label: "Ελληνικά", value: "el" },
                      ]}
                    />
                  </FormLayout.Group>
                  <Button submit variant="primary" loading={busy}>
                    {t.save}
                  </Button>
                </FormLayout>
              </Form>
            </SectionCard>
            <SectionCard title={t.latest}>
              {recent.total === 0 ? (
                <Text as="p" tone="subdued">
                  {t.noAlert}
                </Text>
              ) : (
                <BlockStack gap="300">
                  {/* One alert a row, its words wrapping: no column runs off the card at any width. */}
                  <BlockStack as="ul" gap="0">
                    {recent.items.map((a, i) => (
                      <Box
                        key={a.id}
                        as="li"
                        paddingBlock="200"
                        borderBlockStartWidth={i === 0 ? undefined : "025"}
                        borderColor="border"
                      >
                        <InlineStack align="space-between" blockAlign="start" gap="200" wrap={false}>
                          <BlockStack gap="100">
                            <Text as="span" variant="bodyMd" fontWeight="semibold" breakWord>
                              {a.link ? <Link url={a.link}>{a.title}</Link> : a.title}
                            </Text>
                            <Text as="p" variant="bodyMd" breakWord>
                              {a.detail}
                            </Text>
                            <Text as="span" variant="bodySm" tone="subdued">
                              {format.dateTime(a.createdAt, timeZone)}
                            </Text>
                          </BlockStack>
                          <Box minWidth="fit-content">
                            <Badge tone={STATUS_TONES[a.status]}>{t.statuses[a.status] ?? a.status}</Badge>
                          </Box>
                        </InlineStack>
                      </Box>
                    ))}
                  </BlockStack>
                  <ListPager page={recent} shown={recent.items.length} pageSize={ALERTS_PER_PAGE} />
                </BlockStack>
              )}
            </SectionCard>
          </BlockStack>
        </Layout.Section>
      </Layout>
    </Page>
  );
}
