import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { useFetcher, useLoaderData } from "@remix-run/react";
import {
  Banner,
  BlockStack,
  Box,
  Button,
  Card,
  DataTable,
  InlineStack,
  Layout,
  Link,
  Page,
  Text,
  TextField,
} from "@shopify/polaris";
import { useState } from "react";
import { createApiToken, listApiTokens, revokeApiToken } from "../api/tokens.server";
import { ConnectionBadge } from "../components/ConnectionBadge";
import { defineWords, useFormat, useWords } from "../i18n/words";
import { localeOfRequest } from "../i18n/locale";
import { formResult, unknownIntent } from "../lib/http.server";
import { connectionsScreen, routingScreen } from "../settings/connections.server";
import { shopTimeZone } from "../shops/time-zone.server";
import { authenticate } from "../shopify.server";

const WORDS = defineWords({
  en: {
    title: "Settings",
    connections: "Back-office connections",
    headings: ["System", "Kind", "State", "Last check"],
    // The registry's kinds of system, by their English name.
    kinds: {
      "ERP / POS": "ERP / POS",
      "CRM / warehouse": "CRM / warehouse",
      "Photo folder": "Photo folder",
      Marketplace: "Marketplace",
      ERP: "ERP",
      "Your store": "Your store",
    } as Record<string, string>,
    // The registry's names that are words, not product names.
    names: {} as Record<string, string>,
    whereDataGoes: "Where your data goes",
    chooseWhere: "Choose where data goes",
    orders: "Orders and carriers",
    ordersText:
      "Whether customers are notified of shipments, and the carrier accounts (Chronopost, TNT) used to follow parcels to delivery.",
    openOrders: "Open order settings",
    eventFeed: "ERP event feed",
    eventFeedText:
      "Shopify's order, fulfillment and product events sent to your ERP as signed JSON, retried and replayable.",
    openEventFeed: "Open ERP event feed",
    pos: "Point of sale",
    posText: "Your shops' tills: their stock kept in step with Shopify, online sales recorded in them.",
    openPos: "Open point of sale",
    api: "API access",
    apiText:
      "Your ERP or scripts can start syncs and read their state over HTTP (POST /api/sync/<sync>, GET /api/jobs/<id>) with an API token sent as",
    copyToken: "Copy this token now: it will not be shown again.",
    tokenName: "Token name",
    tokenPlaceholder: "e.g. Fastmag scripts",
    tokenNameError: "Give the token a name (80 characters at most).",
    createToken: "Create token",
    tokenHeadings: ["Name", "Ends with", "Last used", ""],
    never: "never",
    revoke: "Revoke",
  },
  fr: {
    title: "Paramètres",
    connections: "Connexions aux logiciels de gestion",
    headings: ["Système", "Type", "État", "Dernière vérification"],
    kinds: {
      "ERP / POS": "ERP / caisse",
      "CRM / warehouse": "CRM / entrepôt",
      "Photo folder": "Dossier de photos",
      Marketplace: "Place de marché",
      ERP: "ERP",
      "Your store": "Votre boutique",
    } as Record<string, string>,
    names: { "SFTP photos": "Photos SFTP" } as Record<string, string>,
    whereDataGoes: "Où vont vos données",
    chooseWhere: "Choisir où vont les données",
    orders: "Commandes et transporteurs",
    ordersText:
      "Si les clients sont prévenus des expéditions, et les comptes transporteurs (Chronopost, TNT) utilisés pour suivre les colis jusqu'à la livraison.",
    openOrders: "Ouvrir les paramètres des commandes",
    eventFeed: "Flux d'événements vers l'ERP",
    eventFeedText:
      "Les événements de commandes, d'expéditions et de produits de Shopify envoyés à votre ERP en JSON signé, relancés et rejouables.",
    openEventFeed: "Ouvrir le flux d'événements",
    pos: "Point de vente",
    posText:
      "Les caisses de vos boutiques : leur stock tenu à jour avec Shopify, les ventes en ligne enregistrées dans celles-ci.",
    openPos: "Ouvrir le point de vente",
    api: "Accès à l'API",
    apiText:
      "Votre ERP ou vos scripts peuvent lancer des synchronisations et lire leur état en HTTP (POST /api/sync/<sync>, GET /api/jobs/<id>) avec un jeton d'API envoyé dans l'en-tête",
    copyToken: "Copiez ce jeton maintenant : il ne sera plus affiché.",
    tokenName: "Nom du jeton",
    tokenPlaceholder: "ex. Scripts Fastmag",
    tokenNameError: "Donnez un nom au jeton (80 caractères au plus).",
    createToken: "Créer le jeton",
    tokenHeadings: ["Nom", "Se termine par", "Dernière utilisation", ""],
    never: "jamais",
    revoke: "Révoquer",
  },
});

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { session } = await authenticate.admin(request);
  const [connectors, routing, apiTokens, timeZone] = await Promise.all([
    connectionsScreen(session.shop, localeOfRequest(request).locale),
    routingScreen(session.shop, localeOfRequest(request).locale),
    listApiTokens(session.shop),
    shopTimeZone(session.shop),
  ]);
  return { connectors, routing, apiTokens, timeZone };
};

export const action = async ({ request }: ActionFunctionArgs) => {
  const { session } = await authenticate.admin(request);
  const form = await request.formData();
  if (form.get("intent") === "create-token")
    return formResult(async () => {
      const { token } = await createApiToken(session.shop, String(form.get("name") ?? ""));
      return { ok: true as const, token };
    });
  if (form.get("intent") === "revoke-token")
    return formResult(async () => {
      await revokeApiToken(session.shop, String(form.get("id") ?? ""));
      return { ok: true as const, token: null };
    });
  return unknownIntent();
};

export default function Settings() {
  const { connectors, routing, apiTokens, timeZone } = useLoaderData<typeof loader>();
  const t = useWords(WORDS);
  return (
    <Page title={t.title}>
      <Layout>
        <Layout.Section>
          <Card>
            <BlockStack gap="300">
              <Text as="h2" variant="headingMd">
                {t.connections}
              </Text>
              <DataTable
                columnContentTypes={["text", "text", "text", "text"]}
                headings={t.headings}
                rows={connectors.map((c) => [
                  <Link key={`${c.id}-name`} url={c.settingsUrl}>
                    {t.names[c.name] ?? c.name}
                  </Link>,
                  t.kinds[c.kind] ?? c.kind,
                  <ConnectionBadge key={c.id} state={c.state} />,
                  c.lastCheckMessage ?? "—",
                ])}
              />
            </BlockStack>
          </Card>
        </Layout.Section>
        <Layout.Section>
          <Card>
            <BlockStack gap="200">
              <Text as="h2" variant="headingMd">
                {t.whereDataGoes}
              </Text>
              {routing.map((sentence) => (
                <Text as="p" key={sentence}>
                  {sentence}
                </Text>
              ))}
              <InlineStack>
                <Button url="/app/settings/routing">{t.chooseWhere}</Button>
              </InlineStack>
            </BlockStack>
          </Card>
        </Layout.Section>
        <Layout.Section>
          <Card>
            <BlockStack gap="200">
              <Text as="h2" variant="headingMd">
                {t.orders}
              </Text>
              <Text as="p" tone="subdued">
                {t.ordersText}
              </Text>
              <InlineStack>
                <Button url="/app/settings/orders">{t.openOrders}</Button>
              </InlineStack>
            </BlockStack>
          </Card>
        </Layout.Section>
        <Layout.Section>
          <Card>
            <BlockStack gap="200">
              <Text as="h2" variant="headingMd">
                {t.eventFeed}
              </Text>
              <Text as="p" tone="subdued">
                {t.eventFeedText}
              </Text>
              <InlineStack>
                <Button url="/app/settings/event-feed">{t.openEventFeed}</Button>
              </InlineStack>
            </BlockStack>
          </Card>
        </Layout.Section>
        <Layout.Section>
          <Card>
            <BlockStack gap="200">
              <Text as="h2" variant="headingMd">
                {t.pos}
              </Text>
              <Text as="p" tone="subdued">
                {t.posText}
              </Text>
              <InlineStack>
                <Button url="/app/settings/pos">{t.openPos}</Button>
              </InlineStack>
            </BlockStack>
          </Card>
        </Layout.Section>
        <Layout.Section>
          <ApiAccess tokens={apiTokens} timeZone={timeZone} />
        </Layout.Section>
      </Layout>
    </Page>
  );
}

function ApiAccess({
  tokens,
  timeZone,
}: {
  tokens: ReturnType<typeof useLoaderData<typeof loader>>["apiTokens"];
  timeZone: string;
}) {
  const fetcher = useFetcher<typeof action>();
  const t = useWords(WORDS);
  const format = useFormat();
  const [name, setName] = useState("");
  const created = fetcher.data?.ok ? fetcher.data.token : null;
  const error =
    fetcher.data && !fetcher.data.ok
      ? fetcher.data.fieldErrors.name
        ? t.tokenNameError
        : fetcher.data.message
      : undefined;
  return (
    <Card>
      <BlockStack gap="300">
        <Text as="h2" variant="headingMd">
          {t.api}
        </Text>
        <Text as="p" tone="subdued">
          {t.apiText} <code>Authorization: Bearer &lt;token&gt;</code>.
        </Text>
        {created ? (
          <Banner tone="success" title={t.copyToken}>
            <Box paddingBlockStart="100">
              <code>{created}</code>
            </Box>
          </Banner>
        ) : null}
        <fetcher.Form method="post">
          <input type="hidden" name="intent" value="create-token" />
          <InlineStack gap="200" blockAlign="end">
            <div style={{ minWidth: 280 }}>
              <TextField
                label={t.tokenName}
                name="name"
                value={name}
                onChange={setName}
                autoComplete="off"
                placeholder={t.tokenPlaceholder}
                error={error}
              />
            </div>
            <Button submit loading={fetcher.state !== "idle"}>
              {t.createToken}
            </Button>
          </InlineStack>
        </fetcher.Form>
        {tokens.length > 0 ? (
          <DataTable
            columnContentTypes={["text", "text", "text", "text"]}
            headings={t.tokenHeadings}
            rows={tokens.map((token) => [
              token.name,
              `…${token.lastFour}`,
              token.lastUsedAt ? format.dateTime(token.lastUsedAt, timeZone) : t.never,
              <fetcher.Form key={token.id} method="post">
                <input type="hidden" name="intent" value="revoke-token" />
                <input type="hidden" name="id" value={token.id} />
                <Button submit variant="plain" tone="critical">
                  {t.revoke}
                </Button>
              </fetcher.Form>,
            ])}
          />
        ) : null}
      </BlockStack>
    </Card>
  );
}
